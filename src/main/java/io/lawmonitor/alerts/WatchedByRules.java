package io.lawmonitor.alerts;

import io.lawmonitor.metrics.MetricRecord;
import org.apache.flink.api.common.functions.FilterFunction;

/**
 * Keeps the metric records some rule of a fixed rule set watches (its metric, window and scope
 * level). A run whose rules cannot change (a bounded one) filters here, beside the windows, so
 * that the few records a rule reads travel on to the rule matching, not the millions of them.
 */
public class WatchedByRules implements FilterFunction<MetricRecord> {
  private static final long serialVersionUID = 1L;
  private final RuleSet rules;

  public WatchedByRules(RuleSet rules) {
    this.rules = rules;
  }

  @Override
  public boolean filter(MetricRecord m) {
    for (AlertRule r : rules.rules()) {
      if (r.matches(m.metric(), m.window(), m.scopeLevel())) {
        return true;
      }
    }
    return false;
  }
}
