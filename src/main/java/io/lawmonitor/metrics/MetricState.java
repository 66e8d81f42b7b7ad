package io.lawmonitor.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything one (metric, scope) keeps, in one object so a record costs one state read and one
 * write: an accumulator per hour, the calendar-window accumulators, what each window last
 * emitted (for revisions), and the hours changed after their windows were emitted. Arrays of
 * primitives, sorted where it matters; a key holds a few dozen entries at most. Kept in state by
 * {@link MetricStateSerializer}; a POJO still, as older savepoints kept it.
 */
public class MetricState {
  /** Hour starts (ascending) and their numerator and denominator sums. */
  public long[] hours = new long[0];
  public long[] nums = new long[0];
  public long[] dens = new long[0];
  /** A gauge's value from hours no longer held. */
  public long gaugeBase;
  /** Emitted windows: end, window kind ordinal, revision, numerator, denominator. */
  public long[] emEnds = new long[0];
  public byte[] emKinds = new byte[0];
  public int[] emRevisions = new int[0];
  public long[] emNums = new long[0];
  public long[] emDens = new long[0];
  /** Calendar-window accumulators: start, kind ordinal, sums. */
  public long[] calStarts = new long[0];
  public byte[] calKinds = new byte[0];
  public long[] calNums = new long[0];
  public long[] calDens = new long[0];
  /** Hours changed after some window holding them was emitted. */
  public long[] dirty = new long[0];
  /**
   * Changes from events that arrived behind the watermark: hour, sums, and that watermark. They
   * are held until this operator's own watermark passes it (by then every change late for it has
   * arrived), then join the hours above together, as one revision of the windows they change.
   */
  public long[] lateHours = new long[0];
  public long[] lateNums = new long[0];
  public long[] lateDens = new long[0];
  public long[] lateWatermarks = new long[0];

  public MetricState() {}

  /** Adds to an hour; true if the hour is new. */
  boolean addHour(long hour, long n, long d) {
    int i = Arrays.binarySearch(hours, hour);
    if (i >= 0) {
      nums[i] += n;
      dens[i] += d;
      return false;
    }
    int at = -i - 1;
    hours = insert(hours, at, hour);
    nums = insert(nums, at, n);
    dens = insert(dens, at, d);
    return true;
  }

  /** The latest hour held, late changes included; Long.MIN_VALUE / 2 for none. */
  long lastHour() {
    long last = hours.length == 0 ? Long.MIN_VALUE / 2 : hours[hours.length - 1];
    for (long h : lateHours) {
      last = Math.max(last, h);
    }
    return last;
  }

  boolean hasHour(long hour) {
    return Arrays.binarySearch(hours, hour) >= 0 || Arrays.stream(lateHours).anyMatch(h -> h == hour);
  }

  void addLate(long hour, long n, long d, long watermark) {
    int at = lateHours.length;
    lateHours = insert(lateHours, at, hour);
    lateNums = insert(lateNums, at, n);
    lateDens = insert(lateDens, at, d);
    lateWatermarks = insert(lateWatermarks, at, watermark);
  }

  /**
   * Moves late changes whose watermark is before {@code t} in with the others, marking their
   * hours changed; returns them as {hour, num, den} for the calendar windows.
   */
  List<long[]> releaseLate(long t) {
    List<long[]> released = new ArrayList<>();
    int n = 0;
    for (int i = 0; i < lateHours.length; i++) {
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
    if (n < lateHours.length) {
      lateHours = Arrays.copyOf(lateHours, n);
      lateNums = Arrays.copyOf(lateNums, n);
      lateDens = Arrays.copyOf(lateDens, n);
      lateWatermarks = Arrays.copyOf(lateWatermarks, n);
    }
    return released;
  }

  /** {num, den, hours with data} over [start, end), late changes still held left out. */
  long[] sum(long start, long end) {
    long n = 0;
    long d = 0;
    long active = 0;
    for (int i = 0; i < hours.length; i++) {
      if (hours[i] >= start && hours[i] < end) {
        n += nums[i];
        d += dens[i];
        active++;
      }
    }
    return new long[] {n, d, active};
  }

  long gaugeBefore(long end) {
    long v = gaugeBase;
    for (int i = 0; i < hours.length && hours[i] < end; i++) {
      v += nums[i];
    }
    return v;
  }

  /** Adds to a calendar window's accumulator; true if it is new. */
  boolean addCalendar(byte kind, long start, long n, long d) {
    for (int i = 0; i < calStarts.length; i++) {
      if (calKinds[i] == kind && calStarts[i] == start) {
        calNums[i] += n;
        calDens[i] += d;
        return false;
      }
    }
    int at = calStarts.length;
    calStarts = insert(calStarts, at, start);
    calKinds = insert(calKinds, at, kind);
    calNums = insert(calNums, at, n);
    calDens = insert(calDens, at, d);
    return true;
  }

  int calendarIndex(byte kind, long start) {
    for (int i = 0; i < calStarts.length; i++) {
      if (calKinds[i] == kind && calStarts[i] == start) {
        return i;
      }
    }
    return -1;
  }

  int emittedIndex(byte kind, long end) {
    for (int i = 0; i < emEnds.length; i++) {
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
    int at = emEnds.length;
    emEnds = insert(emEnds, at, end);
    emKinds = insert(emKinds, at, kind);
    emRevisions = insert(emRevisions, at, revision);
    emNums = insert(emNums, at, n);
    emDens = insert(emDens, at, d);
  }

  void markDirty(long hour) {
    int i = Arrays.binarySearch(dirty, hour);
    if (i < 0) {
      dirty = insert(dirty, -i - 1, hour);
    }
  }

  /** Forgets hours before {@code horizon} (a gauge keeps their sum) and emitted windows before {@code emittedHorizon}. */
  void prune(long horizon, long emittedHorizon, long calendarHorizon, boolean gauge, java.util.function.LongBinaryOperator calendarEnd) {
    int keep = 0;
    while (keep < hours.length && hours[keep] < horizon) {
      if (gauge) {
        gaugeBase += nums[keep];
      }
      keep++;
    }
    if (keep > 0) {
      hours = Arrays.copyOfRange(hours, keep, hours.length);
      nums = Arrays.copyOfRange(nums, keep, nums.length);
      dens = Arrays.copyOfRange(dens, keep, dens.length);
    }
    int n = 0;
    for (int i = 0; i < emEnds.length; i++) {
      if (emEnds[i] >= emittedHorizon) {
        emEnds[n] = emEnds[i];
        emKinds[n] = emKinds[i];
        emRevisions[n] = emRevisions[i];
        emNums[n] = emNums[i];
        emDens[n] = emDens[i];
        n++;
      }
    }
    if (n < emEnds.length) {
      emEnds = Arrays.copyOf(emEnds, n);
      emKinds = Arrays.copyOf(emKinds, n);
      emRevisions = Arrays.copyOf(emRevisions, n);
      emNums = Arrays.copyOf(emNums, n);
      emDens = Arrays.copyOf(emDens, n);
    }
    n = 0;
    for (int i = 0; i < calStarts.length; i++) {
      if (calendarEnd.applyAsLong(calKinds[i], calStarts[i]) >= calendarHorizon) {
        calStarts[n] = calStarts[i];
        calKinds[n] = calKinds[i];
        calNums[n] = calNums[i];
        calDens[n] = calDens[i];
        n++;
      }
    }
    if (n < calStarts.length) {
      calStarts = Arrays.copyOf(calStarts, n);
      calKinds = Arrays.copyOf(calKinds, n);
      calNums = Arrays.copyOf(calNums, n);
      calDens = Arrays.copyOf(calDens, n);
    }
  }

  boolean isEmpty() {
    return hours.length == 0 && calStarts.length == 0 && emEnds.length == 0 && gaugeBase == 0
        && lateHours.length == 0;
  }

  private static long[] insert(long[] a, int at, long v) {
    long[] b = new long[a.length + 1];
    System.arraycopy(a, 0, b, 0, at);
    b[at] = v;
    System.arraycopy(a, at, b, at + 1, a.length - at);
    return b;
  }

  private static int[] insert(int[] a, int at, int v) {
    int[] b = new int[a.length + 1];
    System.arraycopy(a, 0, b, 0, at);
    b[at] = v;
    System.arraycopy(a, at, b, at + 1, a.length - at);
    return b;
  }

  private static byte[] insert(byte[] a, int at, byte v) {
    byte[] b = new byte[a.length + 1];
    System.arraycopy(a, 0, b, 0, at);
    b[at] = v;
    System.arraycopy(a, at, b, at + 1, a.length - at);
    return b;
  }
}
