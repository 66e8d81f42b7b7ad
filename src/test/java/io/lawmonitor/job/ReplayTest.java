package io.lawmonitor.job;

import io.lawmonitor.run.Summary;
import io.lawmonitor.config.ConfigFiles;
import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.Integration;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.generate.SampleGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** replay: the live job's records for the same events, as the analysts' command gives them. */
@Integration
class ReplayTest {
  @TempDir
  Path dir;

  static List<String> withMode(Path file, String mode) throws Exception {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .map(l -> l.replace("\"mode\":\"" + mode + "\"", "\"mode\":\"?\"")).toList();
  }

  Path rules() throws Exception {
    Path f = dir.resolve("rules.yaml");
    Files.writeString(f, DeliveryTest.rules("", "ops"));
    return f;
  }

  @Test
  void replayGivesTheLiveRecordsForTheSameEventsLateOnesAndRevisionsIncluded() throws Exception {
    List<SampleGenerator.Line> lines = new java.util.ArrayList<>(KafkaProductionTest.sample(3000, 6));
    // as a live feed has them: some events arrive an hour after their time (revisions), some three (late)
    delay(lines, 151, 3_600_000L);
    delay(lines, 199, 3 * 3_600_000L);
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    Files.write(in.resolve("events.jsonl"), lines.stream().map(SampleGenerator.Line::json).toList());
    MonitorConfig cfg = MonitorConfig.defaults();
    RuleSet rules = RuleSet.load(rules(), cfg.windowNames());
    Pipeline.Result live = Pipeline.run(in, dir.resolve("live"), cfg, rules, new Configuration());
    assertThat(live.summary().lateEvents()).as("the stream has late events").isPositive();
    try (var metrics = Files.lines(live.out().resolve("metrics.jsonl"))) {
      assertThat(metrics.anyMatch(m -> !m.contains("\"revision\":0"))).as("and revisions").isTrue();
    }

    // the live run at parallelism 2, the replay at 1: the records do not depend on it
    CliTest.Run r = CliTest.run("replay", "--events", in.toString(), "--rules", rules().toString(), "--out",
        dir.resolve("replay").toString(), "--quiet", "--state-backend", "hashmap", "--parallelism", "1");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("put in event-time order"); // a live feed's export is read as it is
    for (String f : List.of("metrics.jsonl", "alerts.jsonl", "late-events.jsonl", "dead-letters.jsonl",
        "case-watch.jsonl")) {
      assertThat(withMode(dir.resolve("replay").resolve(f), "replay")).as(f)
          .isEqualTo(withMode(live.out().resolve(f), "live"));
    }
    // the 督办清单 has content to compare: cases due soon and overdue, and leaving the list
    assertThat(Files.readString(live.out().resolve("case-watch.jsonl"))).contains("\"state\":\"DUE_SOON\"")
        .contains("\"state\":\"OVERDUE\"").contains("\"state\":\"DONE\"");
    assertThat(Files.readString(dir.resolve("replay/metrics.jsonl"))).contains("\"mode\":\"replay\"")
        .doesNotContain("\"mode\":\"live\"");
    Summary s = live.summary();
    assertThat(r.out()).contains(s.eventsRead() + " events read = " + s.eventsUsed() + " used");
  }

  @Test
  void anExportGroupedByCaseIsPutInOrderAndAPeriodWithMonthWindowsGivesItsFigures() throws Exception {
    List<String> events = io.lawmonitor.Fixtures.closureEpisode("HL-R");
    Path ordered = dir.resolve("ordered");
    Path byCase = dir.resolve("by-case");
    Files.createDirectories(ordered);
    Files.createDirectories(byCase);
    Files.write(ordered.resolve("events.jsonl"), events);
    Files.write(byCase.resolve("export.jsonl"), events.stream()
        .sorted(Comparator.comparing((String e) -> e.replaceAll(".*\"caseId\":\"([^\"]+)\".*", "$1"))).toList());
    MonitorConfig cfg = MonitorConfig.defaults();
    Pipeline.Result live = Pipeline.run(ordered, dir.resolve("live"), cfg, RuleSet.load(rules(), cfg.windowNames()),
        new Configuration());

    CliTest.Run r = CliTest.run("replay", "--events", byCase.toString(), "--rules", rules().toString(), "--out",
        dir.resolve("replay").toString(), "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("export.jsonl: ").contains("put in event-time order first");
    assertThat(withMode(dir.resolve("replay/metrics.jsonl"), "replay")).isEqualTo(withMode(live.out().resolve("metrics.jsonl"), "live"));
    assertThat(withMode(dir.resolve("replay/alerts.jsonl"), "replay")).isEqualTo(withMode(live.out().resolve("alerts.jsonl"), "live"))
        .hasSize(2);

    // October in month windows: 7 of the 8 closed cases on time (HL-R4 closed late)
    r = CliTest.run("replay", "--events", byCase.toString(), "--rules", rules().toString(), "--out",
        dir.resolve("month").toString(), "--quiet", "--windows", "sliding_24h,month");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode october = month(dir.resolve("month"), "all");
    assertThat(october.get("numerator").asLong() + "/" + october.get("denominator").asLong()).isEqualTo("7/8");
    assertThat(october.get("windowStart").asText()).isEqualTo("2026-10-01T00:00:00+08:00");

    // the period before Oct 16: only the first three closures are in it, all on time
    r = CliTest.run("replay", "--events", byCase.toString(), "--rules", rules().toString(), "--out",
        dir.resolve("period").toString(), "--quiet", "--windows", "sliding_24h,month", "--to", "2026-10-16");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("7 lines with an event time outside the period were passed over.");
    JsonNode part = month(dir.resolve("period"), "all");
    assertThat(part.get("numerator").asLong() + "/" + part.get("denominator").asLong()).isEqualTo("3/3");
  }

  @Test
  void aReplayOfTheReportsLevelsGivesExactlyTheirRecords() throws Exception {
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    Files.write(in.resolve("events.jsonl"), io.lawmonitor.Fixtures.closureEpisode("HL-L"));
    CliTest.Run r = CliTest.run("replay", "--events", in.toString(), "--rules", rules().toString(), "--out",
        dir.resolve("all-levels").toString(), "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    r = CliTest.run("replay", "--events", in.toString(), "--rules", rules().toString(), "--out",
        dir.resolve("report-levels").toString(), "--quiet", "--levels", "district,all,city");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("levels all, city, district");
    List<String> wanted = Files.readAllLines(dir.resolve("all-levels/metrics.jsonl")).stream()
        .filter(l -> !l.contains("\"scopeLevel\":\"street\"") && !l.contains("\"scopeLevel\":\"agency\"")).toList();
    assertThat(wanted).anyMatch(l -> l.contains("\"scope\":\"宜昌市/西陵区\""));
    assertThat(Files.readAllLines(dir.resolve("report-levels/metrics.jsonl"))).as("the same records, street and agency left out")
        .isEqualTo(wanted);
    assertThat(Files.readAllLines(dir.resolve("report-levels/alerts.jsonl")))
        .isEqualTo(Files.readAllLines(dir.resolve("all-levels/alerts.jsonl"))).hasSize(2);
    assertThat(Files.readString(dir.resolve("report-levels/report.csv")))
        .isEqualTo(Files.readString(dir.resolve("all-levels/report.csv")));

    // a rule on a level left out could never fire: refused, naming it
    Path street = dir.resolve("street.yaml");
    Files.writeString(street, "rules:\n" + BacktestTest.rule("street-low", "street", 0.9, 1));
    r = CliTest.run("replay", "--events", in.toString(), "--rules", street.toString(), "--out",
        dir.resolve("refused").toString(), "--quiet", "--levels", "all,city");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("rule 'street-low': field 'scopeLevel': 'street' is not computed by this job"
        + " (scopeLevels: all, city)");

    // the same for a subset of the metrics
    r = CliTest.run("replay", "--events", in.toString(), "--rules", rules().toString(), "--out",
        dir.resolve("two-metrics").toString(), "--quiet", "--metrics", "hotline.received_count,hotline.ontime_closure_rate");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("metrics hotline.ontime_closure_rate, hotline.received_count");
    List<String> two = Files.readAllLines(dir.resolve("all-levels/metrics.jsonl")).stream()
        .filter(l -> l.contains("\"metric\":\"hotline.received_count\"") || l.contains("\"metric\":\"hotline.ontime_closure_rate\""))
        .toList();
    assertThat(two).anyMatch(l -> l.contains("hotline.received_count")).anyMatch(l -> l.contains("hotline.ontime_closure_rate"));
    assertThat(Files.readAllLines(dir.resolve("two-metrics/metrics.jsonl"))).as("the same records, other metrics left out")
        .isEqualTo(two);
    assertThat(Files.readAllLines(dir.resolve("two-metrics/alerts.jsonl")))
        .isEqualTo(Files.readAllLines(dir.resolve("all-levels/alerts.jsonl")));
    r = CliTest.run("replay", "--events", in.toString(), "--rules", rules().toString(), "--out",
        dir.resolve("refused-metric").toString(), "--quiet", "--metrics", "hotline.received_count");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("field 'metric': 'hotline.ontime_closure_rate' is not computed by this job"
        + " (metrics: hotline.received_count)");
    r = CliTest.run("replay", "--events", in.toString(), "--out", dir.resolve("unknown-metric").toString(), "--quiet",
        "--metrics", "hotline.happiness");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--metrics: no metric 'hotline.happiness'");
  }

  @Test
  void aReplayDoesNotCheckpoint() {
    // its state, years of history, went into the JobManager's memory-backed checkpoints and a
    // replay of a million events failed at the first one
    assertThat(ConfigFiles.flinkConfig().contains(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTING_INTERVAL))
        .as("flink-conf/config.yaml checkpoints the live job").isTrue();
    assertThat(ReplayOptions.flinkConfig().contains(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTING_INTERVAL))
        .isFalse();
  }

  /** Moves every n-th line to where the events of {@code by} later are. */
  static void delay(List<SampleGenerator.Line> lines, int n, long by) {
    for (int i = n; i < lines.size(); i += n) {
      SampleGenerator.Line l = lines.remove(i);
      int at = i;
      while (at < lines.size() && lines.get(at).time() < l.time() + by) {
        at++;
      }
      lines.add(at, l);
    }
  }

  static JsonNode month(Path out, String scope) throws Exception {
    return Pipeline.read(out.resolve("metrics.jsonl")).stream()
        .filter(m -> m.get("metric").asText().equals("hotline.ontime_closure_rate") && m.get("window").asText().equals("month")
            && m.get("scope").asText().equals(scope))
        .reduce((a, b) -> b).orElseThrow();
  }
}
