package io.lawmonitor.metrics;

import io.lawmonitor.lifecycle.Fact;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Turns an outcome fact into metric changes, one per metric it moves and scope it counts in (of the
 * levels and metrics computed).
 */
public class ScopeFanOut implements FlatMapFunction<Fact, MetricDelta> {
  private static final long serialVersionUID = 1L;
  private final java.util.Set<String> levels;
  private final java.util.EnumSet<Metric> metrics = java.util.EnumSet.noneOf(Metric.class);

  public ScopeFanOut(java.util.Collection<String> levels, java.util.Collection<String> metrics) {
    this.levels = new java.util.HashSet<>(levels);
    metrics.forEach(id -> this.metrics.add(Metric.byId(id)));
  }

  @Override
  public void flatMap(Fact f, Collector<MetricDelta> out) {
    var contributions = Contributions.of(f);
    if (contributions.isEmpty()) {
      return;
    }
    for (Scopes.Scope s : Scopes.of(f.region(), f.agency())) {
      if (!levels.contains(s.level())) {
        continue;
      }
      for (Contributions.Contribution c : contributions) {
        if (!metrics.contains(c.metric())) {
          continue;
        }
        out.collect(new MetricDelta(c.metric().id(), s.level(), s.name(), f.time(), c.numerator(), c.denominator(),
            f.lateWatermark()));
      }
    }
  }
}
