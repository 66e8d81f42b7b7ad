package io.lawmonitor.events;

import io.lawmonitor.runtime.Accounting;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * An operator's share of the run's counts (README, "Outputs"), kept in its checkpoints as well as in the
 * job's accumulators. Accumulators start from zero when a job restarts after a failure or from a
 * savepoint; these counts carry on from where the restored state was, so that a run that failed
 * and recovered, or was stopped and resumed at another parallelism, still reconciles: events read =
 * used + duplicates + dead letters + late.
 */
public final class RunCounts implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One count of one operator subtask, in operator state; redistributed whole on a rescale, so the sum holds. */
  public record Count(String name, long value) {}

  private final List<String> names;
  private transient ListState<Count> state;
  private transient Map<String, Long> restored;
  private transient Map<String, Counter> counters;

  public RunCounts(String... names) {
    this.names = List.of(names);
  }

  /** From initializeState, before open. */
  public void initialize(OperatorStateStore store) throws Exception {
    state = store.getListState(new ListStateDescriptor<>("run-counts", TypeInformation.of(Count.class)));
    restored = new HashMap<>();
    for (Count c : state.get()) {
      restored.merge(c.name(), c.value(), Long::sum);
    }
  }

  /** From open: the accumulators, started at what this subtask restored. */
  public void open(RuntimeContext ctx) {
    counters = new HashMap<>();
    for (String n : names) {
      Counter c = new Counter(Accounting.counter(ctx, n));
      c.add(restored == null ? 0L : restored.getOrDefault(n, 0L));
      counters.put(n, c);
    }
  }

  public Counter get(String name) {
    return counters.get(name);
  }

  public void snapshot() throws Exception {
    List<Count> out = new ArrayList<>();
    for (String n : names) {
      out.add(new Count(n, counters.get(n).local));
    }
    state.update(out);
  }

  /** Adds to this operator's own count and to the job's accumulator (which chained operators may share). */
  public static final class Counter {
    private final LongCounter accumulator;
    private long local;

    Counter(LongCounter accumulator) {
      this.accumulator = accumulator;
    }

    public void add(long n) {
      local += n;
      accumulator.add(n);
    }
  }
}
