package io.lawmonitor.alerts;

import io.lawmonitor.metrics.MetricRecord;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sends each metric record to the rules in force that watch its metric, window and scope level;
 * a new rule set (the broadcast input, already validated) takes over from the next record on.
 */
public class RuleMatcher extends BroadcastProcessFunction<MetricRecord, String, RuleInput> {
  private static final long serialVersionUID = 1L;
  private final RulesInForce rules;

  public RuleMatcher(RulesInForce rules) {
    this.rules = rules;
  }

  @Override
  public void processElement(MetricRecord m, ReadOnlyContext ctx, Collector<RuleInput> out) throws Exception {
    for (AlertRule r : rules.current(ctx.getBroadcastState(RulesInForce.STATE)).rules()) {
      if (r.matches(m.metric(), m.window(), m.scopeLevel())) {
        out.collect(new RuleInput(r, m));
      }
    }
  }

  @Override
  public void processBroadcastElement(String yaml, Context ctx, Collector<RuleInput> out) throws Exception {
    var state = ctx.getBroadcastState(RulesInForce.STATE);
    rules.swap(state, yaml);
  }
}
