package io.lawmonitor.runtime;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * The watermark of bounded out-of-orderness, in whole seconds, emitted when it moves: one
 * watermark per second of event time, not one per event. The one rule of every watermark
 * generator of the monitor's inputs.
 */
public final class SecondWatermark {
  private final long outOfOrderness;
  private long emitted = Long.MIN_VALUE;

  public SecondWatermark(long outOfOrdernessMillis) {
    this.outOfOrderness = outOfOrdernessMillis;
  }

  /** Emits the watermark the greatest event time seen so far allows, if it moved. */
  public void follow(long maxTimestamp, WatermarkOutput output) {
    if (maxTimestamp == Long.MIN_VALUE) {
      return;
    }
    long wm = of(maxTimestamp, outOfOrderness);
    if (wm > emitted) {
      emitted = wm;
      output.emitWatermark(new Watermark(wm));
    }
  }

  /** The watermark the greatest event time seen allows: less the out-of-orderness, down to the whole second. */
  public static long of(long maxTimestamp, long outOfOrdernessMillis) {
    return Math.floorDiv(maxTimestamp - outOfOrdernessMillis - 1, 1000L) * 1000L;
  }

  /** Emits the last watermark again (a generator's periodic emit). */
  public void repeat(WatermarkOutput output) {
    if (emitted != Long.MIN_VALUE) {
      output.emitWatermark(new Watermark(emitted));
    }
  }
}
