package io.lawmonitor.alerts;

import io.lawmonitor.metrics.MetricRecord;
import io.lawmonitor.metrics.WindowKind;
import io.lawmonitor.metrics.Wilson;

/** The lifecycle of one (rule, scope), as plain Java: OK → PENDING → FIRING → (RESOLVED) OK. */
public final class AlertMachine {
  private AlertMachine() {}

  /** What one window says under a rule. */
  public enum Verdict { BREACH, HOLD, CLEAR, NO_VERDICT }

  public static Verdict verdict(AlertRule rule, MetricRecord m) {
    if (m.isRate()) {
      if (m.denominator() < rule.minSample() || m.denominator() == 0) {
        return Verdict.NO_VERDICT;
      }
    }
    double v = m.value();
    boolean breach;
    if (m.isRate() && rule.confidence() > 0) {
      double[] ci = Wilson.interval(Math.max(0, m.numerator()), m.denominator(), Wilson.zFor(rule.confidence()));
      // fire only when the whole interval is past the threshold
      breach = rule.below() ? ci[1] < rule.fireThreshold() : ci[0] > rule.fireThreshold();
    } else {
      breach = rule.below() ? v < rule.fireThreshold() : v > rule.fireThreshold();
    }
    if (breach) {
      return Verdict.BREACH;
    }
    boolean recovered = rule.below() ? v > rule.clearThreshold() : v < rule.clearThreshold();
    if (rule.clearThreshold() == rule.fireThreshold()) {
      recovered = rule.below() ? v >= rule.clearThreshold() : v <= rule.clearThreshold();
    }
    return recovered ? Verdict.CLEAR : Verdict.HOLD;
  }

  public static AlertStatus step(AlertStatus s, AlertRule rule, MetricRecord m) {
    Verdict v = verdict(rule, m);
    switch (s.state()) {
      case AlertStatus.FIRING -> {
        return v == Verdict.CLEAR ? AlertStatus.INITIAL : s;
      }
      default -> {
        if (v == Verdict.NO_VERDICT) {
          return s;
        }
        if (v != Verdict.BREACH) {
          return AlertStatus.INITIAL;
        }
        int streak = s.streak() + 1;
        long since = s.streak() == 0 ? breachStart(m) : s.since();
        return new AlertStatus(streak >= rule.forWindows() ? AlertStatus.FIRING : AlertStatus.PENDING, streak, since);
      }
    }
  }

  /** When a breach first seen in this window began: the hour before an hourly window's end. */
  static long breachStart(MetricRecord m) {
    WindowKind k = WindowKind.fromWire(m.window());
    return k != null && k.hourly() ? m.windowEnd() - WindowKind.HOUR : m.windowStart();
  }
}
