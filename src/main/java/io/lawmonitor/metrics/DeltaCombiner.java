package io.lawmonitor.metrics;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Adds up metric changes for the same (metric, scope, hour) before they are shuffled to the
 * window operator, so an hour's thousand outcomes in one scope travel as one record. A change is
 * held only while no window that holds its hour can close: before the watermark passes the
 * hour's end, and before every checkpoint barrier, everything due is sent on. Changes from late
 * events pass straight through: their revision batching depends on when they arrive.
 */
public class DeltaCombiner extends AbstractStreamOperator<MetricDelta>
    implements OneInputStreamOperator<MetricDelta, MetricDelta> {
  private static final long serialVersionUID = 1L;
  private static final long HOUR = WindowKind.HOUR;
  /** Past this many held cells everything is sent on, to bound memory. */
  static final int MAX_HELD = 50_000;

  private record Cell(String metric, String scopeLevel, String scope, long hour) {}

  private transient Map<Cell, long[]> held;

  @Override
  public void open() throws Exception {
    super.open();
    held = new HashMap<>();
  }

  @Override
  public void processElement(StreamRecord<MetricDelta> element) {
    MetricDelta d = element.getValue();
    if (d.lateWatermark() != Long.MIN_VALUE) {
      output.collect(element);
      return;
    }
    long[] sum = held.computeIfAbsent(
        new Cell(d.metric(), d.scopeLevel(), d.scope(), WindowKind.floorHour(d.time())), c -> new long[2]);
    sum[0] += d.numerator();
    sum[1] += d.denominator();
    if (held.size() > MAX_HELD) {
      flush(Long.MAX_VALUE);
    }
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    flush(mark.getTimestamp());
    super.processWatermark(mark);
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
    Iterator<Map.Entry<Cell, long[]>> it = held.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Cell, long[]> e = it.next();
      Cell c = e.getKey();
      if (watermark == Long.MAX_VALUE || c.hour() + HOUR <= watermark + 1) {
        long[] s = e.getValue();
        // sent even when it sums to zero: the hour still saw movement (a gauge reports it)
        output.collect(new StreamRecord<>(
            new MetricDelta(c.metric(), c.scopeLevel(), c.scope(), c.hour(), s[0], s[1], Long.MIN_VALUE)));
        it.remove();
      }
    }
  }
}
