package io.lawmonitor.alerts;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.MetricGroup;

/**
 * Alerts firing now, per rule, for Prometheus: {@code lawmonitor_alerts_firing{rule, severity,
 * metric}} (a count that goes up and down, registered as a counter so that the subtasks' counts
 * add up), with the rule's firing threshold beside it ({@code lawmonitor_alert_threshold}, the
 * one in force). Counted as each alert is judged; after a restart, an alert counts again at its
 * next window.
 */
final class FiringGauges {
  private static final class Rule {
    int firing;
    double threshold;
  }

  private final MetricGroup group;
  /** alert key → rule gauges key, for the alerts firing. */
  private final Map<String, String> firing = new HashMap<>();
  private final Map<String, Rule> rules = new HashMap<>();

  FiringGauges(MetricGroup operator) {
    this.group = operator.addGroup(io.lawmonitor.prometheus.MonitorReporter.MARK);
  }

  void track(String key, AlertRule rule, boolean isFiring) {
    String id = rule.id() + "|" + rule.severity() + "|" + rule.metric();
    Rule r = rules.computeIfAbsent(id, x -> {
      Rule n = new Rule();
      MetricGroup g = group.addGroup("rule", rule.id()).addGroup("severity", rule.severity())
          .addGroup("metric", rule.metric());
      g.counter("alerts_firing", new org.apache.flink.metrics.Counter() {
        @Override public void inc() {}
        @Override public void inc(long k) {}
        @Override public void dec() {}
        @Override public void dec(long k) {}
        @Override public long getCount() {
          return n.firing;
        }
      });
      g.gauge("alert_threshold", () -> n.threshold);
      return n;
    });
    r.threshold = rule.fireThreshold();
    String before = isFiring ? firing.put(key, id) : firing.remove(key);
    if (before != null && !before.equals(id)) {
      Rule b = rules.get(before);
      if (b != null) {
        b.firing--;
      }
    }
    if (isFiring && !id.equals(before)) {
      r.firing++;
    } else if (!isFiring && id.equals(before)) {
      r.firing--;
    }
  }
}
