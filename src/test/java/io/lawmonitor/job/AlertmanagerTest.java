package io.lawmonitor.job;

import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.Integration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lawmonitor.alerts.RuleSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus Alertmanager (Debian's prometheus-alertmanager, started here on a loopback
 * port): the monitor's FIRING shows in its API with the rule's labels, and its RESOLVED ends it.
 * .ci/run installs the package; where it cannot be had, this test says so and is skipped.
 */
@Integration
class AlertmanagerTest {
  static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

  @TempDir
  Path dir;

  @Test
  void theAlertFiresInAlertmanagerWithItsLabelsAndTheResolveEndsIt() throws Exception {
    assumeTrue(Files.isExecutable(BINARY), "needs Debian's prometheus-alertmanager (apt-get install prometheus-alertmanager;"
        + " .ci/run installs it): not installed here, so this test is skipped");
    int port = Child.freePort();
    Path conf = Files.writeString(dir.resolve("alertmanager.yml"), "route: {receiver: 'null'}\nreceivers: [{name: 'null'}]\n");
    Process am = new ProcessBuilder(BINARY.toString(), "--config.file=" + conf, "--storage.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
        .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
    try {
      String api = "http://127.0.0.1:" + port + "/api/v2/alerts";
      KafkaProductionTest.await("Alertmanager to answer", Duration.ofSeconds(30), () -> {
        try {
          return Child.http("GET", api).statusCode() == 200;
        } catch (java.io.IOException notYet) {
          return false;
        }
      });
      // the server's url, as Prometheus and Grafana take it: the alerts go to its API
      String rules = DeliveryTest.rules("  am: {type: alertmanager, url: http://127.0.0.1:" + port + "}\n", "ops, am");
      MonitorConfig cfg = DeliveryTest.config(5);

      // up to Oct 16 14:00: the breach has begun and not ended
      List<String> events = DeliveryTest.events().get("hotline.jsonl");
      Pipeline.Result firing = run("firing", events.stream().filter(e -> !e.contains("2026-10-17")).toList(), rules, cfg);
      assertThat(firing.alerts()).extracting(a -> a.get("state").asText()).containsExactly("FIRING");
      JsonNode active = Pipeline.JSON.readTree(Child.http("GET", api).body());
      assertThat(active).hasSize(1);
      assertThat(active.get(0).get("labels").toString()).isEqualTo("{\"alertname\":\"closure-low\",\"metric\":"
          + "\"hotline.ontime_closure_rate\",\"scope\":\"all\",\"scopeLevel\":\"all\",\"severity\":\"critical\","
          + "\"window\":\"sliding_24h\"}");
      assertThat(active.get(0).get("status").get("state").asText()).isEqualTo("active");
      assertThat(active.get(0).get("annotations").get("summary").asText()).isEqualTo("全部 近24小时12345按期办结率 75.0%（4件）低于 90%");
      assertThat(active.get(0).get("startsAt").asText()).startsWith("2026-10-15T16:00:00");

      // the whole history: it resolves at Oct 17 01:00, and Alertmanager no longer has it active
      Pipeline.Result whole = run("whole", events, rules, cfg);
      assertThat(whole.alerts()).extracting(a -> a.get("state").asText()).containsExactly("FIRING", "RESOLVED");
      assertThat(Pipeline.read(whole.out().resolve("deliveries.jsonl"))).extracting(d -> d.get("outcome").asText())
          .containsExactly("DELIVERED", "DELIVERED");
      assertThat(Pipeline.JSON.readTree(Child.http("GET", api).body())).as("no active alert").isEmpty();
    } finally {
      am.destroy();
      am.waitFor();
    }
  }

  private Pipeline.Result run(String name, List<String> events, String rulesYaml, MonitorConfig cfg) throws Exception {
    Path in = Files.createDirectories(dir.resolve(name + "-in"));
    Files.write(in.resolve("hotline.jsonl"), events, StandardCharsets.UTF_8);
    RuleSet rules = RuleSet.parse(rulesYaml, cfg.windowNames(), "test rules", Map.<String, String>of()::get);
    return Pipeline.run(in, dir.resolve(name + "-out"), cfg, rules, new Configuration());
  }
}
