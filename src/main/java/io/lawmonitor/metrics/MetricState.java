package io.lawmonitor.metrics;

/**
 * Everything one (metric, scope) keeps, as Flink's state holds it, in one value so that a key costs
 * one state read and one write: an accumulator per hour, the calendar-window accumulators, what
 * each window last emitted (for revisions), and the hours changed after their windows were
 * emitted. Arrays of primitives, each exactly as long as its entries, sorted where it matters; a
 * key holds a few dozen entries at most. The windows work on it as {@link ScopeWindows}. Kept in
 * state by {@link MetricStateSerializer}; a POJO still, as older savepoints kept it.
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
}
