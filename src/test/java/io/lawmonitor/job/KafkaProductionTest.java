package io.lawmonitor.job;

import io.lawmonitor.run.Summary;
import io.lawmonitor.run.KafkaScan;
import io.lawmonitor.run.KafkaRun;
import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.io.KafkaSettings;

import io.lawmonitor.Integration;
import static io.lawmonitor.Fixtures.hotline;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.events.RawEvent;
import io.lawmonitor.generate.SampleGenerator;
import io.lawmonitor.job.KafkaBroker.Rec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production shape against a real broker: an idle partition, a task failure mid-stream, a
 * stop-with-savepoint and restore at another parallelism, and bad records, each compared with
 * exact expectations or with a run that had none of it.
 */
@Integration
class KafkaProductionTest {
  /** closure-low: 12345 按期办结率 in all scopes below 90% fires, above 95% resolves; to the alerts topic only. */
  static final String RULES = DeliveryTest.rules("", "ops");

  static MonitorConfig config(KafkaSettings k) {
    return MonitorConfig.defaults().withKafka(k);
  }

  static Configuration flink() {
    Configuration c = new Configuration();
    c.set(RestOptions.BIND_PORT, "0");
    return c;
  }

  /** Waits for a condition, checking every 200 ms, failing after the timeout. */
  interface Check {
    boolean ok() throws Exception;
  }

  static void await(String what, Duration timeout, Check c) throws Exception {
    long until = System.nanoTime() + timeout.toNanos();
    while (!c.ok()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(200);
    }
  }

  /** Until the job has committed every input record and its outputs have stopped growing. */
  static void awaitQuiet(KafkaSettings k) throws Exception {
    awaitQuiet(k, Duration.ofMillis(1500));
  }

  /**
   * The same, the outputs unchanged for {@code quiet}: longer than the idleness where the last
   * windows wait on a partition read to its end going idle, since they are committed only after it.
   */
  static void awaitQuiet(KafkaSettings k, Duration quiet) throws Exception {
    await("the job to commit all input", Duration.ofSeconds(90), () -> KafkaBroker.caughtUp(k));
    int[] last = {-1};
    await("the outputs to settle", Duration.ofSeconds(60).plus(quiet), () -> {
      int n = KafkaBroker.consume(k.metricsTopic()).size() + KafkaBroker.consume(k.alertsTopic()).size();
      boolean same = n == last[0];
      last[0] = n;
      if (!same) {
        Thread.sleep(quiet.toMillis());
      }
      return same;
    });
  }

  /**
   * A job started on empty topics at parallelism 2, every input idle before the first events come:
   * they wake the job by every path before its watermark moves, and count in their windows (the
   * path that woke first could carry the watermark past a window before another had brought its
   * events).
   */
  @Test
  void aJobThatWaitedIdleForItsFirstEventsCountsThemInTheirWindows() throws Exception {
    KafkaSettings k = KafkaBroker.topics("wake-", 1);
    String hot = k.topicOf(io.lawmonitor.events.StreamKind.HOTLINE);
    MonitorConfig cfg = config(k).withIdleness(Duration.ofSeconds(1));
    RuleSet rules = RuleSet.parse(RULES, cfg.windowNames(), "test rules");
    JobClient job = KafkaRun.prepare(cfg, rules, WorkCalendar.bundled(), flink(), KafkaRun.Options.of(2, false, Long.MAX_VALUE))
        .executeAsync("wake");
    try {
      await("the job running", Duration.ofSeconds(60),
          () -> job.getJobStatus().get() == org.apache.flink.api.common.JobStatus.RUNNING);
      Thread.sleep(5000); // every input idle
      List<Rec> recs = new ArrayList<>();
      for (String e : io.lawmonitor.Fixtures.closureEpisode("HL-W")) {
        recs.add(new Rec(hot, 0, "k".getBytes(StandardCharsets.UTF_8), e.getBytes(StandardCharsets.UTF_8)));
      }
      KafkaBroker.produce(recs);
      assertTheEpisodeOnceAndRight(k);
    } finally {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
  }

  /** The closure episode's alerts and figures, each window once at revision 0: nothing came after its watermark. */
  static void assertTheEpisodeOnceAndRight(KafkaSettings k) throws Exception {
    await("FIRING and RESOLVED", Duration.ofSeconds(60), () -> KafkaBroker.consume(k.alertsTopic()).size() >= 2);
    Thread.sleep(2000);
    assertThat(json(KafkaBroker.consume(k.alertsTopic()))).extracting(a -> a.get("state").asText() + " "
            + a.get("at").asText() + " " + a.get("numerator").asText() + "/" + a.get("denominator").asText())
        .containsExactly("FIRING 2026-10-16T01:00:00+08:00 3/4", "RESOLVED 2026-10-17T01:00:00+08:00 4/4");
    List<JsonNode> all = json(KafkaBroker.consume(k.metricsTopic())).stream()
        .filter(x -> x.get("metric").asText().equals("hotline.ontime_closure_rate")
            && x.get("window").asText().equals("sliding_24h") && x.get("scope").asText().equals("all"))
        .toList();
    assertThat(all).extracting(x -> x.get("revision").asInt()).containsOnly(0);
    assertThat(all).extracting(x -> x.get("windowEnd").asText()).doesNotHaveDuplicates();
    assertThat(all).filteredOn(x -> x.get("windowEnd").asText().equals("2026-10-16T15:00:00+08:00"))
        .extracting(x -> x.get("numerator").asText() + "/" + x.get("denominator").asText())
        .containsExactly("4/5");
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void windowsAndAlertsCloseWithOnePartitionAndThreeTopicsSilent() throws Exception {
    KafkaSettings k = KafkaBroker.topics("idle-");
    String hot = k.topicOf(io.lawmonitor.events.StreamKind.HOTLINE);
    List<String> events = io.lawmonitor.Fixtures.closureEpisode("HL-I");
    List<Rec> recs = new ArrayList<>();
    for (String e : events) {
      recs.add(new Rec(hot, 0, "k".getBytes(StandardCharsets.UTF_8), e.getBytes(StandardCharsets.UTF_8))); // partition 1 stays silent
    }
    KafkaBroker.produce(recs);

    MonitorConfig cfg = config(k).withIdleness(Duration.ofSeconds(2));
    RuleSet rules = RuleSet.parse(RULES, cfg.windowNames(), "test rules");
    Configuration fc = flink();
    fc.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    JobClient job = KafkaRun.prepare(cfg, rules, WorkCalendar.bundled(), fc, KafkaRun.Options.of(2, false, Long.MAX_VALUE))
        .executeAsync("idle");
    try {
      try {
        await("FIRING and RESOLVED", Duration.ofSeconds(90), () -> KafkaBroker.consume(k.alertsTopic()).size() >= 2);
      } catch (AssertionError e) {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, st) -> {
          dump.append(t.getName()).append(' ').append(t.getState()).append('\n');
          for (StackTraceElement el : st) {
            dump.append("    at ").append(el).append('\n');
          }
        });
        Files.writeString(Path.of("target", "idle-threads.txt"), dump);
        if (job.getJobStatus().get().isGloballyTerminalState()) {
          try {
            job.getJobExecutionResult().get();
          } catch (Exception x) {
            java.io.StringWriter w = new java.io.StringWriter();
            x.printStackTrace(new java.io.PrintWriter(w));
            Files.writeString(Path.of("target", "idle-failure.txt"), w.toString());
          }
        }
        Properties unc = KafkaBroker.props();
        unc.put("isolation.level", "read_uncommitted");
        throw new AssertionError(e.getMessage() + "; job " + job.getJobStatus().get() + "; committed metrics "
            + KafkaBroker.consume(k.metricsTopic()).size() + ", alerts " + KafkaBroker.consume(k.alertsTopic()).size()
            + "; uncommitted metrics " + KafkaBroker.consume(unc, k.metricsTopic()).size() + ", alerts "
            + KafkaBroker.consume(unc, k.alertsTopic()).size() + "; input committed " + KafkaBroker.caughtUp(k)
            + "; windows of all: " + json(KafkaBroker.consume(k.metricsTopic())).stream()
                .filter(x -> x.get("metric").asText().equals("hotline.ontime_closure_rate")
                    && x.get("scope").asText().equals("all") && x.get("window").asText().equals("sliding_24h"))
                .map(x -> x.get("windowEnd").asText().substring(5, 13) + "=" + x.get("numerator") + "/" + x.get("denominator"))
                .toList()
            + "; 16T01 records: " + KafkaBroker.consume(unc, k.metricsTopic()).stream()
                .filter(x -> x.contains("ontime_closure") && x.contains("\"windowEnd\":\"2026-10-16T01:00")).toList()
            + "; dead letters " + KafkaBroker.consume(unc, k.deadLettersTopic()).size() + ", late "
            + KafkaBroker.consume(unc, k.lateEventsTopic()).size());
      }
      List<JsonNode> alerts = json(KafkaBroker.consume(k.alertsTopic()));
      assertThat(alerts).extracting(a -> a.get("state").asText() + " " + a.get("at").asText() + " "
              + a.get("numerator").asText() + "/" + a.get("denominator").asText())
          .containsExactly("FIRING 2026-10-16T01:00:00+08:00 3/4", "RESOLVED 2026-10-17T01:00:00+08:00 4/4");
      JsonNode m = json(KafkaBroker.consume(k.metricsTopic())).stream()
          .filter(x -> x.get("metric").asText().equals("hotline.ontime_closure_rate")
              && x.get("window").asText().equals("sliding_24h") && x.get("scope").asText().equals("宜昌市/西陵区")
              && x.get("windowEnd").asText().equals("2026-10-16T01:00:00+08:00")).findFirst().orElseThrow();
      assertThat(m.get("value").asDouble()).isEqualTo(0.75);
      assertThat(m.get("wilsonLow").asDouble()).isEqualTo(0.3006);
    } finally {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Input that stops and starts again, each pause longer than the idleness, at parallelism 2 and 4:
   * windows and deadlines wait for the events of every path (once an input was marked idle, the
   * first events after a pause could reach one operator behind a watermark that had come by
   * another path, and windows closed without them).
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "parallelism {0}")
  @org.junit.jupiter.params.provider.ValueSource(ints = {2, 4})
  void eventsAfterAPauseLongerThanTheIdlenessCountInTheirWindows(int parallelism) throws Exception {
    KafkaSettings k = KafkaBroker.topics("pause-" + parallelism + "-", 1);
    String hot = k.topicOf(io.lawmonitor.events.StreamKind.HOTLINE);
    List<String> events = io.lawmonitor.Fixtures.closureEpisode("HL-P");
    MonitorConfig cfg = config(k).withIdleness(Duration.ofSeconds(1));
    RuleSet rules = RuleSet.parse(RULES, cfg.windowNames(), "test rules");
    JobClient job = KafkaRun.prepare(cfg, rules, WorkCalendar.bundled(), flink(),
        KafkaRun.Options.of(parallelism, false, Long.MAX_VALUE)).executeAsync("pause");
    try {
      // received; closed (3 on time, 1 late); closed (4 on time) and two new cases
      int[][] batches = {{0, 8}, {8, 12}, {12, events.size()}};
      for (int[] b : batches) {
        List<Rec> recs = new ArrayList<>();
        for (String e : events.subList(b[0], b[1])) {
          recs.add(new Rec(hot, 0, "k".getBytes(StandardCharsets.UTF_8), e.getBytes(StandardCharsets.UTF_8)));
        }
        KafkaBroker.produce(recs);
        Thread.sleep(3000);
      }
      assertTheEpisodeOnceAndRight(k);
    } finally {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** Generated events, in event-time order, as records for the topics of k (each stream to its topic, key = caseId). */
  static List<Rec> generated(KafkaSettings k, List<SampleGenerator.Line> lines) throws Exception {
    return records(k, lines.stream().map(SampleGenerator.Line::json).toList());
  }

  /** Events as JSON lines, as records for the topics of k (each stream to its topic, key = caseId). */
  static List<Rec> records(KafkaSettings k, List<String> events) throws Exception {
    List<Rec> recs = new ArrayList<>();
    for (String e : events) {
      JsonNode n = Pipeline.JSON.readTree(e);
      recs.add(Rec.of(k.topicOf(io.lawmonitor.events.StreamKind.fromWire(n.get("stream").asText())), n.get("caseId").asText(), e));
    }
    return recs;
  }


  /**
   * Generated events of {@code days} from Sep 26, in time order: every topic starts with the
   * period (the suits' and applications' earlier history is left out, as an export from a date
   * would), so that the runs these tests compare start their partitions alike.
   */
  static List<SampleGenerator.Line> sample(int events, int days) {
    LocalDate start = LocalDate.of(2026, 9, 26);
    var g = new SampleGenerator(new SampleGenerator.Options(start, days, events, 11, true), WorkCalendar.bundled());
    long from = start.atStartOfDay(WorkCalendar.ZONE).toInstant().toEpochMilli();
    List<SampleGenerator.Line> all = new ArrayList<>();
    g.generate().values().forEach(l -> l.stream().filter(x -> x.time() >= from).forEach(all::add));
    all.sort(Comparator.comparingLong(SampleGenerator.Line::time));
    return all;
  }

  static List<String> sorted(List<String> lines) {
    return lines.stream().sorted().toList();
  }

  static List<String> fileLines(Path f) throws Exception {
    return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList()
        : List.of();
  }

  /** The same records, in any order; on a difference, says how many and shows a few of each side. */
  static void assertSameRecords(String what, List<String> actual, List<String> expected) {
    var a = new java.util.HashMap<String, Integer>();
    actual.forEach(l -> a.merge(l, 1, Integer::sum));
    var e = new java.util.HashMap<String, Integer>();
    expected.forEach(l -> e.merge(l, 1, Integer::sum));
    if (a.equals(e)) {
      return;
    }
    List<String> missing = e.keySet().stream().filter(l -> !e.get(l).equals(a.get(l))).sorted().limit(5).toList();
    List<String> extra = a.keySet().stream().filter(l -> !a.get(l).equals(e.get(l))).sorted().limit(5).toList();
    throw new AssertionError(what + ": " + actual.size() + " records, expected " + expected.size()
        + "\nexpected, not (or not so often) there:\n  " + String.join("\n  ", missing)
        + "\nthere, not (or not so often) expected:\n  " + String.join("\n  ", extra));
  }

  static List<JsonNode> json(List<String> lines) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String l : lines) {
      out.add(Pipeline.JSON.readTree(l));
    }
    return out;
  }

  /** Fails the task once, after n records and after at least one checkpoint has completed; slows reading so that checkpoints fall mid-stream. */
  static final class FailOnce extends RichMapFunction<RawEvent, RawEvent> implements CheckpointListener {
    static final AtomicLong SEEN = new AtomicLong();
    static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
    static final AtomicBoolean FAILED = new AtomicBoolean();
    private final long n;

    FailOnce(long n) {
      this.n = n;
    }

    @Override
    public RawEvent map(RawEvent r) throws Exception {
      Thread.sleep(0, 500_000);
      if (SEEN.incrementAndGet() >= n && CHECKPOINTED.get() && FAILED.compareAndSet(false, true)) {
        throw new IllegalStateException("injected failure after " + SEEN.get() + " records");
      }
      return r;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      CHECKPOINTED.set(true);
    }
  }

  @Test
  void aTaskFailureMidStreamLeavesTheSameCommittedOutputsAsTheLocalRun(@TempDir Path dir) throws Exception {
    KafkaSettings k = KafkaBroker.topics("fault-");
    List<SampleGenerator.Line> lines = sample(6000, 6);
    KafkaBroker.produce(generated(k, lines));
    Files.write(dir.resolve("events.jsonl"), lines.stream().map(SampleGenerator.Line::json).toList());

    MonitorConfig cfg = config(k.withCheckpointInterval(Duration.ofMillis(300)));
    RuleSet rules = RuleSet.load(Path.of("flink-conf/alert-rules.yaml"), cfg.windowNames());
    Pipeline.Result local = Pipeline.run(dir.resolve("events.jsonl"), dir.resolve("local"), cfg, rules, new Configuration());

    FailOnce.SEEN.set(0);
    FailOnce.CHECKPOINTED.set(false);
    FailOnce.FAILED.set(false);
    Configuration flink = flink();
    flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
    flink.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
    flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
    flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.resolve("checkpoints").toUri().toString());
    long inputEnd = KafkaScan.lastEventTime(cfg, Long.MAX_VALUE);
    JobExecutionResult r = KafkaRun.prepare(cfg, rules, WorkCalendar.bundled(), flink,
            KafkaRun.Options.of(2, true, inputEnd).tap(raw -> raw.map(new FailOnce(lines.size() / 2))
                .returns(TypeInformation.of(RawEvent.class)).uid("fault-injection").name("fault injection")))
        .execute("fault");
    assertThat(FailOnce.FAILED).as("the failure was injected").isTrue();

    Map<String, Object> acc = r.getAllAccumulatorResults();
    Summary s = local.summary();
    assertThat(acc).containsEntry("eventsRead", s.eventsRead()).containsEntry("eventsUsed", s.eventsUsed())
        .containsEntry("duplicates", s.duplicates()).containsEntry("deadLetters", s.deadLetters())
        .containsEntry("lateEvents", s.lateEvents());
    assertThat(s.eventsRead()).isEqualTo(lines.size());
    assertSameRecords("metrics, each once as the local run has it", KafkaBroker.consume(k.metricsTopic()),
        fileLines(local.out().resolve("metrics.jsonl")));
    assertSameRecords("alerts", KafkaBroker.consume(k.alertsTopic()), fileLines(local.out().resolve("alerts.jsonl")));
    assertSameRecords("late events", KafkaBroker.consume(k.lateEventsTopic()), fileLines(local.out().resolve("late-events.jsonl")));
    assertSameRecords("the 督办清单, each record once", KafkaBroker.consume(k.caseWatchTopic()),
        fileLines(local.out().resolve("case-watch.jsonl")));
    assertThat(KafkaBroker.consume(k.caseWatchTopic())).isNotEmpty();
    assertThat(KafkaBroker.consume(k.metricsTopic())).hasSizeGreaterThan(10_000);
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void stopWithSavepointAndRestoreAtAnotherParallelismGivesTheUninterruptedResults(@TempDir Path dir) throws Exception {
    // one partition a topic, each with events on both sides of the stop: the watermark then ends
    // where the data does, in both runs, without waiting on the wall clock for idleness
    KafkaSettings k = KafkaBroker.topics("sp-", 1);
    KafkaSettings ref = KafkaBroker.readingTheInputsOf(k, "sp-ref-");
    List<SampleGenerator.Line> lines = sample(5000, 6);
    List<Rec> recs = generated(k, lines);
    int half = recs.size() / 2;
    for (String topic : k.inputTopics()) {
      assertThat(recs.subList(0, half)).filteredOn(r -> r.topic().equals(topic)).isNotEmpty();
      assertThat(recs.subList(half, recs.size())).filteredOn(r -> r.topic().equals(topic)).isNotEmpty();
    }
    RuleSet rules = RuleSet.load(Path.of("flink-conf/alert-rules.yaml"), MonitorConfig.defaults().windowNames());
    Configuration flink = flink();
    flink.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
    flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
    flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.resolve("checkpoints").toUri().toString());
    // no partition is to go idle by the wall clock here: each run ends where its data does
    MonitorConfig cfg = config(k).withIdleness(Duration.ofMinutes(10));
    MonitorConfig refCfg = config(ref).withIdleness(Duration.ofMinutes(10));

    // first half at parallelism 2, then stop with a savepoint
    KafkaBroker.produce(recs.subList(0, half));
    JobClient first = KafkaRun.prepare(cfg, rules, WorkCalendar.bundled(), flink, KafkaRun.Options.of(2, false, Long.MAX_VALUE))
        .executeAsync("before");
    awaitQuiet(k);
    String savepoint = first.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
        SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
    int beforeRestore = KafkaBroker.consume(k.metricsTopic()).size();
    assertThat(beforeRestore).isPositive();

    // the rest while it is down; restore at parallelism 1
    KafkaBroker.produce(recs.subList(half, recs.size()));
    JobClient second = KafkaRun.prepare(cfg, rules, WorkCalendar.bundled(), flink,
        KafkaRun.Options.of(1, false, Long.MAX_VALUE).fromSavepoint(savepoint)).executeAsync("after");
    try {
      awaitQuiet(k);
      // the counts carry on from the savepoint (events the watermark has not yet passed are not yet used)
      Map<String, Object> acc = second.getAccumulators().get(30, TimeUnit.SECONDS);
      assertThat(acc.get("eventsRead")).isEqualTo((long) recs.size());
    } finally {
      second.cancel().get(30, TimeUnit.SECONDS);
    }

    // the same events, uninterrupted
    JobClient whole = KafkaRun.prepare(refCfg, rules, WorkCalendar.bundled(), flink,
        KafkaRun.Options.of(2, false, Long.MAX_VALUE)).executeAsync("uninterrupted");
    try {
      awaitQuiet(ref);
    } finally {
      whole.cancel().get(30, TimeUnit.SECONDS);
    }
    List<String> expected = KafkaBroker.consume(ref.metricsTopic());
    assertThat(expected.size()).isGreaterThan(beforeRestore);
    assertSameRecords("metrics", KafkaBroker.consume(k.metricsTopic()), expected);
    assertSameRecords("alerts", KafkaBroker.consume(k.alertsTopic()), KafkaBroker.consume(ref.alertsTopic()));
    assertSameRecords("dead letters", KafkaBroker.consume(k.deadLettersTopic()), KafkaBroker.consume(ref.deadLettersTopic()));
    assertSameRecords("the 督办清单", KafkaBroker.consume(k.caseWatchTopic()), KafkaBroker.consume(ref.caseWatchTopic()));
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void badRecordsThroughKafkaLandWhereTheDesignSaysWithTheirOffsets() throws Exception {
    KafkaSettings k = KafkaBroker.topics("bad-");
    String hot = k.topicOf(io.lawmonitor.events.StreamKind.HOTLINE);
    String received = hotline("HL-B1").received("2026-10-12T09:00").attr("kind", "HELP").json();
    byte[] big = new byte[5 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'x');
    List<byte[]> values = List.of(
        received.getBytes(StandardCharsets.UTF_8),                                             // @0 used
        new byte[0],                                                                          // @1 empty
        new byte[] {(byte) 0xC3, (byte) 0x28, '{', '}'},                                      // @2 not UTF-8
        big,                                                                                  // @3 5 MB
        "{\"eventId\":\"X-1\",\"stream\":".getBytes(StandardCharsets.UTF_8),                   // @4 malformed
        hotline("HL-B3").event("ESCALATED", "2026-10-12T10:00").json().getBytes(StandardCharsets.UTF_8), // @5
        hotline("HL-B4").received("2031-01-01T09:00").json().getBytes(StandardCharsets.UTF_8), // @6 far future
        received.getBytes(StandardCharsets.UTF_8),                                             // @7 a producer retry
        hotline("HL-B2").received("2026-10-12T09:30").attr("kind", "HELP").json().getBytes(StandardCharsets.UTF_8),
        hotline("HL-B1").closed("2026-10-13T10:00", true).json().getBytes(StandardCharsets.UTF_8), // @9 used
        hotline("HL-B2").closed("2026-10-16T09:00", true).json().getBytes(StandardCharsets.UTF_8));
    List<Rec> recs = new ArrayList<>();
    for (byte[] v : values) {
      recs.add(new Rec(hot, 0, "k".getBytes(StandardCharsets.UTF_8), v));
    }
    KafkaBroker.produce(recs);

    MonitorConfig cfg = config(k);
    long inputEnd = KafkaScan.lastEventTime(cfg, System.currentTimeMillis());
    JobExecutionResult r = KafkaRun.prepare(cfg, RuleSet.empty(), WorkCalendar.bundled(), flink(),
        KafkaRun.Options.of(2, true, inputEnd)).execute("bad input");

    assertThat(r.getAllAccumulatorResults()).containsEntry("eventsRead", 11L).containsEntry("eventsUsed", 4L)
        .containsEntry("duplicates", 1L).containsEntry("deadLetters", 6L).containsEntry("lateEvents", 0L);
    List<JsonNode> dead = json(KafkaBroker.consume(k.deadLettersTopic()));
    assertThat(dead).extracting(d -> d.get("origin").asText() + " " + d.get("reason").asText())
        .containsExactlyInAnyOrder(hot + "/0@1 MALFORMED_JSON", hot + "/0@2 BAD_ENCODING", hot + "/0@3 TOO_LARGE",
            hot + "/0@4 MALFORMED_JSON", hot + "/0@5 UNKNOWN_TYPE", hot + "/0@6 FAR_FUTURE");
    assertThat(dead).filteredOn(d -> d.get("reason").asText().equals("TOO_LARGE"))
        .allSatisfy(d -> assertThat(d.toString().length()).as("the dead letter keeps a start, not 5 MB").isLessThan(10_000));
    JsonNode m = json(KafkaBroker.consume(k.metricsTopic())).stream()
        .filter(x -> x.get("metric").asText().equals("hotline.ontime_closure_rate") && x.get("window").asText().equals("day_to_date")
            && x.get("scope").asText().equals("all") && x.get("windowEnd").asText().equals("2026-10-16T10:00:00+08:00"))
        .findFirst().orElseThrow();
    assertThat(m.get("numerator").asInt() + "/" + m.get("denominator").asInt())
        .as("HL-B2 missed its deadline at 24:00 Oct 15: the miss counts on Oct 16").isEqualTo("0/1");
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void lateIsJudgedAgainstTheEventsOwnPartitionWhateverTheOthersReached() throws Exception {
    KafkaSettings k = KafkaBroker.topics("lane-");
    String hot = k.topicOf(io.lawmonitor.events.StreamKind.HOTLINE);
    byte[] key = "k".getBytes(StandardCharsets.UTF_8);
    List<Rec> recs = new ArrayList<>();
    // partition 1 stays at 09:01: the job's watermark is held there
    for (String e : List.of(hotline("HL-P1").received("2026-10-12T09:00").json(),
        hotline("HL-P2").received("2026-10-12T09:01").json())) {
      recs.add(new Rec(hot, 1, key, e.getBytes(StandardCharsets.UTF_8)));
    }
    // partition 0 reaches 12:01; then one event from 09:10, 2 h 46 min behind its partition's watermark
    for (String e : List.of(hotline("HL-A").received("2026-10-12T09:00").json(),
        hotline("HL-B").received("2026-10-12T12:00").json(), hotline("HL-C").received("2026-10-12T12:01").json(),
        hotline("HL-A").event("RESPONDED", "2026-10-12T09:10").id("LATE-A").json(),
        hotline("HL-D").received("2026-10-12T12:02").json())) {
      recs.add(new Rec(hot, 0, key, e.getBytes(StandardCharsets.UTF_8)));
    }
    KafkaBroker.produce(recs);

    MonitorConfig cfg = config(k);
    long inputEnd = KafkaScan.lastEventTime(cfg, Long.MAX_VALUE);
    for (int parallelism : new int[] {1, 2}) {
      JobExecutionResult r = KafkaRun.prepare(cfg, RuleSet.empty(), WorkCalendar.bundled(), flink(),
          KafkaRun.Options.of(parallelism, true, inputEnd)).execute("lanes");
      assertThat(r.getAllAccumulatorResults()).as("parallelism " + parallelism)
          .containsEntry("eventsRead", 7L).containsEntry("eventsUsed", 6L).containsEntry("lateEvents", 1L);
    }
    List<JsonNode> late = json(KafkaBroker.consume(k.lateEventsTopic()));
    assertThat(late).extracting(l -> l.get("eventId").asText() + " " + l.get("origin").asText() + " " + l.get("watermark").asText())
        .containsExactly("LATE-A " + hot + "/0@3 2026-10-12T11:56:00+08:00", "LATE-A " + hot + "/0@3 2026-10-12T11:56:00+08:00");
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void aDeliveryPendingAtASavepointIsSentAfterTheRestoreWithTheSameKey(@TempDir Path dir) throws Exception {
    KafkaSettings k = KafkaBroker.topics("pend-", 1);
    String hot = k.topicOf(io.lawmonitor.events.StreamKind.HOTLINE);
    List<Rec> recs = new ArrayList<>();
    for (String e : DeliveryTest.events().get("hotline.jsonl")) {
      recs.add(new Rec(hot, 0, "k".getBytes(StandardCharsets.UTF_8), e.getBytes(StandardCharsets.UTF_8)));
    }
    KafkaBroker.produce(recs);
    try (Receiver rx = new Receiver()) {
      // down until told otherwise
      rx.on("/hook", new Receiver.Answer(503, "", 0));
      MonitorConfig cfg = DeliveryTest.config(1_000).withKafka(k).withIdleness(Duration.ofSeconds(1));
      RuleSet rules = RuleSet.parse(DeliveryTest.rules("  hook: {type: webhook, url: " + rx.url("/hook") + "}\n", "ops, hook"),
          cfg.windowNames(), "test rules");
      Configuration flink = flink();
      flink.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
      flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.resolve("checkpoints").toUri().toString());
      JobClient first = KafkaRun.prepare(cfg, rules, WorkCalendar.bundled(), flink, KafkaRun.Options.of(2, false, Long.MAX_VALUE))
          .executeAsync("receiver down");
      await("a FIRING tried and refused", Duration.ofSeconds(90), () -> rx.at("/hook").size() >= 2);
      String savepoint = first.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
          SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
      String key = rx.at("/hook").get(0).headers().get("idempotency-key");
      assertThat(key).contains(":FIRING:2026-10-16T01:00:00+08:00");
      assertThat(KafkaBroker.consume(k.deliveriesTopic())).as("nothing delivered, nothing given up yet").isEmpty();

      // the receiver is back; the restored job sends what was pending, with its key
      rx.on("/hook", Receiver.Answer.ok(""));
      int triedBefore = rx.at("/hook").size();
      JobClient second = KafkaRun.prepare(cfg, rules, WorkCalendar.bundled(), flink,
          KafkaRun.Options.of(2, false, Long.MAX_VALUE).fromSavepoint(savepoint)).executeAsync("receiver back");
      try {
        await("both transitions delivered", Duration.ofSeconds(90), () -> KafkaBroker.consume(k.deliveriesTopic()).size() >= 2);
      } finally {
        second.cancel().get(30, TimeUnit.SECONDS);
      }
      List<Receiver.Request> after = rx.at("/hook").subList(triedBefore, rx.at("/hook").size());
      assertThat(after.get(0).headers().get("idempotency-key")).as("the pending FIRING first, same key").isEqualTo(key);
      assertThat(after).extracting(r -> r.headers().get("idempotency-key").replaceAll("^[^:]*:", ""))
          .containsExactly("FIRING:2026-10-16T01:00:00+08:00", "RESOLVED:2026-10-17T01:00:00+08:00");
      assertThat(json(KafkaBroker.consume(k.deliveriesTopic())))
          .extracting(d -> d.get("idempotencyKey").asText().replaceAll("^[^:]*:", "") + " " + d.get("outcome").asText())
          .containsExactlyInAnyOrder("FIRING:2026-10-16T01:00:00+08:00 DELIVERED", "RESOLVED:2026-10-17T01:00:00+08:00 DELIVERED");
    }
  }

  // ---------------------------------------------------------------------------------------------

  static String swapRules(String... rules) {
    StringBuilder y = new StringBuilder("rules:\n");
    for (String r : rules) {
      y.append(r);
    }
    return y.append("subscribers:\n  ops: {type: kafka}\n").toString();
  }

  static String rule(String id, String level, String fire, String clear) {
    return """
          - id: %s
            metric: hotline.ontime_closure_rate
            window: sliding_24h
            scopeLevel: %s
            fireWhen: %s
            clearWhen: %s
            minSample: 1
            for: 1
            severity: critical
            notify: [ops]
        """.formatted(id, level, fire, clear);
  }

  @Test
  void rulesSwappedWhileItRunsTakeEffectFromTheNextWindowAndAnInvalidSetIsRefused() throws Exception {
    KafkaSettings k = KafkaBroker.topics("swap-", 1);
    String hot = k.topicOf(io.lawmonitor.events.StreamKind.HOTLINE);
    List<String> events = io.lawmonitor.Fixtures.closureEpisode("HL-W");
    java.util.function.Function<List<String>, List<Rec>> recs = es -> es.stream()
        .map(e -> new Rec(hot, 0, "k".getBytes(StandardCharsets.UTF_8), e.getBytes(StandardCharsets.UTF_8))).toList();
    int lateClose = 11; // HL-W4 closed on Oct 16 09:00; the closures of Oct 16 14:00 follow, then Oct 17
    String a = swapRules(rule("closure-low", "all", "below 0.9", "above 0.95"), rule("closure-city", "city", "below 0.9", "above 0.95"));
    String b = swapRules(rule("closure-low", "all", "below 0.5", "above 0.55"),
        rule("closure-district", "district", "below 0.9", "above 0.95"));
    String invalid = swapRules(rule("closure-low", "all", "below 0.5", "below 0.4"));
    MonitorConfig cfg = config(k).withIdleness(Duration.ofSeconds(1));
    RuleSet rules = RuleSet.parse(a, cfg.windowNames(), "rules at the start");

    JobClient job = KafkaRun.prepare(cfg, rules, WorkCalendar.bundled(), flink(), KafkaRun.Options.of(2, false, Long.MAX_VALUE))
        .executeAsync("rule swap");
    try {
      // up to HL-W4's late close on Oct 16 09:00: windows to 08:00, both rules fire at 01:00
      KafkaBroker.produce(recs.apply(events.subList(0, lateClose + 1)));
      await("the first FIRINGs", Duration.ofSeconds(90), () -> KafkaBroker.consume(k.alertsTopic()).size() >= 2);
      KafkaBroker.produce(List.of(Rec.of(k.rulesTopic(), "rules", b)));
      await("the new rules accepted", Duration.ofSeconds(60), () -> KafkaBroker.consume(k.ruleChangesTopic()).size() >= 1);
      Thread.sleep(1000);
      // the closures of Oct 16 14:00: windows to 13:00, judged by the new rules
      KafkaBroker.produce(recs.apply(events.subList(lateClose + 1, events.size() - 2)));
      await("the new rules' transitions", Duration.ofSeconds(90), () -> KafkaBroker.consume(k.alertsTopic()).size() >= 6);
      KafkaBroker.produce(List.of(Rec.of(k.rulesTopic(), "rules", invalid)));
      await("the invalid set refused", Duration.ofSeconds(60), () -> KafkaBroker.consume(k.ruleChangesTopic()).size() >= 2);
      Thread.sleep(1000);
      // Oct 17: the district recovers, still under the accepted rules
      KafkaBroker.produce(recs.apply(events.subList(events.size() - 2, events.size())));
      await("the district's RESOLVED", Duration.ofSeconds(90), () -> KafkaBroker.consume(k.alertsTopic()).size() >= 8);
      Thread.sleep(2000);
    } finally {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
    List<JsonNode> alerts = json(KafkaBroker.consume(k.alertsTopic()));
    assertThat(alerts).extracting(x -> x.get("state").asText() + " " + x.get("rule").asText() + " " + x.get("scope").asText()
            + " " + x.get("at").asText().substring(5, 16))
        .containsExactlyInAnyOrder(
            "FIRING closure-low all 10-16T01:00", "FIRING closure-city 宜昌市 10-16T01:00",
            "RESOLVED closure-city 宜昌市 10-16T08:00",
            // the new closure-low (below 50%, clear above 55%): 3/4 at 09:00 is fine; at 11:00 the on-time
            // closures of Oct 15 10:00 have left the 24 h, 0/1 fires; the closures of 14:00 make 4/5
            "RESOLVED closure-low all 10-16T09:00", "FIRING closure-low all 10-16T11:00", "RESOLVED closure-low all 10-16T15:00",
            // the added rule, from the first window after the change
            "FIRING closure-district 宜昌市/西陵区 10-16T09:00", "RESOLVED closure-district 宜昌市/西陵区 10-17T01:00");
    assertThat(alerts).filteredOn(x -> x.get("rule").asText().equals("closure-city") && x.get("state").asText().equals("RESOLVED"))
        .extracting(x -> x.get("summary").asText())
        .containsExactly("告警结束（规则 closure-city 已删除）：宜昌市 近24小时12345按期办结率");
    List<JsonNode> changes = json(KafkaBroker.consume(k.ruleChangesTopic()));
    assertThat(changes).extracting(c -> c.get("outcome").asText()).containsExactly("ACCEPTED", "REJECTED");
    assertThat(changes.get(0).get("detail").asText())
        .isEqualTo("2 rules in force; added closure-district, changed closure-low, removed closure-city");
    assertThat(changes.get(0).get("origin").asText()).isEqualTo(k.rulesTopic() + "/0@0");
    assertThat(changes.get(1).get("detail").asText()).contains("rule 'closure-low': field 'clearWhen'")
        .endsWith("; the rules in force stay");
  }
}
