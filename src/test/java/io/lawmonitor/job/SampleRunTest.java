package io.lawmonitor.job;

import io.lawmonitor.run.Summary;
import io.lawmonitor.config.ConfigFiles;
import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.Integration;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lawmonitor.events.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default as a new user runs it: sample-events/, default rules, RocksDB state. */
@Integration
class SampleRunTest {
  @TempDir
  static Path dir;
  static Pipeline.Result r;

  @BeforeAll
  static void runTheSample() throws Exception {
    MonitorConfig cfg = ConfigFiles.config(null);
    r = Pipeline.run(Path.of("sample-events"), dir.resolve("out"), cfg, ConfigFiles.rules(null, cfg), ConfigFiles.flinkConfig());
  }

  private List<String> alerts() {
    return r.alerts().stream().map(a -> a.get("rule").asText() + " " + a.get("state").asText() + " " + a.get("scope").asText())
        .toList();
  }

  @Test
  void theEpisodesFireAndResolve() {
    assertThat(alerts()).containsSubsequence(
        "hotline-satisfaction-district-low FIRING 宜昌市/西陵区", "hotline-satisfaction-district-low RESOLVED 宜昌市/西陵区");
    assertThat(alerts()).containsSubsequence(
        "mediation-prelitigation-low FIRING all", "mediation-prelitigation-low RESOLVED all");
    // a hearing of Sep 30 without the agency's head, one of Oct 8 with the head in court
    assertThat(alerts()).containsSubsequence("litigation-head-appearance-district FIRING 宜昌市/伍家岗区",
        "litigation-head-appearance-district RESOLVED 宜昌市/伍家岗区");
    // 泸州市's applications due Oct 8-10 answered a day or two late
    assertThat(alerts()).containsSubsequence("disclosure-ontime-answer-low FIRING all", "disclosure-ontime-answer-low RESOLVED all");
    assertThat(alerts()).anyMatch(a -> a.startsWith("review-overdue FIRING "));
    assertThat(alerts()).anyMatch(a -> a.startsWith("review-overdue RESOLVED "));
    JsonNode overdue = r.alerts().stream().filter(a -> a.get("rule").asText().equals("review-overdue")).findFirst().orElseThrow();
    // received Mon Sep 28; five working days end 24:00 Oct 10, the make-up Saturday
    assertThat(overdue.get("at").asText()).isEqualTo("2026-10-11T01:00:00+08:00");
    assertThat(overdue.get("severity").asText()).isEqualTo("critical");
    // every FIRING is followed by its RESOLVED: the sample ends with no breach open
    assertThat(r.summary().firing()).isEqualTo(r.summary().resolved());
  }

  @Test
  void theAccountsReconcileAndEveryOutputHasContent() throws Exception {
    Summary s = r.summary();
    assertThat(s.reconciles()).isTrue();
    assertThat(s.eventsRead()).isGreaterThan(40_000);
    assertThat(s.duplicates()).isPositive();
    assertThat(s.lateEvents()).isEqualTo(1);
    assertThat(s.orphans()).isEqualTo(2);
    assertThat(r.deadLetters()).extracting(d -> d.get("reason").asText()).containsExactlyInAnyOrder(
        DeadLetter.MALFORMED_JSON, DeadLetter.MALFORMED_JSON, DeadLetter.MALFORMED_JSON, DeadLetter.MISSING_FIELD,
        DeadLetter.UNKNOWN_STREAM, DeadLetter.UNKNOWN_TYPE, DeadLetter.BAD_TIMESTAMP, DeadLetter.BAD_VALUE,
        DeadLetter.TOO_LARGE, DeadLetter.ILLEGAL_TRANSITION, DeadLetter.ILLEGAL_TRANSITION, DeadLetter.FAR_FUTURE);
    assertThat(r.deadLetters()).allMatch(d -> d.get("origin").asText().matches("bad-input\\.jsonl:\\d+"));
    try (var lines = Files.lines(r.out().resolve("metrics.jsonl"))) {
      long[] counts = new long[2];
      lines.forEach(l -> {
        counts[0]++;
        if (l.contains("\"revision\":1,")) {
          counts[1]++;
        }
      });
      assertThat(counts[0]).isEqualTo(s.metricRecords());
      assertThat(counts[1]).as("the visit inside the allowed lateness revises its windows").isPositive();
    }
  }

  @Test
  void noPhoneOrIdNumberAnywhereInTheOutput() throws Exception {
    Pattern phone = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");
    Pattern id = Pattern.compile("(?<!\\d)\\d{17}[\\dXx](?!\\d)");
    try (var files = Files.list(r.out())) {
      for (Path f : files.collect(Collectors.toList())) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        assertThat(phone.matcher(text).find()).as(f + " holds a phone number").isFalse();
        assertThat(id.matcher(text).find()).as(f + " holds an ID-card number").isFalse();
        // named personal fields never carry their value out, not even in a dead letter's raw text
        assertThat(Pattern.compile("\"(callerName|callerPhone|idNumber|address|partyNames)\":\"(?!\\*\\*\\*\")")
            .matcher(text).find()).as(f + " holds a named personal field").isFalse();
      }
    }
    // the input does hold them: they were stripped, not absent
    assertThat(phone.matcher(Files.readString(Path.of("sample-events/hotline.jsonl"))).find()).isTrue();
  }

  @Test
  void theSharedFormatCheckerAgrees() throws Exception {
    Path checker = Path.of("../shared/tools/check-outputs");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(checker),
        "../shared/tools/check-outputs is not beside this checkout; skipping the format check");
    Process p = new ProcessBuilder("python3", checker.toString(), r.out().toString()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("all formats hold");
  }
}
