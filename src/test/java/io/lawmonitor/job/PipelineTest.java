package io.lawmonitor.job;

import io.lawmonitor.run.Summary;
import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.Integration;
import static io.lawmonitor.Fixtures.hotline;
import static io.lawmonitor.Fixtures.review;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lawmonitor.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole graph at parallelism 2 on small crafted streams with known answers. */
@Integration
class PipelineTest {
  @TempDir
  Path dir;

  private static List<String> fourClosures() {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      var c = hotline("HL-" + i);
      lines.add(c.received("2026-10-12T09:0" + i).attr("kind", "HELP").json());
      lines.add(c.responded("2026-10-12T11:00").json());
    }
    for (int i = 1; i <= 3; i++) {
      lines.add(hotline("HL-" + i).closed("2026-10-15T10:00", true).json());
    }
    lines.add(hotline("HL-4").closed("2026-10-16T09:00", false).json());
    return lines;
  }

  @Test
  void threeOfFourClosedOnTimeIsThreeQuartersInEveryScope() throws Exception {
    var r = Pipeline.run(dir, Map.of("hotline.jsonl", fourClosures()), null);
    for (String scope : List.of("all", "宜昌市", "宜昌市/西陵区", "宜昌市/西陵区/云集街道", Fixtures.AGENCY)) {
      JsonNode m = r.metric("hotline.ontime_closure_rate", "sliding_24h", scope, "2026-10-16T01:00");
      assertThat(m).as(scope).isNotNull();
      assertThat(m.get("numerator").asLong()).isEqualTo(3);
      assertThat(m.get("denominator").asLong()).isEqualTo(4);
      assertThat(m.get("value").asDouble()).isEqualTo(0.75);
      assertThat(m.get("wilsonLow").asDouble()).isEqualTo(0.3006);
      assertThat(m.get("wilsonHigh").asDouble()).isEqualTo(0.9545);
      assertThat(m.get("windowStart").asText()).isEqualTo("2026-10-15T01:00:00+08:00");
      assertThat(m.get("revision").asInt()).isZero();
    }
    assertThat(r.metric("hotline.ontime_closure_rate", "sliding_24h", "宜昌市/西陵区", "2026-10-16T01:00")
        .get("scopeLevel").asText()).isEqualTo("district");
    // the day's own figures: 3 of 3 on Oct 15, then the miss counted on Oct 16 (at its deadline, 24:00 Oct 15)
    assertThat(r.metric("hotline.ontime_closure_rate", "day_to_date", "all", "2026-10-16T00:00").get("value").asDouble()).isEqualTo(1.0);
    assertThat(r.metric("hotline.ontime_closure_rate", "day_to_date", "all", "2026-10-16T01:00").get("denominator").asLong()).isEqualTo(1);
    assertThat(r.metric("hotline.response_rate", "sliding_24h", "all", "2026-10-12T12:00").get("value").asDouble()).isEqualTo(1.0);
    assertThat(r.metric("hotline.resolution_rate", "sliding_24h", "all", "2026-10-16T10:00").get("value").asDouble()).isEqualTo(0.75);
    // the backlog: four open, then the overdue one counted until it closed
    assertThat(r.metric("hotline.open_cases", "sliding_24h", "all", "2026-10-12T10:00").get("value").asLong()).isEqualTo(4);
    assertThat(r.metric("hotline.open_cases", "sliding_24h", "all", "2026-10-15T11:00").get("value").asLong()).isEqualTo(1);
    assertThat(r.metric("hotline.overdue_open", "sliding_24h", "all", "2026-10-16T01:00").get("value").asLong()).isEqualTo(1);
    assertThat(r.metric("hotline.overdue_open", "sliding_24h", "all", "2026-10-16T10:00").get("value").asLong()).isZero();
    // the input ends at Oct 16 09:00: nothing is emitted past the hour that holds it
    assertThat(r.metrics()).allMatch(m -> m.get("windowEnd").asText().compareTo("2026-10-16T10:00:00+08:00") <= 0);
    assertThat(r.summary().eventsRead()).isEqualTo(12);
    assertThat(r.summary().eventsUsed()).isEqualTo(12);
    assertThat(r.summary().reconciles()).isTrue();
  }

  @Test
  void anExportGroupedByCaseCountsTheSameWhenSortedByTime() throws Exception {
    List<String> byCase = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      var c = hotline("HL-" + i);
      byCase.add(c.received("2026-10-12T09:0" + i).attr("kind", "HELP").json());
      byCase.add(c.responded("2026-10-12T11:00").json());
      byCase.add(c.closed(i < 4 ? "2026-10-15T10:00" : "2026-10-16T09:00", i < 4).json());
    }
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    Files.write(in.resolve("export.jsonl"), byCase);
    var r = Pipeline.run(in, dir.resolve("out"), MonitorConfig.defaults(), io.lawmonitor.alerts.RuleSet.empty(),
        new org.apache.flink.configuration.Configuration(), true);
    assertThat(r.lateEvents()).isEmpty();
    JsonNode m = r.metric("hotline.ontime_closure_rate", "sliding_24h", "all", "2026-10-16T01:00");
    assertThat(m.get("numerator").asLong() + "/" + m.get("denominator").asLong()).isEqualTo("3/4");
  }

  @Test
  void aDeadlineAcrossTheNationalDayHolidayAndTheMakeUpSaturday() throws Exception {
    var a = hotline("HL-A");
    var b = hotline("HL-B");
    var r = Pipeline.run(dir, Map.of("hotline.jsonl", List.of(
        a.received("2026-09-30T10:00").json(), b.received("2026-09-30T10:05").json(),
        a.responded("2026-09-30T11:00").json(), b.responded("2026-09-30T11:00").json(),
        a.closed("2026-10-10T16:00", true).json(), b.closed("2026-10-11T08:00", true).json())), null);
    // due 24:00 Oct 10 (Oct 8, 9 and the make-up Saturday): A on time, B overdue at Oct 11 00:00
    JsonNode m = r.metric("hotline.ontime_closure_rate", "sliding_24h", "all", "2026-10-11T01:00");
    assertThat(m.get("numerator").asLong()).isEqualTo(1);
    assertThat(m.get("denominator").asLong()).isEqualTo(2);
    assertThat(r.metric("hotline.ontime_closure_rate", "day_to_date", "all", "2026-10-11T00:00").get("value").asDouble()).isEqualTo(1.0);
  }

  @Test
  void aLoneLastEventAfterAQuietSpellIsStillCounted() throws Exception {
    var c = hotline("HL-Q");
    var r = Pipeline.run(dir, Map.of("q.jsonl", List.of(c.received("2026-09-30T10:00").json(),
        c.responded("2026-09-30T11:00").json(), c.closed("2026-10-10T16:00", true).json())), null);
    assertThat(r.deadLetters()).isEmpty();
    assertThat(r.metric("hotline.ontime_closure_rate", "sliding_24h", "all", "2026-10-10T17:00").get("value").asDouble())
        .isEqualTo(1.0);
    assertThat(r.summary().eventsUsed()).isEqualTo(3);
  }

  @Test
  void anEventLaterThanThePresentIsFarFuture() throws Exception {
    var c = hotline("HL-F");
    var r = Pipeline.run(dir, Map.of("f.jsonl", List.of(c.received("2026-09-30T10:00").json(),
        hotline("HL-G").received("2099-01-01T10:00").json(), c.responded("2026-09-30T11:00").json())), null);
    assertThat(r.deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.get("reason").asText()).isEqualTo("FAR_FUTURE");
      assertThat(d.get("origin").asText()).isEqualTo("f.jsonl:2");
    });
    assertThat(r.summary().eventsUsed()).isEqualTo(2);
  }

  @Test
  void aWrongClockInTheMiddleIsFarFutureAndHoldsNothingBack() throws Exception {
    var a = hotline("HL-W1");
    var b = hotline("HL-W2");
    var r = Pipeline.run(dir, Map.of("w.jsonl", List.of(
        a.received("2026-10-12T09:00").json(),
        b.received("2026-10-22T09:00").id("WRONG-CLOCK").json(),   // ten days ahead of everything around it
        a.responded("2026-10-12T09:30").json(),
        a.closed("2026-10-12T10:00", true).json())), null);
    assertThat(r.deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.get("reason").asText()).isEqualTo("FAR_FUTURE");
      assertThat(d.get("eventId").asText()).isEqualTo("WRONG-CLOCK");
    });
    // the events after it were not made late by it
    assertThat(r.lateEvents()).isEmpty();
    assertThat(r.metric("hotline.ontime_closure_rate", "sliding_24h", "all", "2026-10-12T11:00").get("value").asDouble())
        .isEqualTo(1.0);
  }

  @Test
  void lateEventsReviseInsideTheLatenessAndAreSetAsideBeyondIt() throws Exception {
    var r = Pipeline.run(dir, Map.of("visits.jsonl", visitsWithLateOnes()), null);
    String street = Fixtures.REGION;
    assertThat(r.all("hotline.satisfaction_rate", "sliding_24h", street, "2026-10-12T12:00"))
        .extracting(m -> m.get("numerator").asLong() + "/" + m.get("denominator").asLong() + " r" + m.get("revision").asInt())
        .containsExactly("1/1 r0", "1/2 r1");
    assertThat(r.all("hotline.satisfaction_rate", "day_to_date", street, "2026-10-12T12:00"))
        .extracting(m -> m.get("numerator").asLong() + "/" + m.get("denominator").asLong() + " r" + m.get("revision").asInt())
        .containsExactly("1/1 r0", "1/2 r1");
    assertThat(r.all("hotline.satisfaction_rate", "sliding_24h", street, "2026-10-12T13:00"))
        .extracting(m -> m.get("numerator").asLong() + "/" + m.get("denominator").asLong() + " r" + m.get("revision").asInt())
        .as("closed only after the late visit had arrived: no revision").containsExactly("1/2 r0");
    assertThat(r.lateEvents()).singleElement().satisfies(l -> {
      assertThat(l.get("eventId").asText()).isEqualTo("V5");
      assertThat(l.get("origin").asText()).isEqualTo("visits.jsonl:5");
    });
    Summary s = r.summary();
    assertThat(List.of(s.eventsRead(), s.eventsUsed(), s.duplicates(), s.deadLetters(), s.lateEvents()))
        .containsExactly(6L, 4L, 1L, 0L, 1L);
  }

  static List<String> visitsWithLateOnes() {
    var v = hotline("HL-V");
    return List.of(
        v.visited("2026-10-12T10:00", "SATISFIED").id("V1").json(),
        v.visited("2026-10-12T13:00", "SATISFIED").id("V2").json(),
        v.visited("2026-10-12T11:30", "DISSATISFIED").id("V3").json(),   // 1.5 h behind: a revision
        v.visited("2026-10-12T15:00", "SATISFIED").id("V4").json(),
        v.visited("2026-10-12T08:00", "DISSATISFIED").id("V5").json(),   // 7 h behind: late
        v.visited("2026-10-12T13:00", "SATISFIED").id("V2").json());     // a retry of V2
  }

  @Test
  void theSameInputTwiceGivesTheSameFiles() throws Exception {
    List<String> lines = new ArrayList<>(fourClosures());
    lines.addAll(visitsWithLateOnes());
    var first = Pipeline.run(dir.resolve("a"), Map.of("x.jsonl", lines), null);
    var second = Pipeline.run(dir.resolve("b"), Map.of("x.jsonl", lines), null);
    for (String f : List.of("metrics.jsonl", "alerts.jsonl", "dead-letters.jsonl", "late-events.jsonl")) {
      assertThat(Files.readString(second.out().resolve(f))).as(f).isEqualTo(Files.readString(first.out().resolve(f)));
    }
    assertThat(first.metrics()).isNotEmpty();
  }

  @Test
  void alertsFireAndResolveThroughTheGraph() throws Exception {
    String rules = """
        rules:
          - id: sat-low
            metric: hotline.satisfaction_rate
            window: sliding_24h
            scopeLevel: district
            fireWhen: below 0.9
            clearWhen: above 0.95
            minSample: 4
            for: 2
            severity: critical
          - id: overdue-review
            metric: review.overdue_open
            window: sliding_24h
            scopeLevel: city
            fireWhen: above 0
        """;
    List<String> lines = new ArrayList<>();
    var v = hotline("HL-S");
    for (int i = 0; i < 4; i++) {
      lines.add(v.visited("2026-10-12T08:1" + i, "SATISFIED").json());
    }
    for (int i = 0; i < 4; i++) {
      lines.add(v.visited("2026-10-12T09:1" + i, "DISSATISFIED").json());
    }
    for (int i = 0; i < 100; i++) {
      lines.add(v.visited(String.format("2026-10-12T11:%02d", i % 60), "SATISFIED").json());
    }
    // a district with one unhappy caller: below minSample, never a verdict
    lines.add(hotline("HL-T").in("宜昌市/伍家岗区/大公桥街道").visited("2026-10-12T09:30", "DISSATISFIED").json());
    // an application received before the holiday, accepted the Monday after its deadline
    var rv = review("RV-1");
    lines.add(rv.received("2026-09-28T10:00").json());
    lines.add(rv.event("ACCEPTED", "2026-10-12T09:00").json());
    lines.sort((a, b) -> a.substring(a.indexOf("eventTime")).compareTo(b.substring(b.indexOf("eventTime"))));

    var r = Pipeline.run(dir, Map.of("events.jsonl", lines), rules);
    assertThat(r.alerts()).extracting(a -> a.get("rule").asText() + " " + a.get("state").asText() + " "
            + a.get("scope").asText() + " " + a.get("at").asText())
        .containsExactly(
            "overdue-review FIRING 宜昌市 2026-10-11T01:00:00+08:00",
            "overdue-review RESOLVED 宜昌市 2026-10-12T10:00:00+08:00",
            "sat-low FIRING 宜昌市/西陵区 2026-10-12T11:00:00+08:00",
            "sat-low RESOLVED 宜昌市/西陵区 2026-10-12T12:00:00+08:00");
    JsonNode firing = r.alerts().get(2);
    assertThat(firing.get("value").asDouble()).isEqualTo(0.5);
    assertThat(firing.get("numerator").asLong()).isEqualTo(4);
    assertThat(firing.get("denominator").asLong()).isEqualTo(8);
    assertThat(firing.get("activeSince").asText()).isEqualTo("2026-10-12T09:00:00+08:00");
    assertThat(firing.get("severity").asText()).isEqualTo("critical");
    assertThat(firing.get("summary").asText()).isEqualTo("宜昌市/西陵区 近24小时12345满意率 50.0%（8件）低于 90%");
    assertThat(r.alerts().get(3).get("fingerprint").asText()).isEqualTo(firing.get("fingerprint").asText());
    assertThat(r.alerts().get(3).get("denominator").asLong()).isEqualTo(108);
    assertThat(r.summary().alerts()).isEqualTo(4);
  }
}
