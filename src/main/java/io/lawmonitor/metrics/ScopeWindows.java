package io.lawmonitor.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongBinaryOperator;

/**
 * The windows of one (metric, scope) while {@link WindowedMetricFunction} works on them: the values
 * of its {@link MetricState}, each group in arrays with a count, changed in place. An hour added, a
 * window emitted or an hour pruned moves a few values inside arrays that grow by doubling, where
 * the state form would be copied whole: the state form's arrays were most of the bytes the windows
 * allocated (docs/performance.md). It becomes a {@link MetricState} again when it goes into
 * Flink's state, before a checkpoint.
 */
final class ScopeWindows {
  private static final long[] NO_LONGS = new long[0];
  private static final byte[] NO_BYTES = new byte[0];
  private static final int[] NO_INTS = new int[0];

  /** Hour starts (ascending) and their numerator and denominator sums. */
  long[] hours = NO_LONGS;
  long[] nums = NO_LONGS;
  long[] dens = NO_LONGS;
  int nHours;
  /** A gauge's value from hours no longer held. */
  long gaugeBase;
  /** Emitted windows: end, window kind ordinal, revision, numerator, denominator. */
  long[] emEnds = NO_LONGS;
  byte[] emKinds = NO_BYTES;
  int[] emRevisions = NO_INTS;
  long[] emNums = NO_LONGS;
  long[] emDens = NO_LONGS;
  int nEmitted;
  /** Calendar-window accumulators: start, kind ordinal, sums. */
  long[] calStarts = NO_LONGS;
  byte[] calKinds = NO_BYTES;
  long[] calNums = NO_LONGS;
  long[] calDens = NO_LONGS;
  int nCalendar;
  /** Hours changed after some window holding them was emitted (ascending). */
  long[] dirty = NO_LONGS;
  int nDirty;
  /** Changes from events behind the watermark, held until it passes theirs (see MetricState). */
  long[] lateHours = NO_LONGS;
  long[] lateNums = NO_LONGS;
  long[] lateDens = NO_LONGS;
  long[] lateWatermarks = NO_LONGS;
  int nLate;
  /** What the last {@link #sum} found: numerator, denominator and hours with data. */
  long sumNum;
  long sumDen;
  long sumHours;

  ScopeWindows() {}

  /**
   * The state's values, in arrays of their own: on heap state the state's object is Flink's, which a
   * snapshot in progress may still be writing, and these are changed in place across checkpoints.
   */
  static ScopeWindows of(MetricState s) {
    ScopeWindows w = new ScopeWindows();
    w.hours = s.hours.clone();
    w.nums = s.nums.clone();
    w.dens = s.dens.clone();
    w.nHours = s.hours.length;
    w.gaugeBase = s.gaugeBase;
    w.emEnds = s.emEnds.clone();
    w.emKinds = s.emKinds.clone();
    w.emRevisions = s.emRevisions.clone();
    w.emNums = s.emNums.clone();
    w.emDens = s.emDens.clone();
    w.nEmitted = s.emEnds.length;
    w.calStarts = s.calStarts.clone();
    w.calKinds = s.calKinds.clone();
    w.calNums = s.calNums.clone();
    w.calDens = s.calDens.clone();
    w.nCalendar = s.calStarts.length;
    w.dirty = s.dirty.clone();
    w.nDirty = s.dirty.length;
    w.lateHours = s.lateHours.clone();
    w.lateNums = s.lateNums.clone();
    w.lateDens = s.lateDens.clone();
    w.lateWatermarks = s.lateWatermarks.clone();
    w.nLate = s.lateHours.length;
    return w;
  }

  /** The state form: every array cut to its count, none shared with this. */
  MetricState state() {
    MetricState s = new MetricState();
    s.hours = Arrays.copyOf(hours, nHours);
    s.nums = Arrays.copyOf(nums, nHours);
    s.dens = Arrays.copyOf(dens, nHours);
    s.gaugeBase = gaugeBase;
    s.emEnds = Arrays.copyOf(emEnds, nEmitted);
    s.emKinds = Arrays.copyOf(emKinds, nEmitted);
    s.emRevisions = Arrays.copyOf(emRevisions, nEmitted);
    s.emNums = Arrays.copyOf(emNums, nEmitted);
    s.emDens = Arrays.copyOf(emDens, nEmitted);
    s.calStarts = Arrays.copyOf(calStarts, nCalendar);
    s.calKinds = Arrays.copyOf(calKinds, nCalendar);
    s.calNums = Arrays.copyOf(calNums, nCalendar);
    s.calDens = Arrays.copyOf(calDens, nCalendar);
    s.dirty = Arrays.copyOf(dirty, nDirty);
    s.lateHours = Arrays.copyOf(lateHours, nLate);
    s.lateNums = Arrays.copyOf(lateNums, nLate);
    s.lateDens = Arrays.copyOf(lateDens, nLate);
    s.lateWatermarks = Arrays.copyOf(lateWatermarks, nLate);
    return s;
  }

  /** Adds to an hour; true if the hour is new. */
  boolean addHour(long hour, long n, long d) {
    int i = Arrays.binarySearch(hours, 0, nHours, hour);
    if (i >= 0) {
      nums[i] += n;
      dens[i] += d;
      return false;
    }
    int at = -i - 1;
    if (nHours == hours.length) {
      int cap = grown(nHours);
      hours = Arrays.copyOf(hours, cap);
      nums = Arrays.copyOf(nums, cap);
      dens = Arrays.copyOf(dens, cap);
    }
    int tail = nHours - at;
    System.arraycopy(hours, at, hours, at + 1, tail);
    System.arraycopy(nums, at, nums, at + 1, tail);
    System.arraycopy(dens, at, dens, at + 1, tail);
    hours[at] = hour;
    nums[at] = n;
    dens[at] = d;
    nHours++;
    return true;
  }

  /** The latest hour held, late changes included; Long.MIN_VALUE / 2 for none. */
  long lastHour() {
    long last = nHours == 0 ? Long.MIN_VALUE / 2 : hours[nHours - 1];
    for (int i = 0; i < nLate; i++) {
      last = Math.max(last, lateHours[i]);
    }
    return last;
  }

  boolean hasHour(long hour) {
    if (Arrays.binarySearch(hours, 0, nHours, hour) >= 0) {
      return true;
    }
    for (int i = 0; i < nLate; i++) {
      if (lateHours[i] == hour) {
        return true;
      }
    }
    return false;
  }

  void addLate(long hour, long n, long d, long watermark) {
    if (nLate == lateHours.length) {
      int cap = grown(nLate);
      lateHours = Arrays.copyOf(lateHours, cap);
      lateNums = Arrays.copyOf(lateNums, cap);
      lateDens = Arrays.copyOf(lateDens, cap);
      lateWatermarks = Arrays.copyOf(lateWatermarks, cap);
    }
    lateHours[nLate] = hour;
    lateNums[nLate] = n;
    lateDens[nLate] = d;
    lateWatermarks[nLate] = watermark;
    nLate++;
  }

  /**
   * Moves late changes whose watermark is before {@code t} in with the others, marking their
   * hours changed; returns them as {hour, num, den} for the calendar windows.
   */
  List<long[]> releaseLate(long t) {
    if (nLate == 0) {
      return List.of();
    }
    List<long[]> released = new ArrayList<>();
    int n = 0;
    for (int i = 0; i < nLate; i++) {
      if (lateWatermarks[i] < t) {
        addHour(lateHours[i], lateNums[i], lateDens[i]);
        markDirty(lateHours[i]);
        released.add(new long[] {lateHours[i], lateNums[i], lateDens[i]});
      } else {
        lateHours[n] = lateHours[i];
        lateNums[n] = lateNums[i];
        lateDens[n] = lateDens[i];
        lateWatermarks[n] = lateWatermarks[i];
        n++;
      }
    }
    nLate = n;
    return released;
  }

  /**
   * Sums the hours in [start, end), late changes still held left out, into {@link #sumNum},
   * {@link #sumDen} and {@link #sumHours}.
   */
  void sum(long start, long end) {
    long n = 0;
    long d = 0;
    long active = 0;
    int i = Arrays.binarySearch(hours, 0, nHours, start);
    for (i = i < 0 ? -i - 1 : i; i < nHours && hours[i] < end; i++) {
      n += nums[i];
      d += dens[i];
      active++;
    }
    sumNum = n;
    sumDen = d;
    sumHours = active;
  }

  long gaugeBefore(long end) {
    long v = gaugeBase;
    for (int i = 0; i < nHours && hours[i] < end; i++) {
      v += nums[i];
    }
    return v;
  }

  /** Adds to a calendar window's accumulator; true if it is new. */
  boolean addCalendar(byte kind, long start, long n, long d) {
    int i = calendarIndex(kind, start);
    if (i >= 0) {
      calNums[i] += n;
      calDens[i] += d;
      return false;
    }
    if (nCalendar == calStarts.length) {
      int cap = grown(nCalendar);
      calStarts = Arrays.copyOf(calStarts, cap);
      calKinds = Arrays.copyOf(calKinds, cap);
      calNums = Arrays.copyOf(calNums, cap);
      calDens = Arrays.copyOf(calDens, cap);
    }
    calStarts[nCalendar] = start;
    calKinds[nCalendar] = kind;
    calNums[nCalendar] = n;
    calDens[nCalendar] = d;
    nCalendar++;
    return true;
  }

  int calendarIndex(byte kind, long start) {
    for (int i = 0; i < nCalendar; i++) {
      if (calKinds[i] == kind && calStarts[i] == start) {
        return i;
      }
    }
    return -1;
  }

  int emittedIndex(byte kind, long end) {
    for (int i = 0; i < nEmitted; i++) {
      if (emKinds[i] == kind && emEnds[i] == end) {
        return i;
      }
    }
    return -1;
  }

  void recordEmitted(byte kind, long end, int revision, long n, long d) {
    int i = emittedIndex(kind, end);
    if (i >= 0) {
      emRevisions[i] = revision;
      emNums[i] = n;
      emDens[i] = d;
      return;
    }
    if (nEmitted == emEnds.length) {
      int cap = grown(nEmitted);
      emEnds = Arrays.copyOf(emEnds, cap);
      emKinds = Arrays.copyOf(emKinds, cap);
      emRevisions = Arrays.copyOf(emRevisions, cap);
      emNums = Arrays.copyOf(emNums, cap);
      emDens = Arrays.copyOf(emDens, cap);
    }
    emEnds[nEmitted] = end;
    emKinds[nEmitted] = kind;
    emRevisions[nEmitted] = revision;
    emNums[nEmitted] = n;
    emDens[nEmitted] = d;
    nEmitted++;
  }

  void markDirty(long hour) {
    int i = Arrays.binarySearch(dirty, 0, nDirty, hour);
    if (i >= 0) {
      return;
    }
    int at = -i - 1;
    if (nDirty == dirty.length) {
      dirty = Arrays.copyOf(dirty, grown(nDirty));
    }
    System.arraycopy(dirty, at, dirty, at + 1, nDirty - at);
    dirty[at] = hour;
    nDirty++;
  }

  /**
   * Forgets hours before {@code horizon} (a gauge keeps their sum), emitted windows ending before
   * {@code emittedHorizon} and calendar windows ending before {@code calendarHorizon}.
   */
  void prune(long horizon, long emittedHorizon, long calendarHorizon, boolean gauge, LongBinaryOperator calendarEnd) {
    int drop = 0;
    while (drop < nHours && hours[drop] < horizon) {
      if (gauge) {
        gaugeBase += nums[drop];
      }
      drop++;
    }
    if (drop > 0) {
      int keep = nHours - drop;
      System.arraycopy(hours, drop, hours, 0, keep);
      System.arraycopy(nums, drop, nums, 0, keep);
      System.arraycopy(dens, drop, dens, 0, keep);
      nHours = keep;
    }
    int n = 0;
    for (int i = 0; i < nEmitted; i++) {
      if (emEnds[i] >= emittedHorizon) {
        emEnds[n] = emEnds[i];
        emKinds[n] = emKinds[i];
        emRevisions[n] = emRevisions[i];
        emNums[n] = emNums[i];
        emDens[n] = emDens[i];
        n++;
      }
    }
    nEmitted = n;
    n = 0;
    for (int i = 0; i < nCalendar; i++) {
      if (calendarEnd.applyAsLong(calKinds[i], calStarts[i]) >= calendarHorizon) {
        calStarts[n] = calStarts[i];
        calKinds[n] = calKinds[i];
        calNums[n] = calNums[i];
        calDens[n] = calDens[i];
        n++;
      }
    }
    nCalendar = n;
  }

  boolean isEmpty() {
    return nHours == 0 && nCalendar == 0 && nEmitted == 0 && gaugeBase == 0 && nLate == 0;
  }

  /** The capacity after {@code n} full entries. */
  private static int grown(int n) {
    return Math.max(4, n * 2);
  }
}
