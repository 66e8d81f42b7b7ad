package io.lawmonitor.job;

import io.lawmonitor.config.MonitorConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lawmonitor.io.ClientProperties;
import io.lawmonitor.io.KafkaClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kafka.properties: read from the config with secrets from the environment, checked, and never shown. */
class KafkaPropertiesTest {
  static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
      + " username=\"${KAFKA_USER}\" password=\"${KAFKA_PASSWORD}\";";

  @TempDir
  Path dir;

  private MonitorConfig load(String properties, Map<String, String> env) throws Exception {
    Path f = dir.resolve("monitor.yaml");
    Files.writeString(f, "kafka:\n  properties:\n" + properties);
    return MonitorConfig.load(f, env::get);
  }

  @Test
  void secretsComeFromTheEnvironmentAndReachEveryClientButNoString() throws Exception {
    MonitorConfig cfg = load("""
            security.protocol: SASL_SSL
            sasl.mechanism: SCRAM-SHA-512
            sasl.jaas.config: '%s'
            request.timeout.ms: 20000
        """.formatted(JAAS), Map.of("KAFKA_USER", "law-monitor", "KAFKA_PASSWORD", "Zx9-secret-Q"));
    Map<String, String> p = cfg.kafka().properties();
    assertThat(p).containsEntry("security.protocol", "SASL_SSL").containsEntry("request.timeout.ms", "20000");
    assertThat(p.get("sasl.jaas.config")).contains("username=\"law-monitor\" password=\"Zx9-secret-Q\";");
    assertThat(KafkaClients.base(cfg.kafka())).containsEntry("sasl.jaas.config", p.get("sasl.jaas.config"))
        .containsEntry("bootstrap.servers", "localhost:9092");
    assertThat(cfg.toString()).doesNotContain("Zx9-secret-Q").contains("sasl.jaas.config=[hidden]")
        .contains("security.protocol=SASL_SSL");
    assertThat(cfg.kafka().toString()).doesNotContain("Zx9-secret-Q");
  }

  @Test
  void whatCannotWorkIsRefusedNamingTheSettingNeverTheSecret() {
    Map<String, String> env = Map.of("KAFKA_USER", "u", "KAFKA_PASSWORD", "Zx9-secret-Q");
    assertThatThrownBy(() -> load("    sasl.jaas.config: '" + JAAS + "'\n", Map.of("KAFKA_USER", "u")))
        .hasMessageEndingWith("kafka.properties.sasl.jaas.config: environment variable KAFKA_PASSWORD is not set");
    assertThatThrownBy(() -> load("    security.protocol: SASL_SSL\n    sasl.jaas.config: '" + JAAS + "'\n", env))
        .hasMessageContaining("kafka.properties: security.protocol SASL_SSL needs sasl.mechanism")
        .hasMessageNotContaining("Zx9");
    assertThatThrownBy(() -> load("    security.protocol: SASL_SSL\n    sasl.mechanism: PLAIN\n", env))
        .hasMessageContaining("sasl.mechanism PLAIN needs sasl.jaas.config");
    assertThatThrownBy(() -> load("    security.protocol: TLS\n", env))
        .hasMessageContaining("kafka.properties.security.protocol: 'TLS' is not one of");
    assertThatThrownBy(() -> load("    sasl.mechansim: PLAIN\n", env))
        .hasMessageContaining("kafka.properties.sasl.mechansim: not a Kafka client setting");
    assertThatThrownBy(() -> load("    group.id: other\n", env))
        .hasMessageContaining("kafka.properties.group.id: set by the monitor; set kafka.groupId instead");
    assertThatThrownBy(() -> load("    request.timeout.ms: soon\n", env))
        .hasMessageContaining("kafka.properties.request.timeout.ms: not a valid int ('soon')");
    assertThatThrownBy(() -> load("    ssl.truststore.location: /no/such/truststore.p12\n", env))
        .hasMessageContaining("kafka.properties.ssl.truststore.location: cannot read /no/such/truststore.p12");
    assertThatThrownBy(() -> load("    ssl.truststore.password: {a: b}\n", env))
        .hasMessageContaining("kafka.properties.ssl.truststore.password: a single value");
  }

  @Test
  void secretSettingsAreKnownAsSuch() {
    assertThat(ClientProperties.secret("sasl.jaas.config")).isTrue();
    assertThat(ClientProperties.secret("ssl.truststore.password")).isTrue();
    assertThat(ClientProperties.secret("ssl.key.password")).isTrue();
    assertThat(ClientProperties.secret("security.protocol")).isFalse();
    assertThat(ClientProperties.describe(Map.of("ssl.keystore.password", "p", "sasl.mechanism", "PLAIN")))
        .isEqualTo("{sasl.mechanism=PLAIN, ssl.keystore.password=[hidden]}");
  }
}
