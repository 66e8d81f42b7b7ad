package io.lawmonitor.alerts;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The gate for rule changes (one instance): a new rule set passes on, to be broadcast to the
 * operators that use the rules, only if it validates as a whole; either way a line in the
 * rule-changes output says what happened. The text in force is part of the checkpoint.
 */
public final class RuleChanges extends ProcessFunction<RuleText, String> implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;
  public static final OutputTag<RuleChange> LOG = new OutputTag<>("rule-changes") {};

  private final String initialYaml;
  private final List<String> windows;
  private final List<String> levels;
  private final List<String> metrics;
  private final String mode;
  private transient ListState<String> stored;
  private transient String inForce;

  /** @param levels, metrics the scope levels and metrics the job computes: a rule on another is refused */
  public RuleChanges(RuleSet initial, List<String> windows, List<String> levels, List<String> metrics, String mode) {
    this.initialYaml = initial.yaml() == null ? "" : initial.yaml();
    this.windows = List.copyOf(windows);
    this.levels = List.copyOf(levels);
    this.metrics = List.copyOf(metrics);
    this.mode = mode;
  }

  @Override
  public void initializeState(FunctionInitializationContext ctx) throws Exception {
    stored = ctx.getOperatorStateStore().getListState(new ListStateDescriptor<>("rules-text", Types.STRING));
    List<String> restored = new ArrayList<>();
    stored.get().forEach(restored::add);
    // [the rules file that run started with, the rules in force]: carried on only by a run that
    // starts with the same file; another file is an upgrade's new rules, and is in force
    inForce = restored.size() == 2 && restored.get(0).equals(initialYaml) ? restored.get(1) : initialYaml;
  }

  @Override
  public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
    stored.update(List.of(initialYaml, inForce));
  }

  @Override
  public void processElement(RuleText t, Context ctx, Collector<String> out) {
    if (t.yaml().equals(inForce)) {
      return; // the same rules again (a topic replayed after a restart)
    }
    long now = System.currentTimeMillis(); // when the change was decided, for the people reading the log
    RuleSet next;
    try {
      next = RuleSet.parse(t.yaml(), windows, t.origin(), System::getenv);
      RuleSet.requireComputed(next, levels, metrics, t.origin());
    } catch (IllegalArgumentException e) {
      ctx.output(LOG, new RuleChange(RuleChange.REJECTED, t.origin(), e.getMessage() + "; the rules in force stay", now, mode));
      return;
    }
    RuleSet before;
    try {
      before = inForce.isEmpty() ? RuleSet.empty() : RuleSet.parse(inForce, windows, "rules in force", System::getenv);
    } catch (IllegalArgumentException e) {
      before = RuleSet.empty(); // read with another environment at start: every rule counts as added
    }
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (AlertRule r : next.rules()) {
      AlertRule old = before.rule(r.id());
      if (old == null) {
        added.add(r.id());
      } else if (!old.equals(r)) {
        changed.add(r.id());
      }
    }
    for (AlertRule r : before.rules()) {
      if (next.rule(r.id()) == null) {
        removed.add(r.id());
      }
    }
    inForce = t.yaml();
    out.collect(t.yaml());
    ctx.output(LOG, new RuleChange(RuleChange.ACCEPTED, t.origin(), next.rules().size() + " rules in force; added "
        + list(added) + ", changed " + list(changed) + ", removed " + list(removed), now, mode));
  }

  private static String list(List<String> ids) {
    return ids.isEmpty() ? "none" : String.join(", ", ids);
  }
}
