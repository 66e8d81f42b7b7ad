package io.lawmonitor.job;

import io.lawmonitor.io.KafkaSettings;

import io.lawmonitor.Integration;
import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.job.KafkaBroker.Rec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** replay of the input topics: the records a replay of the same events from files gives, for the same period. */
@Integration
class KafkaReplayTest {
  @TempDir
  Path dir;

  @Test
  void theTopicsReplayedForAPeriodGiveWhatTheFilesGive() throws Exception {
    KafkaSettings k = KafkaBroker.topics("kreplay-", 1);
    List<String> events = io.lawmonitor.Fixtures.closureEpisode("HL-K");
    List<Rec> recs = new ArrayList<>();
    for (String e : events) {
      recs.add(Rec.of(k.inputTopics().get(1), e.replaceAll(".*\"caseId\":\"([^\"]+)\".*", "$1"), e));
    }
    KafkaBroker.produce(recs);
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    Files.write(in.resolve("events.jsonl"), events, StandardCharsets.UTF_8);
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, DeliveryTest.rules("", "ops"));
    Path config = dir.resolve("monitor.yaml");
    Files.writeString(config, """
        kafka:
          checkpointInterval: 1s
          groupId: kreplay-live
          topics:
            enforcement: %s
            hotline: %s
            review: %s
            mediation: %s
        """.formatted(k.inputTopics().toArray()));

    CliTest.Run files = CliTest.run("replay", "--events", in.toString(), "--rules", rules.toString(), "--config",
        config.toString(), "--out", dir.resolve("files").toString(), "--quiet", "--to", "2026-10-17T12:01");
    assertThat(files.code()).as(files.err()).isZero();
    CliTest.Run topics = CliTest.run("replay", "--bootstrap-servers", k.bootstrapServers(), "--rules", rules.toString(),
        "--config", config.toString(), "--out", dir.resolve("topics").toString(), "--quiet", "--to", "2026-10-17T12:01");
    assertThat(topics.code()).as(topics.err()).isZero();

    assertThat(topics.out()).contains("replay: the topics kreplay-law.enforcement.events")
        .contains("1 record with an event time outside the period was passed over.");
    assertThat(files.out()).contains("1 line with an event time outside the period was passed over.");
    for (String f : List.of("metrics.jsonl", "alerts.jsonl", "dead-letters.jsonl", "late-events.jsonl")) {
      assertThat(Files.readAllLines(dir.resolve("topics").resolve(f))).as(f)
          .isEqualTo(Files.readAllLines(dir.resolve("files").resolve(f)));
    }
    assertThat(Files.readAllLines(dir.resolve("topics/alerts.jsonl"))).hasSize(2);
    assertThat(Files.readString(dir.resolve("topics/summary.json"))).contains("\"mode\" : \"replay\"")
        .contains("\"eventsRead\" : 17");
    // the replay's own consumer group: the live job's is left as it was
    try (var admin = org.apache.kafka.clients.admin.Admin.create(KafkaBroker.props())) {
      assertThat(admin.listConsumerGroupOffsets("kreplay-live").partitionsToOffsetAndMetadata().get()).isEmpty();
    }
  }
}
