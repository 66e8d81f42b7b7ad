package io.lawmonitor.job;

import io.lawmonitor.run.KafkaRun;
import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.io.KafkaSettings;

import io.lawmonitor.Integration;
import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.generate.SampleGenerator;
import io.lawmonitor.job.KafkaBroker.Rec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kafka job killed (SIGKILL, as a crash or the out-of-memory killer would) and started again
 * with {@code --resume}: it finds the newest retained checkpoint in its state folder by itself,
 * says which, and its committed outputs are those of a run that was never interrupted.
 */
@Integration
class KafkaResumeTest {
  @TempDir
  Path dir;

  @Test
  void killedAndResumedGivesTheUninterruptedOutputs() throws Exception {
    // one partition a topic; a partition read to its end goes idle after 3 s, in both runs alike
    KafkaSettings k = KafkaBroker.topics("resume-", 1);
    KafkaSettings ref = KafkaBroker.readingTheInputsOf(k, "resume-ref-");
    List<SampleGenerator.Line> lines = KafkaProductionTest.sample(5000, 6);
    List<Rec> recs = KafkaProductionTest.generated(k, lines);
    int half = recs.size() / 2;

    Path cfg = monitorYaml(dir.resolve("monitor.yaml"), k);
    Path state = dir.resolve("state");
    String[] args = {"kafka", "--bootstrap-servers", k.bootstrapServers(), "--config", cfg.toString(), "--quiet",
        "--web-ui-port", "0", "--parallelism", "2", "--state-dir", state.toString()};

    // the first half, read and checkpointed; then the process is killed
    KafkaBroker.produce(recs.subList(0, half));
    try (Child first = Child.start(dir.resolve("logs"), "first", Map.of(), false, args)) {
      KafkaProductionTest.await("the first half committed", Duration.ofSeconds(120), () -> {
        if (!first.process.isAlive()) {
          throw new AssertionError("ended: " + first.out() + first.err());
        }
        return KafkaBroker.caughtUp(k);
      });
      first.kill();
    }
    Path checkpoints = state.resolve("checkpoints").resolve(k.stateName());
    List<Path> retained;
    try (Stream<Path> all = Files.walk(checkpoints, 2)) {
      retained = all.filter(p -> p.getFileName().toString().matches("chk-\\d+") && Files.exists(p.resolve("_metadata")))
          .sorted(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(4)))).toList();
    }
    assertThat(retained).as("the killed run left its checkpoints in the state folder").isNotEmpty();
    Path newest = retained.get(retained.size() - 1);
    int before = KafkaBroker.consume(k.metricsTopic()).size();
    assertThat(before).isPositive();

    // the rest arrives while it is down; --resume carries on from the newest checkpoint
    KafkaBroker.produce(recs.subList(half, recs.size()));
    List<String> resumeArgs = new java.util.ArrayList<>(List.of(args));
    resumeArgs.add("--resume");
    try (Child second = Child.start(dir.resolve("logs"), "second", Map.of(), false, resumeArgs.toArray(String[]::new))) {
      KafkaProductionTest.await("the resumed run to start", Duration.ofSeconds(60),
          () -> second.out().contains("Resuming from"));
      assertThat(second.out()).contains("Resuming from checkpoint " + newest.getFileName() + " of job "
          + newest.getParent().getFileName() + ", written ").contains(newest.toString());
      KafkaProductionTest.awaitQuiet(k, Duration.ofSeconds(5));
      assertThat(second.process.isAlive()).as(second.err()).isTrue();
    }

    // the same events, uninterrupted
    List<String> expected = assertAsUninterrupted(k, ref, dir.resolve("ref-checkpoints"));
    assertThat(expected.size()).as("the kill came before the end").isGreaterThan(before);
  }

  /**
   * Runs the same events uninterrupted in this JVM (parallelism 2, RocksDB, a partition idle after 3 s) into
   * {@code ref}'s outputs, and checks that {@code k}'s committed outputs are the same records, each
   * once: metrics, alerts, dead letters, late events and the 督办清单. Returns the metrics.
   */
  static List<String> assertAsUninterrupted(KafkaSettings k, KafkaSettings ref, Path checkpoints) throws Exception {
    return assertAsUninterrupted(k, ref, checkpoints, Duration.ofSeconds(3));
  }

  /** The same, with the partitions' idleness given. */
  static List<String> assertAsUninterrupted(KafkaSettings k, KafkaSettings ref, Path checkpoints, Duration idleness)
      throws Exception {
    RuleSet rules = RuleSet.load(Path.of("flink-conf/alert-rules.yaml"), MonitorConfig.defaults().windowNames());
    Configuration flink = KafkaProductionTest.flink();
    flink.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
    flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
    MonitorConfig refCfg = MonitorConfig.defaults().withKafka(ref).withIdleness(idleness);
    JobClient whole = KafkaRun.prepare(refCfg, rules, WorkCalendar.bundled(), flink,
        KafkaRun.Options.of(2, false, Long.MAX_VALUE)).executeAsync("uninterrupted");
    try {
      KafkaProductionTest.awaitQuiet(ref, Duration.ofSeconds(5));
    } finally {
      whole.cancel().get(30, TimeUnit.SECONDS);
    }
    List<String> expected = KafkaBroker.consume(ref.metricsTopic());
    KafkaProductionTest.assertSameRecords("metrics", KafkaBroker.consume(k.metricsTopic()), expected);
    KafkaProductionTest.assertSameRecords("alerts", KafkaBroker.consume(k.alertsTopic()), KafkaBroker.consume(ref.alertsTopic()));
    KafkaProductionTest.assertSameRecords("dead letters", KafkaBroker.consume(k.deadLettersTopic()),
        KafkaBroker.consume(ref.deadLettersTopic()));
    KafkaProductionTest.assertSameRecords("late events", KafkaBroker.consume(k.lateEventsTopic()),
        KafkaBroker.consume(ref.lateEventsTopic()));
    KafkaProductionTest.assertSameRecords("the 督办清单", KafkaBroker.consume(k.caseWatchTopic()),
        KafkaBroker.consume(ref.caseWatchTopic()));
    return expected;
  }
  /**
   * monitor.yaml for a job on {@code k}'s topics, group and transactional ids: a partition read to
   * its end goes idle after 3 s, a checkpoint every 500 ms.
   */
  static Path monitorYaml(Path file, KafkaSettings k) throws java.io.IOException {
    return monitorYaml(file, k, "3s");
  }

  /** The same, with the partitions' idleness given. */
  static Path monitorYaml(Path file, KafkaSettings k, String idleness) throws java.io.IOException {
    return Files.writeString(file, """
        time:
          idleness: %s
        kafka:
          topics: {%s,
                   metrics: %s, alerts: %s, deadLetters: %s, lateEvents: %s, deliveries: %s, caseWatch: %s,
                   rules: %s, ruleChanges: %s}
          groupId: %s
          transactionalIdPrefix: %s
          startingOffsets: earliest
          checkpointInterval: 500ms
        """.formatted(idleness, KafkaBroker.inputTopicsEntries(k), k.metricsTopic(), k.alertsTopic(), k.deadLettersTopic(),
        k.lateEventsTopic(), k.deliveriesTopic(), k.caseWatchTopic(), k.rulesTopic(), k.ruleChangesTopic(), k.groupId(),
        k.transactionalIdPrefix()));
  }
}
