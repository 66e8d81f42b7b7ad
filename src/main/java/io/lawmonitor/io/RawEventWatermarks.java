package io.lawmonitor.io;

import io.lawmonitor.events.RawEvent;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks for a source that reads several partitions: one generator per partition, so a
 * partition that is behind holds the watermark back rather than having its events made late.
 * Bounded out-of-orderness in whole seconds; a single far jump ahead does not move the watermark
 * until the next record in the partition follows it there (the parse step refuses it otherwise).
 */
public class RawEventWatermarks implements WatermarkGenerator<RawEvent> {
  private final long outOfOrderness;
  private final long farFuture;
  private long max = Long.MIN_VALUE;
  private long held = Long.MIN_VALUE;
  private long emitted = Long.MIN_VALUE;

  public RawEventWatermarks(long outOfOrdernessMillis, long farFutureMillis) {
    this.outOfOrderness = outOfOrdernessMillis;
    this.farFuture = farFutureMillis;
  }

  /** The event time in a raw record, or the record's own timestamp when unreadable. */
  public static long timestamp(RawEvent raw, long recordTimestamp) {
    long t = raw.text() == null ? Long.MIN_VALUE : MergedLines.timeOf(raw.text());
    return t == Long.MIN_VALUE ? recordTimestamp : t;
  }

  @Override
  public void onEvent(RawEvent event, long ts, WatermarkOutput output) {
    if (held != Long.MIN_VALUE) {
      if (ts >= held - farFuture) {
        max = Math.max(max, held);
      }
      held = Long.MIN_VALUE;
    }
    if (max != Long.MIN_VALUE && ts > max - outOfOrderness + farFuture) {
      held = ts;
      return;
    }
    max = Math.max(max, ts);
    long wm = Math.floorDiv(max - outOfOrderness - 1, 1000L) * 1000L;
    if (wm > emitted) {
      emitted = wm;
      output.emitWatermark(new Watermark(wm));
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    if (emitted != Long.MIN_VALUE) {
      output.emitWatermark(new Watermark(emitted));
    }
  }
}
