package io.lawmonitor.job;

import io.lawmonitor.run.KafkaScan;
import io.lawmonitor.run.KafkaRun;
import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.Integration;
import static io.lawmonitor.Fixtures.hotline;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.io.KafkaTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kafka mode against a real broker in this JVM (one combined KRaft node). */
@Integration
class KafkaModeTest {
  @BeforeAll
  static void topics() throws Exception {
    List<NewTopic> topics = new ArrayList<>();
    for (String t : KafkaTopics.INPUTS) {
      topics.add(new NewTopic(t, 2, (short) 1));
    }
    for (String t : List.of(KafkaTopics.RATE_METRICS, KafkaTopics.ALERTS, KafkaTopics.DEAD_LETTERS, KafkaTopics.LATE_EVENTS)) {
      topics.add(new NewTopic(t, 1, (short) 1));
    }
    KafkaBroker.create(topics);
  }

  static Properties props() throws Exception {
    return KafkaBroker.props();
  }

  static void produce(String topic, List<byte[][]> keyValues) throws Exception {
    KafkaBroker.produce(keyValues.stream().map(kv -> new KafkaBroker.Rec(topic, null, kv[0], kv[1])).toList());
  }

  static List<JsonNode> consume(String topic) throws Exception {
    return KafkaProductionTest.json(KafkaBroker.consume(topic));
  }

  static byte[][] kv(String key, String value) {
    return new byte[][] {key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)};
  }

  @Test
  void exactFiguresThroughTheTopicsWithAnIdleStreamAndBadRecords() throws Exception {
    List<byte[][]> hotlineRecords = new ArrayList<>();
    List<String> events = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      var c = hotline("HL-K" + i);
      events.add(c.received("2026-10-12T09:0" + i).attr("kind", "HELP").json());
      events.add(c.responded("2026-10-12T11:00").json());
    }
    for (int i = 1; i <= 3; i++) {
      events.add(hotline("HL-K" + i).closed("2026-10-15T10:00", true).json());
    }
    events.add(hotline("HL-K4").closed("2026-10-16T09:00", false).json());
    for (String e : events) {
      String caseId = Pipeline.JSON.readTree(e).get("caseId").asText();
      hotlineRecords.add(kv(caseId, e));
    }
    hotlineRecords.add(kv("HL-K1", events.get(0)));                                       // a producer retry
    hotlineRecords.add(new byte[][] {"x".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, (byte) 0x28, '{'}});
    hotlineRecords.add(new byte[][] {"y".getBytes(StandardCharsets.UTF_8), new byte[0]});
    produce(KafkaTopics.inputs().get(io.lawmonitor.events.StreamKind.HOTLINE), hotlineRecords);
    // law.review.events stays empty: an idle stream must not hold the others back

    MonitorConfig cfg = MonitorConfig.defaults();
    cfg = cfg.withKafka(cfg.kafka().withBootstrapServers(KafkaBroker.servers())
        .withCheckpointInterval(Duration.ofSeconds(1)));
    long inputEnd = KafkaScan.lastEventTime(cfg, Long.MAX_VALUE);
    assertThat(inputEnd).isEqualTo(io.lawmonitor.Fixtures.t("2026-10-16T09:00"));
    var result = KafkaRun.run(cfg, RuleSet.empty(), WorkCalendar.bundled(), new Configuration(), 2, true, inputEnd);

    assertThat(result.getAllAccumulatorResults()).containsEntry("eventsRead", 15L).containsEntry("eventsUsed", 12L)
        .containsEntry("duplicates", 1L).containsEntry("deadLetters", 2L);
    List<JsonNode> metrics = consume(KafkaTopics.RATE_METRICS);
    JsonNode m = metrics.stream().filter(x -> x.get("metric").asText().equals("hotline.ontime_closure_rate")
        && x.get("window").asText().equals("sliding_24h") && x.get("scope").asText().equals("all")
        && x.get("windowEnd").asText().equals("2026-10-16T01:00:00+08:00")).findFirst().orElseThrow();
    assertThat(m.get("numerator").asLong() + "/" + m.get("denominator").asLong()).isEqualTo("3/4");
    assertThat(metrics.stream().map(x -> x.get("metric").asText() + x.get("window").asText() + x.get("scope").asText()
        + x.get("windowEnd").asText() + x.get("revision").asText()).distinct().count())
        .as("each record once, though the sink is transactional and the job checkpointed").isEqualTo(metrics.size());
    assertThat(consume(KafkaTopics.DEAD_LETTERS)).extracting(d -> d.get("reason").asText() + " " + d.get("detail").asText())
        .containsExactlyInAnyOrder("BAD_ENCODING not UTF-8 text", "MALFORMED_JSON empty record");
    assertThat(consume(KafkaTopics.DEAD_LETTERS)).allMatch(d -> d.get("origin").asText().matches("law\\.hotline\\.events/[01]@\\d+"));
  }

  @Test
  void loadPublishesEachStreamToItsTopicInEventTimeOrder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Files.write(dir.resolve("a.jsonl"), List.of(
        hotline("HL-L1").received("2026-10-12T09:00").json(),
        hotline("HL-L1").closed("2026-10-12T11:00", true).json()));
    java.nio.file.Files.write(dir.resolve("b.jsonl"), List.of(
        io.lawmonitor.Fixtures.review("RV-L1").received("2026-10-12T10:00").json(),
        "not json"));
    java.nio.file.Path cfg = dir.resolve("monitor.yaml");
    java.nio.file.Files.writeString(cfg, "kafka:\n  topics: {enforcement: l.enf, hotline: l.hot, review: l.rev, mediation: l.med}\n");
    int code = Main.execute("load", "--bootstrap-servers", KafkaBroker.servers(), "--events", dir.resolve("a.jsonl").toString(),
        "--events", dir.resolve("b.jsonl").toString(), "--config", cfg.toString());
    assertThat(code).isZero();
    List<String> hot = new ArrayList<>();
    Properties p = props();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition("l.hot", 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      while (c.position(tp) < end) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          hot.add(new String(r.value(), StandardCharsets.UTF_8));
        }
      }
      assertThat(c.endOffsets(List.of(new TopicPartition("l.rev", 0))).values()).containsExactly(1L);
    }
    // merged by time: 09:00 (a), then b's 10:00 review line, after which b's unreadable line is next
    // in its file and goes at once (it has no time to wait for), then a's 11:00
    assertThat(hot).hasSize(3);
    assertThat(hot.get(0)).contains("RECEIVED");
    assertThat(hot.get(1)).isEqualTo("not json");
    assertThat(hot.get(2)).contains("CLOSED");
  }
}
