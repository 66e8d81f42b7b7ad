package io.lawmonitor.events;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness, emitted as the events arrive rather than on a wall-clock period,
 * so that which events count as late depends on the data alone: the same input gives the same
 * results on every run.
 */
public class EventTimeWatermarks implements WatermarkGenerator<Event> {
  private final long outOfOrderness;
  private long maxTimestamp = Long.MIN_VALUE;
  private long emitted = Long.MIN_VALUE;

  public EventTimeWatermarks(long outOfOrdernessMillis) {
    this.outOfOrderness = outOfOrdernessMillis;
  }

  @Override
  public void onEvent(Event event, long eventTimestamp, WatermarkOutput output) {
    maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
    // whole seconds: one watermark per second of event time, not one per event
    long wm = Math.floorDiv(maxTimestamp - outOfOrderness - 1, 1000L) * 1000L;
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
