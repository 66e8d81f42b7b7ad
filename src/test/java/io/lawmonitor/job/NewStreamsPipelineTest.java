package io.lawmonitor.job;

import static io.lawmonitor.Fixtures.disclosure;
import static io.lawmonitor.Fixtures.litigation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lawmonitor.Integration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 行政应诉 and 政府信息公开 through the whole graph at parallelism 2: clocks across the 2026
 * National Day holiday, a correction that restarts the clock, hearings, conclusions.
 */
@Integration
class NewStreamsPipelineTest {
  @TempDir
  Path dir;

  private static final String HAIGANG = "秦皇岛市/海港区/文化路街道";

  private static List<String> suits() {
    var a = litigation("LT-1");
    var b = litigation("LT-2");
    var c = litigation("LT-3");
    return List.of(
        // due 24:00 Oct 8: the 15th day after Sep 16 is Oct 1, the holiday runs to Oct 7
        a.event("FILED", "2026-09-16T10:00").attr("court", "西陵区人民法院").attr("matter", "行政处罚").json(),
        b.event("FILED", "2026-09-16T11:00").json(),
        c.event("FILED", "2026-09-17T09:00").json(),
        c.event("ANSWERED", "2026-09-25T10:00").json(),
        a.event("ANSWERED", "2026-10-08T17:00").json(),
        b.event("ANSWERED", "2026-10-09T09:00").json(),
        a.event("HEARD", "2026-10-09T10:00").attr("headAppeared", true).json(),
        b.event("HEARD", "2026-10-09T11:00").attr("headAppeared", false).json(),
        c.event("HEARD", "2026-10-09T14:00").attr("headAppeared", true).json(),
        a.event("JUDGED", "2026-10-12T10:00").attr("outcome", "LOST").json(),
        b.event("WITHDRAWN", "2026-10-12T11:00").json(),
        c.event("JUDGED", "2026-10-12T15:00").attr("outcome", "WON").json());
  }

  private static List<String> applications() {
    var a = disclosure("GI-1").in(HAIGANG);
    var b = disclosure("GI-2").in(HAIGANG);
    var c = disclosure("GI-3").in(HAIGANG);
    return List.of(
        // received Mon Sep 21: due 24:00 Mon Oct 26 (Sep 25 and Oct 1-7 off, Sat Oct 10 worked)
        a.event("APPLIED", "2026-09-21T10:00").attr("channel", "ONLINE").json(),
        b.event("APPLIED", "2026-09-21T11:00").attr("channel", "POST").json(),
        // corrected Tue Sep 29: due afresh 24:00 Mon Nov 2 (from Sep 22 it would have been Oct 27)
        c.event("APPLIED", "2026-09-22T09:00").json(),
        c.event("CORRECTION_REQUESTED", "2026-09-24T10:00").json(),
        c.event("CORRECTED", "2026-09-29T10:00").json(),
        a.event("ANSWERED", "2026-10-26T15:00").attr("result", "DISCLOSED").json(),
        b.event("ANSWERED", "2026-10-27T09:00").attr("result", "NOT_EXIST").json(),
        c.event("ANSWERED", "2026-10-30T10:00").attr("result", "PARTLY_DISCLOSED").json());
  }

  private static void is(JsonNode m, long numerator, long denominator) {
    assertThat(m).isNotNull();
    assertThat(m.get("numerator").asLong()).isEqualTo(numerator);
    assertThat(m.get("denominator").asLong()).isEqualTo(denominator);
  }

  @Test
  void theTwoNewStreamsCountTheirClocksAndOutcomes() throws Exception {
    var r = Pipeline.run(dir, Map.of("litigation.jsonl", suits(), "disclosure.jsonl", applications()), null);
    assertThat(r.summary().reconciles()).isTrue();
    assertThat(r.deadLetters()).isEmpty();
    for (String scope : List.of("all", "宜昌市", "宜昌市/西陵区", "宜昌市/西陵区/云集街道", io.lawmonitor.Fixtures.AGENCY)) {
      // LT-1 answered on time at 17:00 Oct 8, LT-2 missed at 24:00 Oct 8 (counted on Oct 9)
      is(r.metric("litigation.ontime_answer_rate", "sliding_24h", scope, "2026-10-09T01:00"), 1, 2);
      is(r.metric("litigation.head_appearance_rate", "sliding_24h", scope, "2026-10-09T15:00"), 2, 3);
      is(r.metric("litigation.loss_rate", "sliding_24h", scope, "2026-10-12T16:00"), 1, 3);
    }
    assertThat(r.metric("litigation.ontime_answer_rate", "day_to_date", "all", "2026-10-09T00:00").get("value").asDouble())
        .isEqualTo(1.0);
    assertThat(r.metric("litigation.overdue_open", "sliding_24h", "all", "2026-10-09T01:00").get("value").asLong()).isEqualTo(1);
    assertThat(r.metric("litigation.overdue_open", "sliding_24h", "all", "2026-10-09T10:00").get("value").asLong()).isZero();
    assertThat(r.metric("litigation.open_cases", "sliding_24h", "all", "2026-09-18T00:00").get("value").asLong()).isEqualTo(3);
    assertThat(r.metric("litigation.open_cases", "sliding_24h", "all", "2026-10-12T16:00").get("value").asLong()).isZero();

    for (String scope : List.of("all", "秦皇岛市", "秦皇岛市/海港区", HAIGANG)) {
      is(r.metric("disclosure.ontime_answer_rate", "sliding_24h", scope, "2026-10-27T10:00"), 1, 2);
      is(r.metric("disclosure.disclosure_rate", "sliding_24h", scope, "2026-10-27T10:00"), 1, 2);
      // the corrected application answered on Oct 30, in time only because the correction restarted its clock
      is(r.metric("disclosure.ontime_answer_rate", "sliding_24h", scope, "2026-10-30T11:00"), 1, 1);
      is(r.metric("disclosure.disclosure_rate", "sliding_24h", scope, "2026-10-30T11:00"), 1, 1);
    }
    assertThat(r.metric("disclosure.overdue_open", "sliding_24h", "all", "2026-10-27T01:00").get("value").asLong()).isEqualTo(1);
    assertThat(r.metric("disclosure.overdue_open", "sliding_24h", "all", "2026-10-27T10:00").get("value").asLong()).isZero();
  }
}
