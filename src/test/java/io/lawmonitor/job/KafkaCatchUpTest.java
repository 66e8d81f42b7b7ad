package io.lawmonitor.job;

import io.lawmonitor.run.KafkaScan;
import io.lawmonitor.run.KafkaRun;
import io.lawmonitor.graph.MonitorGraph;
import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.io.KafkaSettings;

import io.lawmonitor.Integration;
import static io.lawmonitor.Fixtures.hotline;
import static io.lawmonitor.Fixtures.review;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.io.MergedLines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A live job started on a backlog: it is current as soon as it has read it, whatever a sparse
 * partition's last event was, and every window it closes is the one a bounded run over the same
 * events writes.
 */
@Integration
class KafkaCatchUpTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  static final long HOUR = 3_600_000L;
  static final long OUT_OF_ORDER = 300_000L;

  /** 解决率 of all below 90% over 24 h fires, above 95% resolves; to the alerts topic. */
  static final String RULES = DeliveryTest.rules("", "ops").replace("closure-low", "resolution-low")
      .replace("hotline.ontime_closure_rate", "hotline.resolution_rate");

  @TempDir
  Path dir;

  static String local(long millis) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), SHANGHAI).format(LOCAL);
  }

  /**
   * Three days up to {@code now}: four hotline cases an hour, each closed half an hour after it
   * came (five hours on the second day unresolved: the 解决率 dips and recovers), and one review
   * case whose last event is 69 hours old. The enforcement and mediation topics stay empty.
   */
  static List<String> weekend(long now) {
    List<String> events = new ArrayList<>();
    long first = Math.floorDiv(now - 72 * HOUR, HOUR) * HOUR;
    int n = 0;
    for (long h = first; h + 45 * 60_000L < now - 10 * 60_000L; h += HOUR) {
      int hourNo = (int) ((h - first) / HOUR);
      boolean dip = hourNo >= 30 && hourNo < 35;
      for (int i = 1; i <= 4; i++) {
        String id = "HL-CU-" + (++n);
        events.add(hotline(id).received(local(h + i * 60_000L)).attr("kind", "HELP").json());
        events.add(hotline(id).closed(local(h + (30 + i) * 60_000L), !dip || i == 4).json());
      }
    }
    long rv = Math.floorDiv(now - 71 * HOUR, 60_000L) * 60_000L;
    events.add(review("RV-CU-1").received(local(rv)).json());
    events.add(review("RV-CU-1").event("ACCEPTED", local(rv + 2 * HOUR)).attr("procedure", "NORMAL").json());
    return events;
  }

  /** A record as text without its mode: a live record and a replayed one of the same figure are then equal. */
  static String withoutMode(JsonNode n) {
    ObjectNode copy = n.deepCopy();
    copy.remove("mode");
    return copy.toString();
  }

  static List<String> modeless(List<JsonNode> records, Predicate<JsonNode> which) {
    return records.stream().filter(which).map(KafkaCatchUpTest::withoutMode).sorted().toList();
  }

  static long time(JsonNode n, String field) {
    return EventJson.parseTime(n.get(field).asText());
  }


  /**
   * The production defect this guards against: after a weekend's downtime, the review topic's last
   * event 69 hours old, the job's event time moved on at one second per second from it, and the
   * wallboard stayed days behind. Here the job publishes the hotline's figures up to the last full
   * hour within two minutes of its start (the idleness 1 min as shipped at parallelism 2; shorter at
   * 1 and 4, to keep the suite quick), and each window it closed holds what a bounded run writes.
   */
  @ParameterizedTest(name = "parallelism {0}, idleness {1} s")
  @CsvSource({"1, 5", "2, 60", "4, 5"})
  void aJobStartedOnABacklogIsCurrentOnceItHasReadIt(int parallelism, int idlenessSeconds) throws Exception {
    Backlog b = Backlog.of("catchup-" + parallelism + "-");
    KafkaSettings k = b.topics();
    long lastHour = b.lastHour();
    assertThat(b.now() - lastHour).as("the last full hour is recent").isLessThan(3 * HOUR);

    MonitorConfig cfg = MonitorConfig.defaults().withKafka(k).withIdleness(Duration.ofSeconds(idlenessSeconds));
    RuleSet rules = RuleSet.parse(RULES, cfg.windowNames(), "test rules");
    long started = System.nanoTime();
    // no restarts: a failover here would be a fault of its own, and is to fail the test with its cause
    // rather than be ridden out (exactly-once outputs would hide it)
    Configuration flink = KafkaProductionTest.flink();
    flink.set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY, "none");
    JobClient job = KafkaRun.prepare(cfg, rules, WorkCalendar.bundled(), flink,
        KafkaRun.Options.of(parallelism, false, Long.MAX_VALUE)).executeAsync("catch-up");
    try {
      KafkaProductionTest.await("the hotline's figures up to " + local(lastHour), Duration.ofSeconds(120),
          () -> running(job) && KafkaProductionTest.json(KafkaBroker.consume(k.metricsTopic())).stream().anyMatch(m ->
              m.get("metric").asText().equals("hotline.resolution_rate") && m.get("scope").asText().equals("all")
                  && m.get("window").asText().equals("sliding_24h") && time(m, "windowEnd") == lastHour));
      long took = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      assertThat(took).as("seconds from the start to current figures").isLessThanOrEqualTo(120);
      KafkaProductionTest.awaitQuiet(k);
      assertThat(running(job)).isTrue();
    } finally {
      if (!job.getJobStatus().get(30, TimeUnit.SECONDS).isGloballyTerminalState()) {
        job.cancel().get(30, TimeUnit.SECONDS);
      }
    }

    assertAsTheBoundedRun(b, rules);
    List<JsonNode> liveMetrics = KafkaProductionTest.json(KafkaBroker.consume(k.metricsTopic()));
    List<JsonNode> liveAlerts = KafkaProductionTest.json(KafkaBroker.consume(k.alertsTopic()));
    assertThat(liveAlerts).extracting(a -> a.get("state").asText()).containsExactly("FIRING", "RESOLVED");
    assertThat(KafkaBroker.consume(k.lateEventsTopic())).isEmpty();
    assertThat(KafkaBroker.consume(k.deadLettersTopic())).isEmpty();
    assertThat(liveMetrics).anyMatch(m -> m.get("metric").asText().equals("review.acceptance_ontime_rate"));
  }

  /**
   * A job that read the backlog and was then stopped (a failover, an upgrade) before its quiet
   * partition went idle, started again with nothing new to read: it is current once its inputs are
   * quiet, as the uninterrupted job would have been. Its sources have no event to make a watermark
   * from after the restore; the time each partition had reached is in the savepoint.
   */
  @org.junit.jupiter.api.Test
  void aJobRestoredAfterItReadTheBacklogIsCurrentWithNothingNewToRead() throws Exception {
    Backlog b = Backlog.of("restored-");
    KafkaSettings k = b.topics();
    long lastHour = b.lastHour();
    Predicate<JsonNode> current = m -> m.get("metric").asText().equals("hotline.resolution_rate")
        && m.get("scope").asText().equals("all") && m.get("window").asText().equals("sliding_24h")
        && time(m, "windowEnd") == lastHour;
    RuleSet rules = RuleSet.parse(RULES, MonitorConfig.defaults().windowNames(), "test rules");
    Configuration flink = KafkaProductionTest.flink();
    flink.set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY, "none");

    // read to the end, the review partition quiet but not yet idle: the windows wait for it
    JobClient first = KafkaRun.prepare(MonitorConfig.defaults().withKafka(k).withIdleness(Duration.ofMinutes(10)),
        rules, WorkCalendar.bundled(), flink, KafkaRun.Options.of(2, false, Long.MAX_VALUE)).executeAsync("before");
    String savepoint;
    try {
      KafkaProductionTest.awaitQuiet(k);
      assertThat(KafkaProductionTest.json(KafkaBroker.consume(k.metricsTopic()))).as("held by the quiet partition")
          .noneMatch(current);
    } finally {
      savepoint = first.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
          org.apache.flink.core.execution.SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
    }

    // started again from the savepoint, nothing new in the topics
    JobClient second = KafkaRun.prepare(MonitorConfig.defaults().withKafka(k).withIdleness(Duration.ofSeconds(5)),
        rules, WorkCalendar.bundled(), flink, KafkaRun.Options.of(2, false, Long.MAX_VALUE).fromSavepoint(savepoint))
        .executeAsync("after");
    try {
      KafkaProductionTest.await("the hotline's figures up to " + local(lastHour), Duration.ofSeconds(60),
          () -> running(second) && KafkaProductionTest.json(KafkaBroker.consume(k.metricsTopic())).stream()
              .anyMatch(current));
      KafkaProductionTest.awaitQuiet(k);
    } finally {
      second.cancel().get(30, TimeUnit.SECONDS);
    }

    assertAsTheBoundedRun(b, rules);
    assertThat(KafkaBroker.consume(k.lateEventsTopic())).isEmpty();
  }

  /**
   * {@link #weekend} up to now, in topics of their own: the events, the hotline's last event time and
   * the end of the last window its events close (less the out-of-orderness, to the hour).
   */
  record Backlog(long now, List<String> events, KafkaSettings topics, long lastHotline, long lastHour) {
    static Backlog of(String prefix) throws Exception {
      long now = System.currentTimeMillis();
      List<String> events = weekend(now);
      KafkaSettings k = KafkaBroker.topics(prefix);
      KafkaBroker.produce(KafkaProductionTest.records(k, events));
      long lastHotline = events.stream().filter(e -> e.contains("\"stream\":\"hotline\""))
          .mapToLong(MergedLines::timeOf).max().orElseThrow();
      return new Backlog(now, events, k, lastHotline, Math.floorDiv(lastHotline - OUT_OF_ORDER - 1, HOUR) * HOUR);
    }
  }

  /**
   * The live job's last window is the one the hotline's events close, and every window and alert it
   * wrote is what a bounded run over the same events, as one history file in time order, writes.
   */
  private void assertAsTheBoundedRun(Backlog b, RuleSet rules) throws Exception {
    List<JsonNode> liveMetrics = KafkaProductionTest.json(KafkaBroker.consume(b.topics().metricsTopic()));
    long closed = liveMetrics.stream().mapToLong(m -> time(m, "windowEnd")).max().orElseThrow();
    assertThat(closed).as("no window beyond the busy partition's events").isEqualTo(b.lastHour());
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    Files.write(in.resolve("events.jsonl"), b.events().stream().sorted(Comparator.comparingLong(MergedLines::timeOf))
        .toList(), StandardCharsets.UTF_8);
    Pipeline.Result bounded = Pipeline.run(in, dir.resolve("out"), MonitorConfig.defaults(), rules, new Configuration());
    assertThat(bounded.lateEvents()).isEmpty();
    KafkaProductionTest.assertSameRecords("every window the live job closed, as the bounded run writes it",
        modeless(liveMetrics, m -> true), modeless(bounded.metrics(), m -> time(m, "windowEnd") <= closed));
    KafkaProductionTest.assertSameRecords("alerts",
        modeless(KafkaProductionTest.json(KafkaBroker.consume(b.topics().alertsTopic())), a -> true),
        modeless(bounded.alerts(), a -> time(a, "at") <= closed));
  }

  /** Whether the job still runs; if it has failed, the failure, with its cause. */
  private static boolean running(JobClient job) throws Exception {
    if (job.getJobStatus().get(30, TimeUnit.SECONDS).isGloballyTerminalState()) {
      job.getJobExecutionResult().get(30, TimeUnit.SECONDS); // throws the job's failure
      throw new AssertionError("the job ended while it was to run on");
    }
    return true;
  }

  /**
   * Months of history loaded into the four topics as fast as they go ({@code load --speed 0}) and
   * read by a live job: once it has read them it publishes every window up to the busy streams'
   * last events, each as {@code kafka --until-end} writes it over the same topics. A partition
   * read to its end goes idle and no longer holds the others; none is idle while it has records
   * still to read.
   */
  @org.junit.jupiter.api.Test
  void historyLoadedIntoTheTopicsIsReadLiveAsABoundedRunReadsIt() throws Exception {
    KafkaSettings k = KafkaBroker.topics("history-");
    KafkaSettings bounded = KafkaBroker.topics("history-bounded-");
    bounded = new KafkaSettings(k.bootstrapServers(), k.inputs(), bounded.metricsTopic(), bounded.alertsTopic(),
        bounded.deadLettersTopic(), bounded.lateEventsTopic(), bounded.deliveriesTopic(), bounded.rulesTopic(),
        bounded.ruleChangesTopic(), bounded.caseWatchTopic(), bounded.groupId(), "earliest", bounded.transactionalIdPrefix(),
        bounded.transactionTimeout(), bounded.checkpointInterval(), bounded.maxPartitionFetchBytes(), Map.of());
    List<io.lawmonitor.generate.SampleGenerator.Line> lines = KafkaProductionTest.sample(8_000, 45);
    Path in = dir.resolve("history.jsonl");
    Files.write(in, lines.stream().map(io.lawmonitor.generate.SampleGenerator.Line::json).toList(), StandardCharsets.UTF_8);
    Path config = dir.resolve("monitor.yaml");
    Files.writeString(config, """
        kafka:
          topics: %s
        """.formatted(KafkaBroker.inputTopicsYaml(k)));
    CliTest.Run load = CliTest.run("load", "--bootstrap-servers", k.bootstrapServers(), "--events", in.toString(),
        "--config", config.toString(), "--speed", "0");
    assertThat(load.code()).as(load.err()).isZero();

    RuleSet rules = RuleSet.load(Path.of("flink-conf/alert-rules.yaml"), MonitorConfig.defaults().windowNames());
    // the levels of a report (figures for every street and agency would only make the comparison long)
    List<String> levels = List.of("all", "city", "district");
    MonitorConfig cfg = MonitorConfig.defaults().withKafka(k).withIdleness(Duration.ofSeconds(10)).withScopeLevels(levels);
    JobClient job = KafkaRun.prepare(cfg, rules, WorkCalendar.bundled(), KafkaProductionTest.flink(),
        KafkaRun.Options.of(2, false, Long.MAX_VALUE)).executeAsync("history, live");
    // the busy streams' last events, less the out-of-orderness: every window ending by then is out
    Map<String, Long> last = new java.util.HashMap<>();
    for (var l : lines) {
      last.merge(Pipeline.JSON.readTree(l.json()).get("stream").asText(), l.time(), Math::max);
    }
    long busyEnd = List.of("hotline", "enforcement", "mediation").stream().mapToLong(last::get).min().orElseThrow();
    long cut = Math.floorDiv(busyEnd - OUT_OF_ORDER - 1, HOUR) * HOUR;
    try {
      // a sparse partition read to its end holds the others until it has been idle for the idleness
      KafkaProductionTest.await("the windows up to " + local(cut), Duration.ofSeconds(120), () ->
          KafkaProductionTest.json(KafkaBroker.consume(k.metricsTopic())).stream()
              .anyMatch(m -> time(m, "windowEnd") >= cut));
      KafkaProductionTest.awaitQuiet(k, Duration.ofSeconds(3));
    } finally {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
    MonitorConfig boundedCfg = MonitorConfig.defaults().withKafka(bounded).withScopeLevels(levels);
    long inputEnd = KafkaScan.lastEventTime(boundedCfg, System.currentTimeMillis() + boundedCfg.farFuture().toMillis());
    KafkaRun.prepare(boundedCfg, rules, WorkCalendar.bundled(), KafkaProductionTest.flink(),
        KafkaRun.Options.of(2, true, MonitorGraph.boundedEnd(inputEnd))).execute("history, until the end");

    List<JsonNode> liveMetrics = KafkaProductionTest.json(KafkaBroker.consume(k.metricsTopic()));
    long closed = liveMetrics.stream().mapToLong(m -> time(m, "windowEnd")).max().orElseThrow();
    assertThat(closed).as("the live job's last window").isGreaterThanOrEqualTo(cut);
    List<JsonNode> boundedMetrics = KafkaProductionTest.json(KafkaBroker.consume(bounded.metricsTopic()));
    KafkaProductionTest.assertSameRecords("the windows up to " + local(closed), modeless(liveMetrics, m -> true),
        modeless(boundedMetrics, m -> time(m, "windowEnd") <= closed));
    KafkaProductionTest.assertSameRecords("alerts", modeless(KafkaProductionTest.json(KafkaBroker.consume(k.alertsTopic())), a -> true),
        modeless(KafkaProductionTest.json(KafkaBroker.consume(bounded.alertsTopic())), a -> time(a, "at") <= closed));
    KafkaProductionTest.assertSameRecords("late events", KafkaBroker.consume(k.lateEventsTopic()),
        KafkaBroker.consume(bounded.lateEventsTopic()));
    assertThat(KafkaProductionTest.json(KafkaBroker.consume(k.alertsTopic()))).isNotEmpty();
  }

  /**
   * After the catch-up, the quiet review partition gets events again: they are judged against the
   * job's time, which the hotline has taken on. An application decided within the allowed
   * lateness of it counts in the windows it falls in, once the watermark next moves; one further
   * behind goes to the late events with the watermark it missed. Neither stalls the hotline.
   */
  @org.junit.jupiter.api.Test
  void eventsThatComeLaterOnTheQuietPartitionAreJudgedAgainstTheJobsTime() throws Exception {
    Backlog b = Backlog.of("quiet-then-");
    long now = b.now();
    KafkaSettings k = b.topics();
    long lastHotline = b.lastHotline();
    long lastHour = b.lastHour();
    MonitorConfig cfg = MonitorConfig.defaults().withKafka(k).withIdleness(Duration.ofSeconds(5));
    RuleSet rules = RuleSet.parse(RULES, cfg.windowNames(), "test rules");
    JobClient job = KafkaRun.prepare(cfg, rules, WorkCalendar.bundled(), KafkaProductionTest.flink(),
        KafkaRun.Options.of(2, false, Long.MAX_VALUE)).executeAsync("quiet, then");
    Predicate<JsonNode> review24h = m -> m.get("metric").asText().equals("review.acceptance_ontime_rate")
        && m.get("scope").asText().equals("all") && m.get("window").asText().equals("sliding_24h");
    try {
      KafkaProductionTest.await("the hotline's figures up to " + local(lastHour), Duration.ofSeconds(120),
          () -> running(job) && KafkaProductionTest.json(KafkaBroker.consume(k.metricsTopic())).stream().anyMatch(m ->
              m.get("metric").asText().equals("hotline.resolution_rate") && time(m, "windowEnd") == lastHour));
      assertThat(KafkaProductionTest.json(KafkaBroker.consume(k.metricsTopic()))).noneMatch(m -> review24h.test(m)
          && time(m, "windowEnd") == lastHour);
      // the review partition, quiet for 69 h of event time: an application received and accepted
      // in the hour before the last closed window's end, then one received 10 h before
      KafkaBroker.produce(KafkaProductionTest.records(k, List.of(
          review("RV-CU-2").received(local(lastHour - 40 * 60_000L)).json(),
          review("RV-CU-2").event("ACCEPTED", local(lastHour - 30 * 60_000L)).attr("procedure", "NORMAL").json(),
          review("RV-CU-3").received(local(lastHotline - 10 * HOUR)).json())));
      KafkaProductionTest.await("the late event", Duration.ofSeconds(60),
          () -> !KafkaBroker.consume(k.lateEventsTopic()).isEmpty());
      // the hotline moves the job's time on: the revision is made then
      KafkaBroker.produce(KafkaProductionTest.records(k, List.of(
          hotline("HL-CU-NEXT").received(local(Math.max(lastHotline, now) + 60_000L)).attr("kind", "HELP").json())));
      KafkaProductionTest.await("the review figure of the closed window", Duration.ofSeconds(60),
          () -> KafkaProductionTest.json(KafkaBroker.consume(k.metricsTopic())).stream().anyMatch(m -> review24h.test(m)
              && time(m, "windowEnd") == lastHour));
    } finally {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
    List<JsonNode> revised = KafkaProductionTest.json(KafkaBroker.consume(k.metricsTopic())).stream()
        .filter(m -> review24h.test(m) && time(m, "windowEnd") == lastHour).toList();
    assertThat(revised).extracting(m -> m.get("numerator").asInt() + "/" + m.get("denominator").asInt())
        .containsExactly("1/1");
    List<JsonNode> late = KafkaProductionTest.json(KafkaBroker.consume(k.lateEventsTopic()));
    assertThat(late).extracting(l -> l.get("eventId").asText()).hasSize(1).allMatch(id -> id.startsWith("RV-CU-3-"));
    assertThat(time(late.get(0), "watermark")).as("judged against the job's time, not the partition's")
        .isGreaterThanOrEqualTo(lastHour);
  }
}
