package io.lawmonitor.alerts;

import io.lawmonitor.metrics.MetricRecord;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Sends each metric record to the rules that watch its metric, window and scope level. */
public class RuleMatcher implements FlatMapFunction<MetricRecord, RuleInput> {
  private static final long serialVersionUID = 1L;
  private final RuleSet rules;

  public RuleMatcher(RuleSet rules) {
    this.rules = rules;
  }

  @Override
  public void flatMap(MetricRecord m, Collector<RuleInput> out) {
    for (AlertRule r : rules.rules()) {
      if (r.matches(m.metric(), m.window(), m.scopeLevel())) {
        out.collect(new RuleInput(r.id(), m));
      }
    }
  }
}
