package io.lawmonitor.metrics;

import io.lawmonitor.lifecycle.Fact;
import io.lawmonitor.streams.Contribution;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Turns outcome facts into metric changes, one per metric a fact moves and scope it counts in (of
 * the levels and metrics computed), and adds them up for the same (metric, scope, hour) before they
 * are shuffled to the window operator, so an hour's thousand outcomes in one scope travel as one
 * record. A change is
 * held only while no window that holds its hour can close: before the watermark passes the
 * hour's end, before every checkpoint barrier and before an idle input is passed on as idle,
 * everything due is sent on. Changes from late events pass straight through: their revision
 * batching depends on when they arrive.
 *
 * <p>Downstream of here, event time moves in whole minutes: windows end on the hour and a
 * revision is due at the next watermark, so nothing after this operator needs a finer clock,
 * and a watermark a minute costs a fraction of one a second (one per event in a busy stream).
 */
public class DeltaCombiner extends AbstractStreamOperator<MetricDelta>
    implements OneInputStreamOperator<Fact, MetricDelta> {
  private static final long serialVersionUID = 1L;
  private static final long HOUR = WindowKind.HOUR;
  /** The step in which the watermark is passed on. */
  static final long STEP = 60_000L;
  /** Past this many held cells everything is sent on, to bound memory. */
  static final int MAX_HELD = 50_000;

  /** Past this many (region, agency) pairs the places are worked out afresh. */
  private static final int MAX_PLACES = 50_000;

  private record Cell(String metric, String scopeLevel, String scope) {}

  /**
   * The scopes of a region and agency (computed levels only), and per metric its cell in each of
   * them: made once, so that a fact's changes are added up without a record made for each.
   */
  private static final class Place {
    final List<Scopes.Scope> scopes;
    final Map<String, Cell[]> cells = new HashMap<>();

    Place(List<Scopes.Scope> scopes) {
      this.scopes = scopes;
    }

    Cell[] cells(String metric) {
      Cell[] c = cells.get(metric);
      if (c == null) {
        c = new Cell[scopes.size()];
        for (int i = 0; i < c.length; i++) {
          c[i] = new Cell(metric, scopes.get(i).level(), scopes.get(i).name());
        }
        cells.put(metric, c);
      }
      return c;
    }
  }

  private final Set<String> levels;
  /** The ids of the metrics computed. */
  private final Set<String> metrics;
  /** By region, then agency (null as ""). */
  private transient HashMap<String, HashMap<String, Place>> places;
  private transient int placed;

  /** Held sums by hour, then by cell. */
  private transient TreeMap<Long, Map<Cell, long[]>> held;
  private transient int cells;
  private transient long forwarded;
  /** The hour last added to, and its cells (most changes fall in the hour before them). */
  private transient long lastHour;
  private transient Map<Cell, long[]> lastCells;

  public DeltaCombiner(Collection<String> levels, Collection<String> metrics) {
    this.levels = new HashSet<>(levels);
    this.metrics = new HashSet<>(metrics);
  }

  @Override
  public void open() throws Exception {
    super.open();
    held = new TreeMap<>();
    cells = 0;
    forwarded = Long.MIN_VALUE;
    lastCells = null;
  }

  @Override
  public void processElement(StreamRecord<Fact> element) {
    Fact f = element.getValue();
    List<Contribution> contributions = Contributions.of(f);
    if (contributions.isEmpty()) {
      return;
    }
    Place place = place(f.region(), f.agency());
    Cell[][] byContribution = new Cell[contributions.size()][];
    for (int j = 0; j < byContribution.length; j++) {
      String metric = contributions.get(j).metric().id();
      byContribution[j] = metrics.contains(metric) ? place.cells(metric) : null;
    }
    // scope by scope, each in the contributions' order, as the changes have always gone on
    for (int i = 0; i < place.scopes.size(); i++) {
      for (int j = 0; j < byContribution.length; j++) {
        if (byContribution[j] != null) {
          Contribution c = contributions.get(j);
          add(byContribution[j][i], f.time(), c.numerator(), c.denominator(), f.lateWatermark());
        }
      }
    }
  }

  private void add(Cell cell, long time, long numerator, long denominator, long lateWatermark) {
    if (lateWatermark != Long.MIN_VALUE) {
      // a change from a late event goes straight on: its revision depends on when it arrives
      output.collect(new StreamRecord<>(
          new MetricDelta(cell.metric(), cell.scopeLevel(), cell.scope(), time, numerator, denominator, lateWatermark)));
      return;
    }
    long h = WindowKind.floorHour(time);
    if (lastCells == null || h != lastHour) {
      lastHour = h;
      lastCells = held.computeIfAbsent(h, k -> new HashMap<>());
    }
    long[] sum = lastCells.get(cell);
    if (sum == null) {
      sum = new long[2];
      lastCells.put(cell, sum);
      cells++;
    }
    sum[0] += numerator;
    sum[1] += denominator;
    if (cells > MAX_HELD) {
      flush(Long.MAX_VALUE);
    }
  }

  private Place place(String region, String agency) {
    if (places == null || placed >= MAX_PLACES) {
      places = new HashMap<>();
      placed = 0;
    }
    HashMap<String, Place> byAgency = places.computeIfAbsent(region == null ? "" : region, r -> new HashMap<>());
    return byAgency.computeIfAbsent(agency == null ? "" : agency, a -> {
      placed++;
      return new Place(Scopes.of(region, agency).stream().filter(s -> levels.contains(s.level())).toList());
    });
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    long t = mark.getTimestamp();
    flush(t);
    long step = stepOf(t);
    if (step > forwarded) {
      forwarded = step;
      super.processWatermark(step == t ? mark : new Watermark(step));
    }
  }

  /** The watermark passed on for {@code t}: the whole minute at or before it (the ends of time as they are). */
  static long stepOf(long t) {
    return t == Long.MIN_VALUE || t == Long.MAX_VALUE ? t : Math.floorDiv(t, STEP) * STEP;
  }

  /**
   * An input that goes idle stops holding the window operator back, which then follows the other
   * inputs' watermarks: what is held here goes on first, so that no window closes without it.
   */
  @Override
  public void processWatermarkStatus(WatermarkStatus status) throws Exception {
    if (status.isIdle()) {
      flush(Long.MAX_VALUE);
    }
    super.processWatermarkStatus(status);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    flush(Long.MAX_VALUE);
  }

  @Override
  public void finish() throws Exception {
    flush(Long.MAX_VALUE);
    super.finish();
  }

  /** Sends on every cell whose hour ends at or before {@code watermark}. */
  private void flush(long watermark) {
    while (!held.isEmpty()) {
      long hour = held.firstKey();
      if (watermark != Long.MAX_VALUE && hour + HOUR > watermark + 1) {
        return;
      }
      if (hour == lastHour) {
        lastCells = null;
      }
      for (Map.Entry<Cell, long[]> e : held.pollFirstEntry().getValue().entrySet()) {
        Cell c = e.getKey();
        long[] s = e.getValue();
        // sent even when it sums to zero: the hour still saw movement (a gauge reports it)
        output.collect(new StreamRecord<>(
            new MetricDelta(c.metric(), c.scopeLevel(), c.scope(), hour, s[0], s[1], Long.MIN_VALUE)));
        cells--;
      }
    }
  }
}
