package io.lawmonitor.job;

import io.lawmonitor.config.MonitorConfig;
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
    java.util.Map<String, String> env = java.util.Map.of("KAFKA_SASL_JAAS_CONFIG",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
        "KAFKA_CA_CERT", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----");
    MonitorConfig cfg = MonitorConfig.load(monitor, env::get);
    assertThat(cfg.kafka().transactionTimeout()).isLessThan(java.time.Duration.ofMinutes(15));
    assertThat(cfg.kafka().properties()).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("sasl.jaas.config", env.get("KAFKA_SASL_JAAS_CONFIG"));
    assertThat(data.get("monitor.yaml").asText()).as("no secret in the ConfigMap").doesNotContain("password=");
    RuleSet rules = RuleSet.parse(data.get("alert-rules.yaml").asText(), cfg.windowNames(), "k8s/monitor-config.yaml");
    RuleSet bundled = RuleSet.load(Path.of("flink-conf/alert-rules.yaml"), cfg.windowNames());
    // the ConfigMap carries the bundled rules, rule for rule
    assertThat(rules.rules()).isEqualTo(bundled.rules());
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
    assertThat(spec.get("flinkConfiguration").get("web.submit.enable").asText()).as("no jar upload").isEqualTo("false");
    List<String> env = new ArrayList<>();
    spec.get("podTemplate").get("spec").get("containers").get(0).get("env").forEach(e -> env.add(e.get("name").asText()));
    assertThat(env).as("what monitor.yaml's kafka.properties refers to").containsExactlyInAnyOrder("KAFKA_SASL_JAAS_CONFIG",
        "KAFKA_CA_CERT");
  }

  @Test
  void theOneMachineConfigurationServesNothingToTheNetworkAndTakesNoJars() {
    org.apache.flink.configuration.Configuration c =
        org.apache.flink.configuration.GlobalConfiguration.loadConfiguration("flink-conf");
    assertThat(c.get(org.apache.flink.configuration.WebOptions.SUBMIT_ENABLE)).isFalse();
    assertThat(c.get(org.apache.flink.configuration.RestOptions.BIND_ADDRESS)).isEqualTo("127.0.0.1");
    assertThat(c.toMap().keySet()).as("checkpoints under the user's state folder, not /tmp")
        .doesNotContain("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir");
    assertThat(c.toMap().keySet()).noneMatch(k -> k.startsWith("metrics.reporter"));
  }

  @Test
  void theKafkaUserMayDoWhatTheJobDoes() throws Exception {
    JsonNode user = documents("k8s/kafka-user.yaml").get(0);
    assertThat(user.get("spec").get("authentication").get("type").asText()).isEqualTo("scram-sha-512");
    MonitorConfig cfg = MonitorConfig.defaults();
    List<String> acls = new ArrayList<>();
    user.get("spec").get("authorization").get("acls").forEach(a -> acls.add(a.get("resource").path("type").asText() + " "
        + a.get("resource").path("name").asText()));
    for (String topic : KafkaTopics.INPUTS) {
      assertThat(topic).startsWith("law.");
    }
    assertThat(acls).contains("topic law.", "group " + cfg.kafka().groupId(), "transactionalId " + cfg.kafka().transactionalIdPrefix());
  }

  @Test
  void theTopicsAreTheOnesTheJobUses() throws Exception {
    List<String> names = documents("k8s/kafka-topics.yaml").stream().map(d -> d.get("spec").get("topicName").asText()).toList();
    List<String> expected = new ArrayList<>(KafkaTopics.INPUTS);
    expected.addAll(List.of(KafkaTopics.RATE_METRICS, KafkaTopics.ALERTS, KafkaTopics.DEAD_LETTERS, KafkaTopics.LATE_EVENTS,
        KafkaTopics.ALERT_DELIVERIES, KafkaTopics.ALERT_RULES, KafkaTopics.RULE_CHANGES, KafkaTopics.CASE_WATCH));
    assertThat(names).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void theGrafanaDashboardIsTheOneTheCatalogueMakes() throws Exception {
    assertThat(Files.readString(Path.of(io.lawmonitor.dashboard.GrafanaDashboard.FILE)))
        .as("the dashboard for this version's streams: bin/monitor dashboard --out " + io.lawmonitor.dashboard.GrafanaDashboard.FILE)
        .isEqualTo(io.lawmonitor.dashboard.GrafanaDashboard.text());
    String text = io.lawmonitor.dashboard.GrafanaDashboard.text();
    for (var d : io.lawmonitor.catalogue.Catalogue.all()) {
      assertThat(text).contains("\"title\": \"" + d.labels().name() + "（$window）\"");
      for (var m : d.metrics()) {
        if (m.kind() != io.lawmonitor.streams.Metric.Kind.COUNT) {
          assertThat(text).as(m.id()).contains("metric=\\\"" + m.id() + "\\\"");
        }
      }
    }
  }

  @Test
  void theGrafanaDashboardImportsAndKustomizeShipsItWithTheKafkaCluster() throws Exception {
    JsonNode d = new ObjectMapper().readTree(Path.of("k8s/grafana/rule-of-law-monitor.json").toFile());
    assertThat(d.get("schemaVersion").asInt()).isBetween(36, 41);
    assertThat(d.get("uid").asText()).isEqualTo("rule-of-law-monitor");
    List<String> vars = new java.util.ArrayList<>();
    d.path("templating").path("list").forEach(v -> vars.add(v.get("name").asText() + ":" + v.get("type").asText()));
    assertThat(vars).contains("datasource:datasource", "city:query", "district:query");
    // every panel and query takes the data source from the variable, none is pinned to an instance
    d.path("panels").forEach(p -> {
      if (!p.get("type").asText().equals("row")) {
        assertThat(p.path("datasource").path("uid").asText()).as(p.get("title").asText()).isEqualTo("${datasource}");
        assertThat(p.path("targets")).isNotEmpty();
        p.path("targets").forEach(t -> assertThat(t.path("expr").asText()).isNotBlank());
      }
    });
    JsonNode k = documents("k8s/kustomization.yaml").get(0);
    List<String> resources = new java.util.ArrayList<>();
    k.path("resources").forEach(r -> resources.add(r.asText()));
    assertThat(resources).contains("kafka-cluster.yaml", "kafka-topics.yaml", "kafka-user.yaml");
    JsonNode gen = k.path("configMapGenerator").get(0);
    assertThat(gen.path("files").get(0).asText()).isEqualTo("grafana/rule-of-law-monitor.json");
    assertThat(gen.path("options").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
    List<String> kinds = new java.util.ArrayList<>();
    documents("k8s/kafka-cluster.yaml").forEach(x -> kinds.add(x.get("kind").asText() + " " + x.path("metadata").path("name").asText()));
    assertThat(kinds).containsExactly("KafkaNodePool dual-role", "Kafka law-kafka");
  }
}
