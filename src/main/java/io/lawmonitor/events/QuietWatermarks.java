package io.lawmonitor.events;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;

/**
 * What an unbounded input does when it goes quiet, without ever marking an input that has had
 * events idle.
 *
 * <p>Flink's own idleness ({@code withIdleness}) marks a quiet input idle, and operators further
 * on stop waiting for it. When events come again, they travel ahead of the input's return to
 * active (a record is sent before the watermark it moves), and the return reaches each
 * operator by a different path: an operator that takes two inputs can see one come back with
 * a watermark while the other is still marked idle and still carries the first events on
 * their way. It then passes the watermark without them, closes windows and fires deadline
 * timers too early, and what arrives afterwards is a revision that waits for the next
 * watermark, which, the input having gone quiet again, may be hours away.
 *
 * <p>Here a quiet input instead keeps moving: once it has had no event for {@code idleness}
 * (measured on the source's activity clock, which stands still while the job is
 * back-pressured), its watermark advances from where its last event put it by as much time as
 * has passed since, less the idleness. For a live feed, whose events happen about when they
 * arrive, this is what the quiet means: nothing happened. It is never marked idle, so no
 * operator stops waiting for it. Only an input that has had no event at all since the start
 * (a partition nobody writes to) is marked idle, as it has no watermark to advance from.
 *
 * <p>Watermarks are whole seconds, like those of the generators it wraps.
 */
public final class QuietWatermarks<T> implements WatermarkGenerator<T> {
  private final WatermarkGenerator<T> inner;
  private final long idleness;
  private final RelativeClock clock;
  private final Forward forward = new Forward();
  private long lastActivity;
  /** The inner generator's own latest watermark: where the events put it. */
  private long fromEvents = Long.MIN_VALUE;
  private long emitted = Long.MIN_VALUE;
  private boolean idle;

  QuietWatermarks(WatermarkGenerator<T> inner, long idlenessMillis, RelativeClock clock) {
    this.inner = inner;
    this.idleness = idlenessMillis;
    this.clock = clock;
    this.lastActivity = clock.relativeTimeMillis();
  }

  /**
   * The generator to use for an input: {@code inner} as it is for a bounded input (whose end
   * closes every window, so nothing is left to the wall clock and a run's results depend on its
   * data alone), or wrapped for an unbounded one.
   */
  public static <T> WatermarkGeneratorSupplier<T> supplier(WatermarkGeneratorSupplier<T> inner, Duration idleness,
      boolean unbounded) {
    if (!unbounded) {
      return inner;
    }
    long millis = idleness.toMillis();
    return ctx -> new QuietWatermarks<>(inner.createWatermarkGenerator(ctx), millis, ctx.getInputActivityClock());
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    lastActivity = clock.relativeTimeMillis();
    idle = false;
    forward.to = output;
    inner.onEvent(event, eventTimestamp, forward);
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    forward.to = output;
    inner.onPeriodicEmit(forward);
    long quiet = clock.relativeTimeMillis() - lastActivity;
    if (quiet < idleness) {
      return;
    }
    if (fromEvents == Long.MIN_VALUE) {
      if (!idle) {
        idle = true;
        output.markIdle();
      }
      return;
    }
    long advanced = Math.floorDiv(fromEvents + (quiet - idleness), 1000L) * 1000L;
    if (advanced > emitted) {
      emitted = advanced;
      output.emitWatermark(new Watermark(advanced));
    }
  }

  /** Passes on the inner generator's watermarks, never one behind what was already emitted. */
  private final class Forward implements WatermarkOutput {
    WatermarkOutput to;

    @Override
    public void emitWatermark(Watermark watermark) {
      long t = watermark.getTimestamp();
      fromEvents = Math.max(fromEvents, t);
      if (t > emitted) {
        emitted = t;
        to.emitWatermark(watermark);
      } else if (emitted != Long.MIN_VALUE) {
        to.emitWatermark(new Watermark(emitted));
      }
    }

    @Override
    public void markIdle() {
      // the inner generators never do; the quiet is judged here
    }

    @Override
    public void markActive() {
      to.markActive();
    }
  }
}
