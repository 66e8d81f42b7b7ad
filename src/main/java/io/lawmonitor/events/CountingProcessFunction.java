package io.lawmonitor.events;

import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
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

  @Override
  public final void initializeState(FunctionInitializationContext ctx) throws Exception {
    counts.initialize(ctx.getOperatorStateStore());
  }

  @Override
  public final void snapshotState(FunctionSnapshotContext ctx) throws Exception {
    counts.snapshot();
  }
}
