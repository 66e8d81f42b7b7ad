package io.lawmonitor.alerts;

import io.lawmonitor.metrics.MetricRecord;

/** A metric record on its way to one rule that watches it, as the rules in force define that rule. */
public record RuleInput(AlertRule rule, MetricRecord record) {
  public String key() {
    return rule.id() + "|" + record.scopeLevel() + "|" + record.scope();
  }
}
