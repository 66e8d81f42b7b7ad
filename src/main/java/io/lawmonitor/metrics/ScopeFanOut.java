package io.lawmonitor.metrics;

import io.lawmonitor.lifecycle.Fact;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Turns an outcome fact into metric changes, one per metric it moves and scope it counts in. */
public class ScopeFanOut implements FlatMapFunction<Fact, MetricDelta> {
  private static final long serialVersionUID = 1L;

  @Override
  public void flatMap(Fact f, Collector<MetricDelta> out) {
    var contributions = Contributions.of(f);
    if (contributions.isEmpty()) {
      return;
    }
    for (Scopes.Scope s : Scopes.of(f.region(), f.agency())) {
      for (Contributions.Contribution c : contributions) {
        out.collect(new MetricDelta(c.metric().id(), s.level(), s.name(), f.time(), c.numerator(), c.denominator(),
            f.lateWatermark()));
      }
    }
  }
}
