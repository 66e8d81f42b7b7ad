package io.lawmonitor.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.MetricGroup;

/**
 * The latest closed window's figure per metric, window and scope, as gauges for Prometheus, with
 * labels {@code metric}, {@code window}, {@code scope_level}, {@code scope}: a rate as
 * {@code lawmonitor_figure_ratio} with its {@code lawmonitor_figure_numerator} and
 * {@code lawmonitor_figure_denominator}, a count or gauge as {@code lawmonitor_figure_count}, and
 * for both {@code lawmonitor_figure_window_end_timestamp_seconds}. Only the configured scope
 * levels are exported (all, city and district by default: a city's streets and agencies are many).
 */
final class FigureGauges {
  private static final double[][] NOT_EXPORTED = new double[0][];
  private final MetricGroup group;
  private final java.util.Set<String> levels;
  /** By (metric, scope) key: per window kind, [value, numerator, denominator, window end]; levels not exported map to NOT_EXPORTED. */
  private final Map<String, double[][]> figures = new HashMap<>();

  FigureGauges(MetricGroup operator, List<String> levels) {
    this.group = operator.addGroup(io.lawmonitor.prometheus.MonitorReporter.MARK);
    this.levels = java.util.Set.copyOf(levels);
  }

  /** A window of the kind {@code window} was emitted (or revised) for the (metric, scope) {@code key}: the gauges follow the newest window end. */
  void update(String key, WindowKind window, MetricRecord r) {
    double[][] byWindow = figures.get(key);
    if (byWindow == null) {
      byWindow = levels.contains(r.scopeLevel()) ? new double[WindowKind.values().length][] : NOT_EXPORTED;
      figures.put(key, byWindow);
    }
    if (byWindow == NOT_EXPORTED) {
      return;
    }
    int w = window.ordinal();
    double[] f = byWindow[w];
    if (f == null) {
      double[] v = {Double.NaN, Double.NaN, Double.NaN, Long.MIN_VALUE};
      MetricGroup g = group.addGroup("metric", r.metric()).addGroup("window", r.window())
          .addGroup("scope_level", r.scopeLevel()).addGroup("scope", r.scope());
      if (r.isRate()) {
        g.gauge("figure_ratio", () -> v[0]);
        g.gauge("figure_numerator", () -> v[1]);
        g.gauge("figure_denominator", () -> v[2]);
      } else {
        g.gauge("figure_count", () -> v[0]);
      }
      g.gauge("figure_window_end_timestamp_seconds", () -> v[3] / 1000.0);
      byWindow[w] = v;
      f = v;
    }
    if (r.windowEnd() >= f[3]) {
      f[0] = r.value();
      f[1] = r.isRate() ? r.numerator() : Double.NaN;
      f[2] = r.isRate() ? r.denominator() : Double.NaN;
      f[3] = r.windowEnd();
    }
  }
}
