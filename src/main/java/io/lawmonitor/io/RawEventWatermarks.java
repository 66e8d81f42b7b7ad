package io.lawmonitor.io;

import io.lawmonitor.runtime.FarJump;
import io.lawmonitor.events.RawEvent;
import io.lawmonitor.runtime.SecondWatermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks for a source that reads several partitions: one generator per partition, so a
 * partition that is behind holds the watermark back rather than having its events made late.
 * Bounded out-of-orderness in whole seconds.
 *
 * <p>Only a record's own eventTime moves the watermark. A record without a readable one (not
 * JSON, no eventTime) does not: the broker's timestamp says when it was produced, not when
 * anything happened, and taking it would put the partition's watermark at the present while its
 * backlog of days-old events is still to come, making all of them late.
 *
 * <p>A single far jump ahead does not move the watermark until the next record in the partition
 * follows it there (the parse step refuses it otherwise). A partition's first record is such a
 * jump, since nothing before it says where the partition's time is: it moves the watermark when
 * the second record confirms it.
 */
public class RawEventWatermarks implements WatermarkGenerator<RawEvent> {
  private final long outOfOrderness;
  private final long farFuture;
  private final SecondWatermark watermark;
  private long max = Long.MIN_VALUE;
  private long held = Long.MIN_VALUE;

  public RawEventWatermarks(long outOfOrdernessMillis, long farFutureMillis) {
    this.outOfOrderness = outOfOrdernessMillis;
    this.farFuture = farFutureMillis;
    this.watermark = new SecondWatermark(outOfOrdernessMillis);
  }

  /** The event time in a raw record, or Long.MIN_VALUE when it has none that can be read. */
  public static long timestamp(RawEvent raw, long recordTimestamp) {
    return raw.text() == null ? Long.MIN_VALUE : MergedLines.timeOf(raw.text());
  }

  @Override
  public void onEvent(RawEvent event, long ts, WatermarkOutput output) {
    if (ts == Long.MIN_VALUE) {
      return;
    }
    if (held != Long.MIN_VALUE) {
      if (FarJump.confirms(ts, held, farFuture)) {
        max = Math.max(max, held);
      }
      held = Long.MIN_VALUE;
    }
    // unlike the parse step, a partition's first event waits too: nothing before it says where its time is
    if (max == Long.MIN_VALUE || FarJump.ahead(max - outOfOrderness, ts, farFuture)) {
      held = ts;
      watermark.follow(max, output);
      return;
    }
    max = Math.max(max, ts);
    watermark.follow(max, output);
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    watermark.repeat(output);
  }
}
