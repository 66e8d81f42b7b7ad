package io.lawmonitor.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Adds up metric changes for the same (metric, scope, hour) before they are shuffled to the
 * window operator, so an hour's thousand outcomes in one scope travel as one record. A change is
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
    implements OneInputStreamOperator<MetricDelta, MetricDelta> {
  private static final long serialVersionUID = 1L;
  private static final long HOUR = WindowKind.HOUR;
  /** The step in which the watermark is passed on. */
  static final long STEP = 60_000L;
  /** Past this many held cells everything is sent on, to bound memory. */
  static final int MAX_HELD = 50_000;

  private record Cell(String metric, String scopeLevel, String scope) {}

  /** Held sums by hour, then by cell. */
  private transient TreeMap<Long, Map<Cell, long[]>> held;
  private transient int cells;
  private transient long forwarded;
  /** The hour last added to, and its cells (most changes fall in the hour before them). */
  private transient long lastHour;
  private transient Map<Cell, long[]> lastCells;

  @Override
  public void open() throws Exception {
    super.open();
    held = new TreeMap<>();
    cells = 0;
    forwarded = Long.MIN_VALUE;
    lastCells = null;
  }

  @Override
  public void processElement(StreamRecord<MetricDelta> element) {
    MetricDelta d = element.getValue();
    if (d.lateWatermark() != Long.MIN_VALUE) {
      output.collect(element);
      return;
    }
    long h = WindowKind.floorHour(d.time());
    if (lastCells == null || h != lastHour) {
      lastHour = h;
      lastCells = held.computeIfAbsent(h, k -> new HashMap<>());
    }
    Cell cell = new Cell(d.metric(), d.scopeLevel(), d.scope());
    long[] sum = lastCells.get(cell);
    if (sum == null) {
      sum = new long[2];
      lastCells.put(cell, sum);
      cells++;
    }
    sum[0] += d.numerator();
    sum[1] += d.denominator();
    if (cells > MAX_HELD) {
      flush(Long.MAX_VALUE);
    }
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
