package io.lawmonitor.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.lawmonitor.Integration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code k8s/} as the operators will read it: rendered by kustomize itself ({@code kubectl
 * kustomize k8s/}), and every custom resource in it checked against the schema of its definition
 * in the versions the README names — the Flink Kubernetes Operator 1.13.0's FlinkDeployment,
 * Strimzi 0.49.1's Kafka, KafkaNodePool, KafkaTopic and KafkaUser (src/test/resources/crds/, taken
 * from those projects' released definitions).
 */
@Integration
class ManifestsTest {
  static final Path CRDS = Path.of("src/test/resources/crds");
  static final YAMLMapper YAML = new YAMLMapper();
  /** "group/version kind" → the schema. */
  static final Map<String, JsonNode> SCHEMAS = new TreeMap<>();
  static List<JsonNode> rendered;

  @BeforeAll
  static void render() throws Exception {
    try (var files = Files.list(CRDS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        JsonNode crd = Pipeline.JSON.readTree(f.toFile());
        SCHEMAS.put(crd.get("group").asText() + "/" + crd.get("version").asText() + " " + crd.get("kind").asText(),
            crd.get("schema"));
      }
    }
    Process p;
    try {
      p = new ProcessBuilder("kubectl", "kustomize", "k8s/").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (java.io.IOException noKubectl) {
      rendered = null;
      return;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("kubectl kustomize k8s/").isZero();
    rendered = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(out)) {
      var it = YAML.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode d = it.next();
        if (d != null && !d.isEmpty()) {
          rendered.add(d);
        }
      }
    }
  }

  private static void assumeKubectl() {
    Assumptions.assumeTrue(rendered != null, "skipped: kubectl (for kubectl kustomize) is not installed");
  }

  private static String key(JsonNode d) {
    return d.path("apiVersion").asText() + " " + d.path("kind").asText();
  }

  @Test
  void everyCustomResourceHoldsToItsOperatorsSchema() {
    assumeKubectl();
    List<String> checked = new ArrayList<>();
    for (JsonNode d : rendered) {
      JsonNode schema = SCHEMAS.get(key(d));
      if (schema != null) {
        String name = key(d) + " " + d.path("metadata").path("name").asText();
        assertThat(CrdSchema.violations(schema, d)).as(name).isEmpty();
        checked.add(d.path("kind").asText());
      }
    }
    assertThat(checked).contains("FlinkDeployment", "Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser");
    // a kind of one of those groups without a schema here would go unchecked
    assertThat(rendered).filteredOn(d -> d.path("apiVersion").asText().matches("(flink\\.apache\\.org|kafka\\.strimzi\\.io)/.*"))
        .allMatch(d -> SCHEMAS.containsKey(key(d)));
  }

  @Test
  void theRenderingHoldsTheJobTheDashboardAndTheTopics() {
    assumeKubectl();
    assertThat(rendered).extracting(ManifestsTest::key).contains("flink.apache.org/v1beta1 FlinkDeployment",
        "v1 ConfigMap", "monitoring.coreos.com/v1 PrometheusRule", "monitoring.coreos.com/v1 PodMonitor");
    assertThat(rendered).filteredOn(d -> d.path("metadata").path("name").asText().equals("rule-of-law-monitor-dashboard"))
        .singleElement().satisfies(d -> {
          assertThat(d.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
          assertThat(d.path("data").path("rule-of-law-monitor.json").asText()).contains("lawmonitor_figure_ratio");
        });
  }

  /** The check is not vacuous: what the operator would refuse, it refuses. */
  @Test
  void aFlinkDeploymentTheOperatorWouldRefuseIsRefused() {
    assumeKubectl();
    JsonNode deployment = rendered.stream().filter(d -> d.path("kind").asText().equals("FlinkDeployment")).findFirst()
        .orElseThrow();
    JsonNode schema = SCHEMAS.get(key(deployment));
    ObjectNode wrong = deployment.deepCopy();
    ((ObjectNode) wrong.get("spec")).put("flinkVersion", "v2_9");
    ((ObjectNode) wrong.get("spec").get("job")).put("parallelism", "4");
    ((ObjectNode) wrong.get("spec").get("job")).put("upgradeMod", "savepoint");
    ((ObjectNode) wrong.get("spec").get("jobManager")).put("replicas", "1");
    assertThat(CrdSchema.violations(schema, wrong)).hasSize(4)
        .anyMatch(v -> v.startsWith("spec.flinkVersion: \"v2_9\" is none of"))
        .anyMatch(v -> v.startsWith("spec.job.parallelism: an integer"))
        .anyMatch(v -> v.equals("spec.job.upgradeMod: a field the schema does not know"))
        .anyMatch(v -> v.startsWith("spec.jobManager.replicas: an integer"));
  }
}
