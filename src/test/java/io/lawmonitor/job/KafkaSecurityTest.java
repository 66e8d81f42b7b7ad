package io.lawmonitor.job;

import io.lawmonitor.Integration;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lawmonitor.io.KafkaTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A city's Kafka requires a login, and often TLS: {@code kafka} and {@code load} against a real
 * broker with a SASL_PLAINTEXT listener and one with SASL_SSL (a certificate made for the test),
 * each run as its own process the way a user starts it, with the password in the environment.
 * The right credentials give the exact figures; wrong ones stop it at start-up with one line; no
 * password appears in anything it prints or logs (at INFO), writes, or serves on its web UI.
 */
@Integration
class KafkaSecurityTest {
  static final String PASSWORD = "Mon1tor-s3cret-7q";
  static final String WRONG = "not-the-Pa55word";
  static final String ADMIN_PASSWORD = "admin-s3cret-4k";

  @TempDir
  static Path dir;

  static KafkaClusterTestKit saslBroker;
  static KafkaClusterTestKit tlsBroker;
  static Path truststore;
  static final String TRUSTSTORE_PASSWORD = "trust-s3cret-2m";

  @BeforeAll
  static void brokers() throws Exception {
    saslBroker = broker(SecurityProtocol.SASL_PLAINTEXT, Map.of());
    Path keystore = dir.resolve("broker.p12");
    truststore = dir.resolve("truststore.p12");
    certificate(keystore, truststore);
    // the test kit speaks SASL_PLAINTEXT at most; the listener is made SASL_SSL by its protocol map,
    // and the broker trusts its own certificate for the connections it makes to itself
    tlsBroker = broker(SecurityProtocol.SASL_PLAINTEXT, Map.of(
        "listener.security.protocol.map", "EXTERNAL:SASL_SSL,CONTROLLER:PLAINTEXT",
        "ssl.keystore.location", keystore.toString(), "ssl.keystore.type", "PKCS12",
        "ssl.keystore.password", "keystore-pw", "ssl.key.password", "keystore-pw",
        "ssl.truststore.location", truststore.toString(), "ssl.truststore.type", "PKCS12",
        "ssl.truststore.password", TRUSTSTORE_PASSWORD));
  }

  @AfterAll
  static void stop() throws Exception {
    for (KafkaClusterTestKit k : new KafkaClusterTestKit[] {saslBroker, tlsBroker}) {
      if (k != null) {
        k.close();
      }
    }
  }

  /** One combined KRaft node whose client listener requires SASL PLAIN (users admin and monitor). */
  static KafkaClusterTestKit broker(SecurityProtocol protocol, Map<String, String> more) throws Exception {
    String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\""
        + ADMIN_PASSWORD + "\" user_admin=\"" + ADMIN_PASSWORD + "\" user_monitor=\"" + PASSWORD + "\";";
    KafkaClusterTestKit.Builder b = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
        .setNumBrokerNodes(1).setNumControllerNodes(1)
        .setBrokerListenerName(new ListenerName("EXTERNAL")).setBrokerSecurityProtocol(protocol).build())
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .setConfigProp("sasl.enabled.mechanisms", "PLAIN")
        .setConfigProp("sasl.mechanism.inter.broker.protocol", "PLAIN")
        .setConfigProp("authorizer.class.name", "")
        .setConfigProp("listener.name.external.plain.sasl.jaas.config", jaas);
    more.forEach(b::setConfigProp);
    KafkaClusterTestKit k = b.build();
    k.format();
    k.startup();
    k.waitForReadyBrokers();
    return k;
  }

  /** A key pair and self-signed certificate for localhost, and a trust store holding the certificate. */
  static void certificate(Path keystore, Path truststore) throws Exception {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Path pem = keystore.resolveSibling("broker.pem");
    run(keytool, "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", keystore.toString(),
        "-storetype", "PKCS12", "-storepass", "keystore-pw", "-keypass", "keystore-pw");
    run(keytool, "-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", "keystore-pw",
        "-file", pem.toString());
    run(keytool, "-importcert", "-noprompt", "-alias", "kafka-ca", "-file", pem.toString(), "-keystore",
        truststore.toString(), "-storetype", "PKCS12", "-storepass", TRUSTSTORE_PASSWORD);
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
    }
  }

  static Map<String, String> adminProps(KafkaClusterTestKit k, SecurityProtocol protocol) {
    Map<String, String> p = new HashMap<>();
    p.put("bootstrap.servers", k.bootstrapServers());
    p.put("security.protocol", protocol.name);
    p.put("sasl.mechanism", "PLAIN");
    p.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\""
        + " password=\"" + ADMIN_PASSWORD + "\";");
    if (protocol == SecurityProtocol.SASL_SSL) {
      p.put("ssl.truststore.location", truststore.toString());
      p.put("ssl.truststore.type", "PKCS12");
      p.put("ssl.truststore.password", TRUSTSTORE_PASSWORD);
    }
    return p;
  }

  static void createTopics(Map<String, String> admin) throws Exception {
    Properties p = new Properties();
    p.putAll(admin);
    try (Admin a = Admin.create(p)) {
      List<NewTopic> topics = new ArrayList<>();
      for (String t : KafkaTopics.INPUTS) {
        topics.add(new NewTopic(t, 1, (short) 1));
      }
      for (String t : List.of(KafkaTopics.RATE_METRICS, KafkaTopics.ALERTS, KafkaTopics.DEAD_LETTERS, KafkaTopics.LATE_EVENTS)) {
        topics.add(new NewTopic(t, 1, (short) 1));
      }
      a.createTopics(topics).all().get();
    }
  }

  static List<String> consume(Map<String, String> admin, String topic) {
    Properties p = new Properties();
    p.putAll(admin);
    return KafkaBroker.consume(p, topic);
  }

  /** 3 of 4 hotline requests closed on time (HL-S4 misses 24:00 Oct 15), and events after the window. */
  static Path events() throws Exception {
    Path f = dir.resolve("events.jsonl");
    Files.write(f, io.lawmonitor.Fixtures.closureEpisode("HL-S"), StandardCharsets.UTF_8);
    return f;
  }

  /** The job's settings: the client's security from kafka.properties, the password from the environment. */
  static Path config(String name, SecurityProtocol protocol, boolean trust) throws Exception {
    StringBuilder y = new StringBuilder("""
        time:
          idleness: 1s
        kafka:
          checkpointInterval: 1s
          startingOffsets: earliest
          properties:
            security.protocol: %s
            sasl.mechanism: PLAIN
            sasl.jaas.config: 'org.apache.kafka.common.security.plain.PlainLoginModule required username="${KAFKA_USER}" password="${KAFKA_PASSWORD}";'
        """.formatted(protocol.name));
    if (trust) {
      y.append("""
                ssl.truststore.location: %s
                ssl.truststore.type: PKCS12
                ssl.truststore.password: ${KAFKA_TRUSTSTORE_PASSWORD}
            """.formatted(truststore));
    }
    Path f = dir.resolve(name + ".yaml");
    Files.writeString(f, y.toString());
    return f;
  }

  static Map<String, String> env(String password) {
    return Map.of("KAFKA_USER", "monitor", "KAFKA_PASSWORD", password, "KAFKA_TRUSTSTORE_PASSWORD", TRUSTSTORE_PASSWORD);
  }

  static JsonNode closureRate(List<String> metrics) throws Exception {
    for (JsonNode m : KafkaProductionTest.json(metrics)) {
      if (m.get("metric").asText().equals("hotline.ontime_closure_rate") && m.get("window").asText().equals("sliding_24h")
          && m.get("scope").asText().equals("all") && m.get("windowEnd").asText().equals("2026-10-16T01:00:00+08:00")) {
        return m;
      }
    }
    return null;
  }

  /** stderr without the calendar's standing warning: what the run itself said. */
  static List<String> errorLines(Child c) throws Exception {
    return c.err().lines().filter(l -> !l.startsWith("WARNING: the working-day calendar")).toList();
  }

  static void assertNoSecretIn(String what, String text) {
    assertThat(text).as(what).doesNotContain(PASSWORD).doesNotContain(WRONG).doesNotContain(TRUSTSTORE_PASSWORD);
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void saslPlaintextWithTheRightPasswordGivesTheFiguresAndTheWrongOneOneLine() throws Exception {
    Map<String, String> admin = adminProps(saslBroker, SecurityProtocol.SASL_PLAINTEXT);
    createTopics(admin);
    String servers = saslBroker.bootstrapServers();
    Path cfg = config("sasl", SecurityProtocol.SASL_PLAINTEXT, false);
    Path logs = dir.resolve("sasl-logs");
    List<String> printed = new ArrayList<>();

    try (Child load = Child.start(logs, "load", env(PASSWORD), true, "load", "--bootstrap-servers", servers,
        "--config", cfg.toString(), "--events", events().toString())) {
      assertThat(load.await(Duration.ofSeconds(60))).as(load.err()).isZero();
      assertThat(load.out()).contains("Sent 18 records");
      printed.add(load.out() + load.err());
    }

    int web = Child.freePort();
    try (Child job = Child.start(logs, "kafka", env(PASSWORD), true, "kafka", "--bootstrap-servers", servers,
        "--config", cfg.toString(), "--quiet", "--web-ui-port", String.valueOf(web),
        "--state-dir", dir.resolve("sasl-state").toString())) {
      KafkaProductionTest.await("the 3/4 window committed", Duration.ofSeconds(120), () -> {
        if (!job.process.isAlive()) {
          throw new AssertionError("kafka ended: " + job.out() + job.err());
        }
        return closureRate(consume(admin, KafkaTopics.RATE_METRICS)) != null;
      });
      JsonNode m = closureRate(consume(admin, KafkaTopics.RATE_METRICS));
      assertThat(m.get("numerator").asInt() + "/" + m.get("denominator").asInt()).isEqualTo("3/4");
      assertThat(m.get("value").asDouble()).isEqualTo(0.75);
      // everything the web UI shows of the configuration and the job
      String jobs = Child.http("GET", "http://127.0.0.1:" + web + "/jobs/overview").body();
      String jid = KafkaProductionTest.json(List.of(jobs)).get(0).get("jobs").get(0).get("jid").asText();
      for (String page : List.of("/jobmanager/config", "/config", "/jobs/" + jid, "/jobs/" + jid + "/config",
          "/jobs/" + jid + "/plan", "/jobs/" + jid + "/checkpoints/config", "/jobmanager/environment")) {
        String body = Child.http("GET", "http://127.0.0.1:" + web + page).body();
        assertNoSecretIn("web UI " + page, body);
        printed.add(body);
      }
      printed.add(job.out() + job.err());
    }

    try (Child wrong = Child.start(logs, "kafka-wrong", env(WRONG), false, "kafka", "--bootstrap-servers", servers,
        "--config", cfg.toString(), "--quiet", "--web-ui-port", "0", "--state-dir", dir.resolve("sasl-state").toString())) {
      assertThat(wrong.await(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(errorLines(wrong)).singleElement().asString()
          .isEqualTo("rule-of-law-monitor kafka: Kafka at " + servers + " refused the credentials (SASL_PLAINTEXT PLAIN):"
              + " Authentication failed: Invalid username or password");
      printed.add(wrong.out() + wrong.err());
    }
    try (Child wrong = Child.start(logs, "load-wrong", env(WRONG), false, "load", "--bootstrap-servers", servers,
        "--config", cfg.toString(), "--events", events().toString())) {
      assertThat(wrong.await(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(errorLines(wrong)).singleElement().asString().startsWith("rule-of-law-monitor load: Kafka at " + servers
          + " refused the credentials");
      printed.add(wrong.out() + wrong.err());
    }
    try (Child unset = Child.start(logs, "kafka-unset", Map.of("KAFKA_USER", "monitor"), false, "kafka",
        "--bootstrap-servers", servers, "--config", cfg.toString())) {
      assertThat(unset.await(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(unset.err()).contains("kafka.properties.sasl.jaas.config: environment variable KAFKA_PASSWORD is not set");
    }

    for (String p : printed) {
      assertNoSecretIn("what the runs printed and logged", p);
    }
    assertThat(String.join("\n", printed)).as("INFO logging was on").contains("INFO");
    for (String topic : List.of(KafkaTopics.RATE_METRICS, KafkaTopics.ALERTS, KafkaTopics.DEAD_LETTERS, KafkaTopics.LATE_EVENTS)) {
      assertNoSecretIn(topic, String.join("\n", consume(admin, topic)));
    }
  }

  @Test
  void saslOverTlsWithATrustStoreWorksAndWithoutOneSaysTheCertificateIsNotTrusted() throws Exception {
    Map<String, String> admin = adminProps(tlsBroker, SecurityProtocol.SASL_SSL);
    createTopics(admin);
    String servers = tlsBroker.bootstrapServers();
    Path logs = dir.resolve("tls-logs");
    Path cfg = config("tls", SecurityProtocol.SASL_SSL, true);

    try (Child load = Child.start(logs, "load", env(PASSWORD), true, "load", "--bootstrap-servers", servers,
        "--config", cfg.toString(), "--events", events().toString())) {
      assertThat(load.await(Duration.ofSeconds(60))).as(load.err()).isZero();
      assertNoSecretIn("load", load.out() + load.err());
    }
    Path summary = dir.resolve("tls-summary.json");
    try (Child job = Child.start(logs, "kafka", env(PASSWORD), true, "kafka", "--bootstrap-servers", servers,
        "--config", cfg.toString(), "--until-end", "--quiet", "--web-ui-port", "0", "--summary", summary.toString(),
        "--state-dir", dir.resolve("tls-state").toString())) {
      assertThat(job.await(Duration.ofSeconds(120))).as(job.err()).isZero();
      assertNoSecretIn("kafka", job.out() + job.err());
    }
    JsonNode s = Pipeline.JSON.readTree(summary.toFile());
    assertThat(s.get("eventsRead").asLong()).isEqualTo(18);
    assertThat(s.get("eventsUsed").asLong()).isEqualTo(18);
    JsonNode m = closureRate(consume(admin, KafkaTopics.RATE_METRICS));
    assertThat(m.get("numerator").asInt() + "/" + m.get("denominator").asInt()).isEqualTo("3/4");

    Path untrusted = config("tls-untrusted", SecurityProtocol.SASL_SSL, false);
    try (Child job = Child.start(logs, "kafka-untrusted", env(PASSWORD), false, "kafka", "--bootstrap-servers", servers,
        "--config", untrusted.toString(), "--until-end", "--quiet", "--web-ui-port", "0",
        "--state-dir", dir.resolve("tls-state").toString())) {
      assertThat(job.await(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(errorLines(job)).singleElement().asString().isEqualTo("rule-of-law-monitor kafka: TLS handshake with Kafka at "
          + servers + " failed: the broker's certificate is not trusted (kafka.properties ssl.truststore.location must"
          + " hold the CA that signed it)");
    }
  }
}
