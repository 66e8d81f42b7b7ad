package io.lawmonitor.metrics;

import io.lawmonitor.streams.Metric;

import io.lawmonitor.events.CountingProcessFunction;
import io.lawmonitor.runtime.Accounting;
import io.lawmonitor.runtime.HeldSteps;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Windowed figures for one (metric, scope level, scope). Outcomes land in one accumulator per
 * hour; every hourly window (24 h sliding, day to date) is summed from those at its end, so an
 * outcome touches one accumulator, not 24 overlapping window states. Calendar windows (month,
 * year) keep one accumulator each. A window is emitted when the watermark passes its end; a later
 * change inside the allowed lateness re-emits it with {@code revision + 1}. A gauge is reported,
 * at its value at the window's end, for every window in which it moved.
 *
 * <p>A key's windows stay in memory between its calls ({@link ScopeWindows}, changed in place) and
 * a copy goes into Flink's state before each checkpoint (and whenever more than a limit of keys
 * are kept, when they are all let go): there are as many keys as metrics times scopes, not as
 * many as cases, and each is called every hour, so on RocksDB a read and a write an hour per key
 * would otherwise cost more than the figures themselves. One lookup a call finds a key's windows,
 * whether they changed, and its names.
 */
public class WindowedMetricFunction extends CountingProcessFunction<String, MetricDelta, MetricRecord>
    implements HeldSteps.Stepped {
  private static final long serialVersionUID = 1L;
  private static final long HOUR = WindowKind.HOUR;
  private static final long DAY = WindowKind.DAY;
  private static final WindowKind[] KINDS = WindowKind.values();

  private final WindowKind[] windows;
  private final long allowedLateness;
  /** The last window end a bounded input may emit; Long.MAX_VALUE when unbounded. */
  private final long lastEnd;
  private final List<String> gaugeLevels;
  private transient FigureGauges gauges;
  private transient io.lawmonitor.events.RunCounts.Counter records;
  /** The (metric, scope) key whose windows are being emitted. */
  private transient String emitting;
  private final String mode;
  private final boolean hasHourly;

  private transient ValueState<MetricState> state;
  /** What is kept of each key called since the last clearing: one lookup a call. */
  private transient HashMap<String, Slot> kept;
  /** The slots whose windows changed since they were last written into Flink's state. */
  private transient ArrayList<Slot> changed;
  /** At most this many keys are kept in memory; past it, every changed one is written back and all let go. */
  private int keptLimit = 50_000;
  /** A key without state, as kept. */
  private static final ScopeWindows NONE = new ScopeWindows();

  /** A key's windows as its last call left them, and its names. */
  private static final class Slot {
    final String key;
    /**
     * The key's metric, level and scope, split once: the records of its windows then carry the
     * same strings, whose hashes the sinks' lookups (the board's, the file's order) find kept.
     */
    final String[] names;
    /** Null until read from Flink's state; {@link #NONE} for none. Never Flink's own object. */
    ScopeWindows windows;
    boolean changed;

    Slot(String key) {
      this.key = key;
      int bar = key.indexOf('|');
      int bar2 = key.indexOf('|', bar + 1);
      this.names = new String[] {key.substring(0, bar), key.substring(bar + 1, bar2), key.substring(bar2 + 1)};
    }
  }
  /** Where each scope's next hourly window end waits for the watermark. */
  private transient HeldSteps<?, ?> steps;
  private transient Counter droppedLate;

  public WindowedMetricFunction(List<WindowKind> windows, long allowedLatenessMillis, long lastEnd, String mode) {
    this(windows, allowedLatenessMillis, lastEnd, mode, java.util.List.of());
  }

  /** @param gaugeLevels the scope levels whose latest figures are also gauges (for Prometheus) */
  public WindowedMetricFunction(List<WindowKind> windows, long allowedLatenessMillis, long lastEnd, String mode,
      List<String> gaugeLevels) {
    super(Accounting.METRIC_RECORDS);
    this.gaugeLevels = List.copyOf(gaugeLevels);
    this.windows = windows.toArray(new WindowKind[0]);
    this.allowedLateness = allowedLatenessMillis;
    this.lastEnd = lastEnd;
    this.mode = mode;
    this.hasHourly = windows.stream().anyMatch(WindowKind::hourly);
  }

  /** The last hourly window end a bounded input whose last event is at {@code inputEnd} emits. */
  public static long lastEndFor(long inputEnd) {
    return inputEnd >= Long.MAX_VALUE - HOUR ? Long.MAX_VALUE : WindowKind.floorHour(inputEnd) + HOUR;
  }

  @Override
  public void steppedBy(HeldSteps<?, ?> steps) {
    this.steps = steps;
  }

  @Override
  public void open(OpenContext ctx) {
    state = getRuntimeContext().getState(new ValueStateDescriptor<>("windows", MetricStateSerializer.info()));
    counts.open(getRuntimeContext());
    droppedLate = getRuntimeContext().getMetricGroup().addGroup(io.lawmonitor.prometheus.MonitorReporter.MARK)
        .counter("outcomes_beyond_lateness_total");
    // no levels: the run reports to no Prometheus, and the figures go to the files alone
    gauges = gaugeLevels.isEmpty() ? null : new FigureGauges(getRuntimeContext().getMetricGroup(), gaugeLevels);
    records = counts.get(Accounting.METRIC_RECORDS);
    kept = new HashMap<>();
    changed = new ArrayList<>();
  }

  /** The same function, keeping at most {@code limit} keys' state in memory. */
  WindowedMetricFunction keptAtMost(int limit) {
    this.keptLimit = limit;
    return this;
  }

  /** The current key's slot, its windows read. */
  private Slot slot(String key) throws IOException {
    Slot s = kept.get(key);
    if (s == null) {
      s = new Slot(key);
      kept.put(key, s);
    }
    if (s.windows == null) {
      MetricState stored = state.value();
      s.windows = stored == null ? NONE : ScopeWindows.of(stored);
    }
    return s;
  }

  /** The slot's windows, or null for none. */
  private static ScopeWindows windows(Slot s) {
    return s.windows == NONE ? null : s.windows;
  }

  /** Keeps the slot's windows ({@code null}: none) until the next write-back. */
  private void write(Slot s, ScopeWindows st) throws Exception {
    s.windows = st == null ? NONE : st;
    if (!s.changed) {
      s.changed = true;
      changed.add(s);
    }
    if (kept.size() > keptLimit) {
      writeBack();
      kept.clear();
      steps.setCurrentKey(s.key);
    }
  }

  /**
   * Every changed key's windows into Flink's state, before a checkpoint so that the snapshot holds
   * them. Flink's state gets a copy ({@link ScopeWindows#state}), so the windows kept here stay
   * this function's to change.
   */
  @Override
  public void beforeSnapshot() throws Exception {
    writeBack();
  }

  private void writeBack() throws Exception {
    for (Slot s : changed) {
      steps.setCurrentKey(s.key);
      if (s.windows == NONE) {
        state.clear();
      } else {
        state.update(s.windows.state());
      }
      s.changed = false;
    }
    changed.clear();
  }

  @Override
  public void processElement(MetricDelta d, Context ctx, Collector<MetricRecord> out) throws Exception {
    long wm = ctx.timerService().currentWatermark();
    Slot slot = slot(ctx.getCurrentKey());
    ScopeWindows st = windows(slot);
    if (st == null) {
      st = new ScopeWindows();
    }
    long hour = WindowKind.floorHour(d.time());
    if (wm != Long.MIN_VALUE && hour + DAY + HOUR < wm - allowedLateness && !st.hasHour(hour) && !hasCalendar()) {
      droppedLate.inc(); // every window holding it is final
      return;
    }
    boolean newHour = !st.hasHour(hour);
    if (d.lateWatermark() != Long.MIN_VALUE) {
      // held until this operator's watermark passes the one it was late for, then one revision
      st.addLate(hour, d.numerator(), d.denominator(), d.lateWatermark());
      ctx.timerService().registerEventTimeTimer(d.lateWatermark() + 1);
    } else {
      st.addHour(hour, d.numerator(), d.denominator());
    }
    if (newHour && hasHourly) {
      // the first end after the watermark of a window holding this hour; each end fired sets the
      // next one while some hour held is still inside a window (one timer a key, not 24 an hour)
      long first = hour + HOUR > wm ? hour + HOUR : WindowKind.floorHour(wm) + HOUR;
      if (first <= hour + DAY && first <= lastEnd) {
        steps.step(first);
      }
    }
    if (d.lateWatermark() == Long.MIN_VALUE) {
      addCalendar(st, d.time(), d.numerator(), d.denominator(), wm, ctx.timerService());
    }
    if (wm != Long.MIN_VALUE && hour + HOUR <= wm && d.lateWatermark() == Long.MIN_VALUE) {
      // a window holding this hour may have been emitted: revise at the next watermark
      st.markDirty(hour);
      ctx.timerService().registerEventTimeTimer(wm + 1);
    }
    write(slot, st);
  }

  private void addCalendar(ScopeWindows st, long time, long n, long d, long wm,
      org.apache.flink.streaming.api.TimerService timers) {
    for (WindowKind w : windows) {
      if (!w.hourly()) {
        long start = w.calendarStart(time);
        if (st.addCalendar((byte) w.ordinal(), start, n, d)) {
          long end = Math.min(w.calendarEnd(start), lastEnd);
          if (end > wm) {
            timers.registerEventTimeTimer(end);
          }
        }
      }
    }
  }

  private boolean hasCalendar() {
    for (WindowKind w : windows) {
      if (!w.hourly()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void onTimer(long t, OnTimerContext ctx, Collector<MetricRecord> out) throws Exception {
    Slot slot = slot(ctx.getCurrentKey());
    ScopeWindows st = windows(slot);
    if (st == null) {
      return;
    }
    emitting = slot.key;
    String[] parts = slot.names;
    Metric metric = io.lawmonitor.catalogue.Catalogue.metric(parts[0]);
    long wm = steps.watermark(ctx.timerService().currentWatermark());
    for (long[] r : st.releaseLate(t)) {
      addCalendar(st, r[0], r[1], r[2], wm, ctx.timerService());
    }
    if (t % HOUR == 0 && t <= lastEnd) {
      for (WindowKind w : windows) {
        if (w.hourly()) {
          emitHourly(st, metric, parts, w, t, false, out);
        }
      }
      if (hasHourly && t + HOUR <= lastEnd && t + HOUR <= st.lastHour() + DAY) {
        steps.step(t + HOUR);
      }
    }
    for (WindowKind w : windows) {
      if (!w.hourly()) {
        for (int i = 0; i < st.nCalendar; i++) {
          if (st.calKinds[i] == w.ordinal() && Math.min(w.calendarEnd(st.calStarts[i]), lastEnd) == t) {
            emitCalendar(st, metric, parts, w, st.calStarts[i], false, out);
          }
        }
      }
    }
    if (st.nDirty > 0) {
      revise(st, metric, parts, t, out);
    }
    long now = Math.min(t, wm);
    st.prune(now - DAY - allowedLateness - HOUR, now - allowedLateness - HOUR, now - allowedLateness - HOUR,
        metric.kind() == Metric.Kind.GAUGE, (k, s) -> KINDS[(int) k].calendarEnd(s));
    write(slot, st.isEmpty() ? null : st);
  }

  private void emitHourly(ScopeWindows st, Metric metric, String[] key, WindowKind w, long end, boolean revising,
      Collector<MetricRecord> out) {
    byte kind = (byte) w.ordinal();
    int before = st.emittedIndex(kind, end);
    if (before >= 0 && !revising) {
      return;
    }
    long start = w.startForEnd(end);
    boolean gauge = metric.kind() == Metric.Kind.GAUGE;
    st.sum(start, end);
    emit(st, metric, key, w, start, end, gauge ? st.gaugeBefore(end) : st.sumNum, gauge ? 0 : st.sumDen,
        st.sumHours > 0, before, out);
  }

  private void emitCalendar(ScopeWindows st, Metric metric, String[] key, WindowKind w, long start, boolean revising,
      Collector<MetricRecord> out) {
    byte kind = (byte) w.ordinal();
    long end = Math.min(w.calendarEnd(start), lastEnd);
    int before = st.emittedIndex(kind, end);
    if (before >= 0 && !revising) {
      return;
    }
    int i = st.calendarIndex(kind, start);
    long n = i < 0 ? 0 : st.calNums[i];
    long d = i < 0 ? 0 : st.calDens[i];
    if (metric.kind() == Metric.Kind.GAUGE) {
      emit(st, metric, key, w, start, end, st.gaugeBefore(end), 0, i >= 0, before, out);
    } else {
      emit(st, metric, key, w, start, end, n, d, i >= 0, before, out);
    }
  }

  /** Re-emits every emitted window (up to now) that holds an hour changed after the fact. */
  private void revise(ScopeWindows st, Metric metric, String[] key, long t, Collector<MetricRecord> out) {
    boolean gauge = metric.kind() == Metric.Kind.GAUGE;
    long earliest = st.dirty[0];
    for (WindowKind w : windows) {
      if (w.hourly()) {
        TreeSet<Long> ends = new TreeSet<>();
        for (int j = 0; j < st.nDirty; j++) {
          long h = st.dirty[j];
          for (long end = h + HOUR; end <= w.lastEndHolding(h) && end <= t && end <= lastEnd; end += HOUR) {
            ends.add(end);
          }
        }
        if (gauge) {
          // a gauge's value at every later window end moved too
          for (int i = 0; i < st.nEmitted; i++) {
            if (st.emKinds[i] == w.ordinal() && st.emEnds[i] > earliest && st.emEnds[i] <= t) {
              ends.add(st.emEnds[i]);
            }
          }
        }
        for (long end : ends) {
          emitHourly(st, metric, key, w, end, true, out);
        }
      } else {
        TreeSet<Long> starts = new TreeSet<>();
        for (int j = 0; j < st.nDirty; j++) {
          long h = st.dirty[j];
          starts.add(w.calendarStart(h));
        }
        for (long start : starts) {
          long end = Math.min(w.calendarEnd(start), lastEnd);
          if (end <= t && st.emittedIndex((byte) w.ordinal(), end) >= 0) {
            emitCalendar(st, metric, key, w, start, true, out);
          }
        }
      }
    }
    st.nDirty = 0;
  }

  private void emit(ScopeWindows st, Metric metric, String[] key, WindowKind w, long start, long end, long n, long d,
      boolean active, int before, Collector<MetricRecord> out) {
    boolean rate = metric.kind() == Metric.Kind.RATE;
    boolean nonEmpty = rate ? d > 0 : (metric.kind() == Metric.Kind.COUNT ? n != 0 : active);
    if (!nonEmpty) {
      return;
    }
    if (before >= 0 && st.emNums[before] == n && st.emDens[before] == d) {
      return;
    }
    int revision = before < 0 ? 0 : st.emRevisions[before] + 1;
    st.recordEmitted((byte) w.ordinal(), end, revision, n, d);
    records.add(1L);
    MetricRecord r;
    if (rate) {
      double[] ci = Wilson.interval(Math.max(0, n), d, Wilson.Z95);
      r = new MetricRecord(metric.id(), w.wireName(), start, end, key[1], key[2], n, d, (double) n / d,
          Wilson.floor4(ci[0]), Wilson.ceil4(ci[1]), revision, mode);
    } else {
      r = new MetricRecord(metric.id(), w.wireName(), start, end, key[1], key[2], null, null, n, null, null, revision,
          mode);
    }
    if (gauges != null) {
      gauges.update(emitting, w, r);
    }
    out.collect(r);
  }
}
