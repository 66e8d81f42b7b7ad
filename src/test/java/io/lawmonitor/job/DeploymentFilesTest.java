package io.lawmonitor.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.io.KafkaTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What k8s/ deploys is what the monitor accepts: settings and rules validate, the topics and the entry point match. */
class DeploymentFilesTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static List<JsonNode> documents(String file) throws Exception {
    List<JsonNode> docs = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(Path.of(file).toFile())) {
      var it = YAML.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        docs.add(it.next());
      }
    }
    return docs;
  }

  @Test
  void theConfigMapsSettingsAndRulesValidate(@TempDir Path dir) throws Exception {
    JsonNode data = documents("k8s/monitor-config.yaml").get(0).get("data");
    Path monitor = dir.resolve("monitor.yaml");
    Files.writeString(monitor, data.get("monitor.yaml").asText());
    MonitorConfig cfg = MonitorConfig.load(monitor);
    assertThat(cfg.kafka().transactionTimeout()).isLessThan(java.time.Duration.ofMinutes(15));
    RuleSet rules = RuleSet.parse(data.get("alert-rules.yaml").asText(), cfg.windowNames(), "k8s/monitor-config.yaml");
    RuleSet bundled = RuleSet.load(Path.of("flink-conf/alert-rules.yaml"), cfg.windowNames());
    assertThat(rules.rules()).hasSameSizeAs(bundled.rules());
  }

  @Test
  void theDeploymentRunsTheKafkaCommandOnTheMountedFiles() throws Exception {
    JsonNode spec = documents("k8s/flink-deployment.yaml").get(0).get("spec");
    assertThat(spec.get("flinkVersion").asText()).isEqualTo("v2_2");
    JsonNode job = spec.get("job");
    assertThat(job.get("entryClass").asText()).isEqualTo(Main.class.getName());
    assertThat(job.get("upgradeMode").asText()).isEqualTo("savepoint");
    List<String> args = new ArrayList<>();
    job.get("args").forEach(a -> args.add(a.asText()));
    assertThat(args.get(0)).isEqualTo("kafka");
    assertThat(args).contains("/opt/flink/monitor-conf/monitor.yaml", "/opt/flink/monitor-conf/alert-rules.yaml");
    assertThat(spec.get("flinkConfiguration").get("state.backend.type").asText()).isEqualTo("rocksdb");
    assertThat(spec.get("flinkConfiguration").get("execution.checkpointing.incremental").asText()).isEqualTo("true");
  }

  @Test
  void theTopicsAreTheOnesTheJobUses() throws Exception {
    List<String> names = documents("k8s/kafka-topics.yaml").stream().map(d -> d.get("spec").get("topicName").asText()).toList();
    List<String> expected = new ArrayList<>(KafkaTopics.INPUTS);
    expected.addAll(List.of(KafkaTopics.RATE_METRICS, KafkaTopics.ALERTS, KafkaTopics.DEAD_LETTERS, KafkaTopics.LATE_EVENTS));
    assertThat(names).containsExactlyInAnyOrderElementsOf(expected);
  }
}
