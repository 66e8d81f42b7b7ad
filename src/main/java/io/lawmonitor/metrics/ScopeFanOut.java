package io.lawmonitor.metrics;

import io.lawmonitor.streams.Metric;

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
  /** The ids of the metrics computed. */
  private final java.util.Set<String> metrics;
  /** Past this many (region, agency) pairs the scopes are worked out afresh. */
  private static final int MAX_CACHED = 50_000;
  /** The scopes of a region and agency (null as ""), computed levels only: the same names each time, so their hashes are kept. */
  private transient java.util.HashMap<String, java.util.HashMap<String, java.util.List<Scopes.Scope>>> cache;
  private transient int cached;

  public ScopeFanOut(java.util.Collection<String> levels, java.util.Collection<String> metrics) {
    this.levels = new java.util.HashSet<>(levels);
    this.metrics = new java.util.HashSet<>(metrics);
  }

  @Override
  public void flatMap(Fact f, Collector<MetricDelta> out) {
    var contributions = Contributions.of(f);
    if (contributions.isEmpty()) {
      return;
    }
    for (Scopes.Scope s : scopes(f.region(), f.agency())) {
      for (io.lawmonitor.streams.Contribution c : contributions) {
        if (!metrics.contains(c.metric().id())) {
          continue;
        }
        out.collect(new MetricDelta(c.metric().id(), s.level(), s.name(), f.time(), c.numerator(), c.denominator(),
            f.lateWatermark()));
      }
    }
  }

  private java.util.List<Scopes.Scope> scopes(String region, String agency) {
    if (cache == null || cached >= MAX_CACHED) {
      cache = new java.util.HashMap<>();
      cached = 0;
    }
    java.util.HashMap<String, java.util.List<Scopes.Scope>> byAgency =
        cache.computeIfAbsent(region == null ? "" : region, r -> new java.util.HashMap<>());
    return byAgency.computeIfAbsent(agency == null ? "" : agency, a -> {
      cached++;
      return Scopes.of(region, agency).stream().filter(s -> levels.contains(s.level())).toList();
    });
  }
}
