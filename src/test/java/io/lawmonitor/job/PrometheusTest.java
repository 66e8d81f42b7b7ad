package io.lawmonitor.job;

import io.lawmonitor.run.OneMachine;
import io.lawmonitor.run.LocalRun;
import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.Integration;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lawmonitor.Fixtures;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.io.InputFiles;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures in a real Prometheus (Debian's, started here on a free port, scraping the job's
 * reporter): PromQL gives a district's rate with its sample, the alerts firing per rule, the
 * input per stream. The names queried here are the ones the Grafana dashboard uses.
 */
@Integration
class PrometheusTest {
  static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  static final String FIGURE = "lawmonitor_figure_";
  static final String FIRING = "lawmonitor_alerts_firing";
  static final String READ = "lawmonitor_events_read_total";

  @TempDir
  Path dir;

  @Test
  void promqlGivesTheDistrictsRateAndTheAlertsFiring() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(PROMETHEUS),
        "skipped: Debian's prometheus is not installed (.ci/run installs it as root)");
    List<String> events = Fixtures.closureEpisode("HL-M");
    Path file = dir.resolve("events.jsonl");
    // up to HL-M4's late close: windows to Oct 16 08:00, 3 of 4 on time, closure-low firing
    Files.write(file, events.subList(0, 12), StandardCharsets.UTF_8);
    MonitorConfig cfg = MonitorConfig.defaults();
    RuleSet rules = RuleSet.parse(DeliveryTest.rules("", "ops"), cfg.windowNames(), "test rules");
    int metricsPort = OneMachine.freePort(OneMachine.LOOPBACK, 19249);
    OneMachine machine = new OneMachine(OneMachine.LOOPBACK, 0, OneMachine.LOOPBACK, metricsPort, null);
    LocalRun.Options o = new LocalRun.Options(InputFiles.expand(List.of(file.toString())), dir.resolve("out"), cfg, rules,
        WorkCalendar.bundled(), new Configuration(), 2, true, 0, machine, null, "live", null, null, null);
    AtomicReference<JobClient> job = new AtomicReference<>();
    CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
      try {
        LocalRun.run(o, (j, scan) -> job.set(j));
      } catch (Exception stopped) {
        // following ends when it is cancelled
      }
    });
    int promPort = OneMachine.freePort(OneMachine.LOOPBACK, 19090);
    Path conf = dir.resolve("prometheus.yml");
    Files.writeString(conf, """
        global: {scrape_interval: 1s, evaluation_interval: 1s}
        scrape_configs:
          - job_name: rule-of-law-monitor
            static_configs: [{targets: ['127.0.0.1:%d']}]
        """.formatted(metricsPort));
    Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + conf,
        "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + promPort)
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    try {
      String base = "http://127.0.0.1:" + promPort;
      String district = "{metric=\"hotline.ontime_closure_rate\",window=\"sliding_24h\",scope=\"宜昌市/西陵区\"}";
      KafkaProductionTest.await("the district's rate in Prometheus", Duration.ofSeconds(90),
          () -> "0.75".equals(value(base, "max(" + FIGURE + "ratio" + district + ")")));
      assertThat(value(base, "max(" + FIGURE + "numerator" + district + ")")).isEqualTo("3");
      assertThat(value(base, "max(" + FIGURE + "denominator" + district + ")")).isEqualTo("4");
      assertThat(value(base, "max(" + FIGURE + "window_end_timestamp_seconds" + district + ")"))
          .isEqualTo(String.valueOf(Fixtures.t("2026-10-16T08:00") / 1000));
      // the alert rule (all scopes in one: scopeLevel all) fires once
      KafkaProductionTest.await("closure-low firing", Duration.ofSeconds(30),
          () -> "1".equals(value(base, "sum(" + FIRING + "{rule=\"closure-low\",severity=\"critical\"})")));
      assertThat(value(base, "sum(" + READ + "{stream=\"hotline\"})")).isEqualTo("12");
      // every metric the Grafana dashboard queries is one the job exports
      java.util.Set<String> exported = new java.util.TreeSet<>();
      Pipeline.JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
          + "/api/v1/label/__name__/values")).build(), HttpResponse.BodyHandlers.ofString()).body())
          .path("data").forEach(n -> exported.add(n.asText()));
      java.util.Set<String> queried = new java.util.TreeSet<>();
      java.util.regex.Matcher names = java.util.regex.Pattern.compile("(flink|lawmonitor)_[A-Za-z0-9_]+")
          .matcher(Files.readString(Path.of("k8s/grafana/rule-of-law-monitor.json")));
      while (names.find()) {
        queried.add(names.group());
      }
      assertThat(queried).hasSizeGreaterThan(8);
      assertThat(exported).containsAll(queried);
      // streets are not exported by default (cardinality): no series for them
      assertThat(value(base, "count(" + FIGURE + "ratio{scope_level=\"street\"})")).isNull();

      // the rest: 4 of 4 by Oct 17 11:00, and the alert resolves
      Files.write(file, events.subList(12, events.size()), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
      KafkaProductionTest.await("the new figure", Duration.ofSeconds(60),
          () -> "1".equals(value(base, "max(" + FIGURE + "ratio" + district + ")")));
      KafkaProductionTest.await("closure-low resolved", Duration.ofSeconds(30),
          () -> "0".equals(value(base, "sum(" + FIRING + "{rule=\"closure-low\"})")));
      assertThat(value(base, "sum(" + READ + ")")).isEqualTo(String.valueOf(events.size()));
    } finally {
      prometheus.destroy();
      KafkaProductionTest.await("the job to start, to stop it", Duration.ofSeconds(60), () -> job.get() != null || run.isDone());
      if (job.get() != null) {
        job.get().cancel();
      }
      run.get(60, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  /** The single value of an instant PromQL query, or null when it has no series. */
  static String value(String base, String promql) throws Exception {
    HttpResponse<String> r;
    try {
      r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/query?query="
          + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException notYet) {
      return null; // Prometheus still starting
    }
    if (r.statusCode() != 200) {
      return null;
    }
    JsonNode result = Pipeline.JSON.readTree(r.body()).path("data").path("result");
    return result.isEmpty() ? null : result.get(0).path("value").get(1).asText();
  }
}
