package io.lawmonitor.alerts;

import io.lawmonitor.metrics.MetricRecord;

/** A metric record on its way to one rule that watches it. */
public record RuleInput(String rule, MetricRecord record) {
  public String key() {
    return rule + "|" + record.scopeLevel() + "|" + record.scope();
  }
}
