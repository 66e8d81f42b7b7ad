package io.lawmonitor.events;

import io.lawmonitor.runtime.SecondWatermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness, emitted as the events arrive rather than on a wall-clock period,
 * so that which events count as late depends on the data alone: the same input gives the same
 * results on every run.
 */
public class EventTimeWatermarks implements WatermarkGenerator<Event> {
  private final SecondWatermark watermark;
  private long maxTimestamp = Long.MIN_VALUE;

  public EventTimeWatermarks(long outOfOrdernessMillis) {
    this.watermark = new SecondWatermark(outOfOrdernessMillis);
  }

  @Override
  public void onEvent(Event event, long eventTimestamp, WatermarkOutput output) {
    maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
    watermark.follow(maxTimestamp, output);
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    watermark.repeat(output);
  }
}
