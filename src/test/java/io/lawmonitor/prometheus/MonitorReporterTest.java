package io.lawmonitor.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.client.Collector;
import java.util.List;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;

/**
 * The monitor's series: named {@code lawmonitor_<name>}, labelled by the groups under the mark
 * and by nothing of the process, task or attempt; counters of the same series added up, gauges
 * their largest value, a gauge without a value left out.
 */
class MonitorReporterTest {
  /** A figure's scope as a TaskManager's operator group gives it: Flink's parts, then the monitor's. */
  private static String[] figureScope(String tm, String subtask) {
    return new String[] {"10.0.0.7", "taskmanager", tm, "rule-of-law monitor", "windowed rates", subtask,
        MonitorReporter.MARK, "metric", "hotline.ontime_closure_rate", "window", "sliding_24h", "scope_level", "district",
        "scope", "宜昌市/西陵区"};
  }

  @Test
  void aFigureIsNamedAndLabelledByTheMonitorAloneWhereverItRuns() {
    MonitorReporter.Series before = MonitorReporter.series("figure_ratio", figureScope("tm-1", "0"));
    MonitorReporter.Series after = MonitorReporter.series("figure_ratio", figureScope("tm-2", "3"));
    assertThat(before).isEqualTo(after);
    assertThat(before.name()).isEqualTo("lawmonitor_figure_ratio");
    assertThat(before.labelNames()).containsExactly("metric", "window", "scope_level", "scope");
    assertThat(before.labelValues()).containsExactly("hotline.ontime_closure_rate", "sliding_24h", "district", "宜昌市/西陵区");
    assertThat(MonitorReporter.series("numRecordsIn", new String[] {"10.0.0.7", "taskmanager", "tm-1", "job", "op", "0"}))
        .as("Flink's own metrics stay Flink's").isNull();
    assertThat(MonitorReporter.series("x", new String[] {"host", MonitorReporter.MARK, "metric"}))
        .as("a key without its value is not the monitor's").isNull();
  }

  @Test
  void countersAddUpGaugesGiveTheirLargestAndAGaugeWithoutAValueIsLeftOut() {
    MonitorReporter.Own own = new MonitorReporter.Own();
    MonitorReporter.Series read = new MonitorReporter.Series("lawmonitor_events_read_total", List.of("stream"),
        List.of("hotline"));
    SimpleCounter a = new SimpleCounter();
    SimpleCounter b = new SimpleCounter();
    a.inc(3);
    b.inc(4);
    own.add(read, a);
    own.add(read, b);
    MonitorReporter.Series threshold = new MonitorReporter.Series("lawmonitor_alert_threshold", List.of("rule"),
        List.of("closure-low"));
    own.add(threshold, (Gauge<Double>) () -> 0.9);
    own.add(threshold, (Gauge<Double>) () -> 0.9);
    MonitorReporter.Series empty = new MonitorReporter.Series("lawmonitor_figure_ratio", List.of("metric"), List.of("m"));
    own.add(empty, (Gauge<Double>) () -> Double.NaN);

    List<Collector.MetricFamilySamples> families = own.collect();
    assertThat(families).extracting(f -> f.name).containsExactly("lawmonitor_alert_threshold", "lawmonitor_build_info",
        "lawmonitor_events_read_total");
    assertThat(families.get(1).samples).singleElement().satisfies(s -> {
      assertThat(s.labelValues).containsExactly(Version.NUMBER);
      assertThat(s.value).isEqualTo(1.0);
    });
    assertThat(families.get(2).samples).singleElement().satisfies(s -> {
      assertThat(s.value).isEqualTo(7.0);
      assertThat(s.labelNames).containsExactly("stream");
      assertThat(s.labelValues).containsExactly("hotline");
    });
    assertThat(families.get(0).samples).singleElement().satisfies(s -> assertThat(s.value).isEqualTo(0.9));

    own.remove(read, b);
    assertThat(own.collect().get(2).samples.get(0).value).isEqualTo(3.0);
    own.remove(read, a);
    assertThat(own.collect()).extracting(f -> f.name).containsExactly("lawmonitor_alert_threshold", "lawmonitor_build_info");
  }
}
