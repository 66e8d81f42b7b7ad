package io.lawmonitor.events;

import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;

/**
 * A keyed function that adds to the run's counts: they are kept in its checkpoints (see
 * {@link RunCounts}), so they carry on through a failover or a restore. A subclass calls
 * {@code counts.open(getRuntimeContext())} in its open.
 */
public abstract class CountingProcessFunction<K, I, O> extends KeyedProcessFunction<K, I, O>
    implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;

  protected final RunCounts counts;

  protected CountingProcessFunction(String... countNames) {
    this.counts = new RunCounts(countNames);
  }

  /**
   * A timer at {@code t} for the current key, unless a bounded input ends before it ({@code
   * inputEnd}: its last event's time, or Long.MAX_VALUE for an unbounded input). Past its last
   * event a case's facts no longer change and nothing is read again, so such a timer would only
   * clear state the run is about to drop, all at once at its end.
   */
  protected static void timerWithinInput(TimerService timers, long t, long inputEnd) {
    if (t <= inputEnd) {
      timers.registerEventTimeTimer(t);
    }
  }

  @Override
  public final void initializeState(FunctionInitializationContext ctx) throws Exception {
    counts.initialize(ctx.getOperatorStateStore());
    restoring(ctx);
  }

  /** Told, before it opens, whether the function starts afresh or from a checkpoint or savepoint. */
  protected void restoring(FunctionInitializationContext ctx) {}

  @Override
  public final void snapshotState(FunctionSnapshotContext ctx) throws Exception {
    counts.snapshot();
  }
}
