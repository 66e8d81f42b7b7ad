package io.lawmonitor.runtime;

import java.time.Duration;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Holds an input's watermark back for a moment each time the input wakes from idle, so that the
 * wake reaches every operator by every path before the watermark does.
 *
 * <p>A reader is idle when all its partitions have been quiet for the idleness (see {@link
 * QuietWatermarks}); a job whose inputs are all quiet (a pause, a job started on empty topics) is
 * idle throughout. When events come again, the input turns active and its watermark follows at
 * once. Each operator downstream turns active when the first of its inputs does, and then lets
 * the watermark through as soon as it has come by every input that is active: an input still
 * idle is not waited for. Two paths from the source to one operator (at parallelism 2, through
 * either instance of the case lifecycles) deliver the wake at slightly different moments, so the
 * watermark could come by the first path while the second was still idle, carrying the first
 * events; the operator then closed their windows without them (a false alert on a partial
 * figure, and a revision waiting for the next watermark).
 *
 * <p>Here every turn to active is passed on at once and the watermark only after {@code hold}, by
 * which time every path has turned active and each waits for the watermark of every other. The
 * hold is measured on the wall clock, as the idleness is; it decides when a watermark travels,
 * never which events a window holds. It does nothing to an input that stays active, nor to the
 * end of a bounded input.
 */
public final class WakeHold<T> extends AbstractStreamOperator<T>
    implements OneInputStreamOperator<T, T>, ProcessingTimeCallback {
  private static final long serialVersionUID = 1L;
  /** The least hold: far more than a wake takes to cross the graph. */
  public static final Duration MIN_HOLD = Duration.ofSeconds(2);

  private final long holdMillis;
  private transient boolean idle;
  /** While holding: when the hold ends (processing time); otherwise Long.MIN_VALUE. */
  private transient long holdUntil;
  private transient long held;
  /** The input went idle again during the hold: passed on once the hold has ended. */
  private transient boolean idleAfterHold;
  /** When the input last turned active (processing time). */
  private transient long wokeAt;

  /** A hold as long as the idleness, and at least {@link #MIN_HOLD}. */
  public static <T> WakeHold<T> forIdleness(Duration idleness) {
    return new WakeHold<>(Math.max(idleness.toMillis(), MIN_HOLD.toMillis()));
  }

  WakeHold(long holdMillis) {
    this.holdMillis = holdMillis;
  }

  @Override
  public void open() throws Exception {
    super.open();
    holdUntil = Long.MIN_VALUE;
    held = Long.MIN_VALUE;
    idleAfterHold = false;
  }

  @Override
  public void processElement(StreamRecord<T> element) {
    output.collect(element);
  }

  @Override
  public void processWatermarkStatus(WatermarkStatus status) throws Exception {
    long now = getProcessingTimeService().getCurrentProcessingTime();
    if (status.isIdle() && !idle && holdUntil != Long.MIN_VALUE && now < wokeAt + MIN_HOLD.toMillis()) {
      // a wake shorter than a wake takes to cross the graph (a backlog read at once): the turn
      // to idle waits until it has, and the watermark goes before it, so that it reaches no
      // operator before every path has turned active
      idleAfterHold = true;
      holdUntil = wokeAt + MIN_HOLD.toMillis();
      getProcessingTimeService().registerTimer(holdUntil, this);
    } else if (status.isIdle() && !idle) {
      release();
      idle = true;
      output.emitWatermarkStatus(status);
    } else if (status.isActive() && idleAfterHold) {
      // awake again before the idle was passed on: the hold goes on as it was
      idleAfterHold = false;
      holdUntil = Math.max(holdUntil, wokeAt + holdMillis);
    } else if (status.isActive() && idle) {
      idle = false;
      output.emitWatermarkStatus(status);
      wokeAt = now;
      holdUntil = now + holdMillis;
      getProcessingTimeService().registerTimer(holdUntil, this);
    }
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    if (holdUntil != Long.MIN_VALUE && mark.getTimestamp() != Long.MAX_VALUE
        && getProcessingTimeService().getCurrentProcessingTime() < holdUntil) {
      held = Math.max(held, mark.getTimestamp());
      return;
    }
    release();
    super.processWatermark(mark);
  }

  @Override
  public void onProcessingTime(long time) throws Exception {
    if (holdUntil != Long.MIN_VALUE && time >= holdUntil) {
      release();
      if (idleAfterHold) {
        idleAfterHold = false;
        idle = true;
        output.emitWatermarkStatus(WatermarkStatus.IDLE);
      }
    }
  }

  @Override
  public void finish() throws Exception {
    release();
    idleAfterHold = false;
    super.finish();
  }

  /** Ends the hold, passing on the watermark held during it. */
  private void release() throws Exception {
    holdUntil = Long.MIN_VALUE;
    if (held != Long.MIN_VALUE) {
      Watermark w = new Watermark(held);
      held = Long.MIN_VALUE;
      super.processWatermark(w);
    }
  }
}
