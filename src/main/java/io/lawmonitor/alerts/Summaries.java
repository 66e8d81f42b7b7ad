package io.lawmonitor.alerts;

import io.lawmonitor.streams.Metric;
import io.lawmonitor.metrics.MetricRecord;
import java.math.BigDecimal;
import java.util.Locale;

/** The one-line Chinese summary of an alert: who/what/where/how bad. */
public final class Summaries {
  private Summaries() {}

  public static String of(AlertRule rule, MetricRecord m, boolean firing) {
    Metric metric = io.lawmonitor.catalogue.Catalogue.metric(m.metric());
    String what = metric == null ? m.metric() : metric.label();
    String where = "all".equals(m.scope()) ? "全部" : m.scope();
    String window = windowLabel(m.window());
    if (m.isRate()) {
      String value = percent(m.value(), 1);
      if (firing) {
        return String.format(Locale.ROOT, "%s %s%s %s（%d件）%s %s", where, window, what, value, m.denominator(),
            rule.below() ? "低于" : "高于", percent(rule.fireThreshold(), -1));
      }
      // with no hysteresis, recovering is reaching the threshold again (100% of hearings, say)
      String back = rule.clearThreshold() == rule.fireThreshold() ? (rule.below() ? "不低于" : "不高于")
          : (rule.below() ? "高于" : "低于");
      return String.format(Locale.ROOT, "已恢复：%s %s%s %s（%d件）%s %s", where, window, what, value,
          m.denominator(), back, percent(rule.clearThreshold(), -1));
    }
    String value = plain(m.value());
    // a gauge is a level at the window's end, not a total over the window
    String span = metric != null && metric.kind() == Metric.Kind.GAUGE ? "" : window;
    if (firing) {
      return String.format(Locale.ROOT, "%s %s%s %s件，%s %s件", where, span, what, value,
          rule.below() ? "低于" : "高于", plain(rule.fireThreshold()));
    }
    if (rule.clearThreshold() == rule.fireThreshold()) {
      return String.format(Locale.ROOT, "已恢复：%s %s%s 回到 %s件", where, span, what, value);
    }
    return String.format(Locale.ROOT, "已恢复：%s %s%s %s件，%s %s件", where, span, what, value,
        rule.below() ? "高于" : "低于", plain(rule.clearThreshold()));
  }

  /** The end of an alert whose rule was taken out of the rules in force. */
  public static String removed(AlertRule rule, MetricRecord m) {
    Metric metric = io.lawmonitor.catalogue.Catalogue.metric(m.metric());
    String what = metric == null ? m.metric() : metric.label();
    String where = "all".equals(m.scope()) ? "全部" : m.scope();
    return "告警结束（规则 " + rule.id() + " 已删除）：" + where + " " + windowLabel(m.window()) + what;
  }

  /** A window as a person says it: 近24小时, 当日, 当月, 当年. */
  public static String windowLabel(String window) {
    return switch (window) {
      case "sliding_24h" -> "近24小时";
      case "day_to_date" -> "当日";
      case "month" -> "当月";
      case "year" -> "当年";
      default -> window;
    };
  }

  /** 0.891 → "89.1%"; with places −1 as few places as the number needs (0.95 → "95%"). */
  public static String percent(double v, int places) {
    BigDecimal p = BigDecimal.valueOf(v * 100);
    if (places >= 0) {
      return p.setScale(places, java.math.RoundingMode.HALF_UP).toPlainString() + "%";
    }
    return p.setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
  }

  public static String plain(double v) {
    return BigDecimal.valueOf(v).setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}
