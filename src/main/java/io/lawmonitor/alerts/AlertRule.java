package io.lawmonitor.alerts;

import java.io.Serializable;
import java.util.List;

/** One validated alert rule (README, "Alert rules"). */
public record AlertRule(
    String id,
    String metric,
    String window,
    String scopeLevel,
    /** True for {@code fireWhen: below X}: the rate is bad when low. */
    boolean below,
    double fireThreshold,
    double clearThreshold,
    long minSample,
    double confidence,
    int forWindows,
    String severity,
    List<String> subscribers) implements Serializable {

  public boolean matches(String metric, String window, String scopeLevel) {
    return this.metric.equals(metric) && this.window.equals(window) && this.scopeLevel.equals(scopeLevel);
  }
}
