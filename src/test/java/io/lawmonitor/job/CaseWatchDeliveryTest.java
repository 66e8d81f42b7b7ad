package io.lawmonitor.job;

import static io.lawmonitor.Fixtures.litigation;
import static io.lawmonitor.Fixtures.review;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lawmonitor.Integration;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.job.Receiver.Answer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 督办清单 reaches its subscribers through the real graph and real HTTP: each agency's morning
 * digest on working days only (none in the National Day holiday, none on a Sunday, one on the
 * make-up Saturday), to the agency's own robot where it has one; a message the moment a review
 * application's acceptance becomes overdue.
 */
@Integration
class CaseWatchDeliveryTest {
  @TempDir
  Path dir;

  static final String RULES = """
      caseWatch:
        - id: morning-digest
          digest: "08:30"
          notify: [office]
          agencies:
            巴中市司法局: [sfj]
        - id: acceptance-overdue
          overdue: [review.acceptance]
          notify: [hook]
      subscribers:
        office: {type: wecom, url: %s}
        sfj: {type: dingtalk, url: %s}
        hook: {type: webhook, url: %s}
      """;

  @Test
  void digestsOnWorkingDaysToEachAgencysRobotAndAMessageWhenAnApplicationGoesOverdue() throws Exception {
    try (Receiver rx = new Receiver()) {
      String ok = "{\"errcode\":0,\"errmsg\":\"ok\"}";
      rx.on("/office", Answer.ok(ok)).on("/sfj", Answer.ok(ok));
      var a = review("RV-A1").in("巴中市/巴州区/东城街道").by("巴中市人民政府");
      var b = review("RV-B1").in("巴中市/巴州区/东城街道").by("巴中市司法局");
      var c = litigation("LT-C1").in("巴中市/巴州区/东城街道").by("巴中市人力资源和社会保障局");
      Path in = dir.resolve("in");
      Files.createDirectories(in);
      Files.write(in.resolve("review.jsonl"), List.of(
          a.received("2026-09-28T10:00").json(), b.received("2026-09-29T10:00").json(),
          review("RV-Z9").in("巴中市/巴州区/东城街道").by("巴中市人民政府").received("2026-10-13T12:00").json()),
          StandardCharsets.UTF_8);
      // filed Sep 20: the 15 days end Oct 5 in the holiday, so 24:00 Oct 8; due soon from 00:00 Oct 6
      Files.write(in.resolve("litigation.jsonl"), List.of(c.event("FILED", "2026-09-20T10:00").json(),
          c.event("ANSWERED", "2026-10-08T15:00").json()), StandardCharsets.UTF_8);
      MonitorConfig cfg = DeliveryTest.config(3);
      RuleSet rules = RuleSet.parse(RULES.formatted(rx.url("/office"), rx.url("/sfj"), rx.url("/hook")),
          cfg.windowNames(), "test rules");
      Pipeline.Result r = Pipeline.run(in, dir.resolve("out"), cfg, rules, new Configuration());

      // the default robot: the suit's agency on Thursday Oct 8 (not on Oct 6 or 7, holidays), the
      // government on the make-up Saturday Oct 10, Monday Oct 12 and Tuesday Oct 13 (not on Sunday)
      List<JsonNode> office = DeliveryTest.json(rx.at("/office"));
      assertThat(office).extracting(o -> o.at("/markdown/content").asText().lines().findFirst().orElse(""))
          .containsExactly("### 督办清单｜巴中市人力资源和社会保障局", "### 督办清单｜巴中市人民政府",
              "### 督办清单｜巴中市人民政府", "### 督办清单｜巴中市人民政府");
      String oct8 = office.get(0).at("/markdown/content").asText();
      assertThat(oct8).contains("**超期 0 件　临期 1 件**", "> LT-C1　行政应诉 提交答辩状　**剩 1 天**（期限 10-08 24:00）",
          "截至 10月8日 08:30 · 规则 morning-digest");
      assertThat(office.get(1).at("/markdown/content").asText()).contains("**超期 0 件　临期 1 件**",
          "> RV-A1　行政复议 受理审查　**剩 1 个工作日**（期限 10-10 24:00）", "截至 10月10日 08:30");
      assertThat(office.get(2).at("/markdown/content").asText()).contains("**超期 1 件　临期 0 件**", "▲ 超期",
          "> RV-A1　行政复议 受理审查　**超期 1 个工作日**（期限 10-10 24:00）", "截至 10月12日 08:30");
      assertThat(office.get(3).at("/markdown/content").asText()).contains("**超期 2 个工作日**", "截至 10月13日 08:30");

      // the justice bureau's own robot: its application, yellow on Monday, red on Tuesday
      List<JsonNode> sfj = DeliveryTest.json(rx.at("/sfj"));
      assertThat(sfj).extracting(o -> o.at("/markdown/title").asText())
          .containsExactly("督办清单｜巴中市司法局", "督办清单｜巴中市司法局");
      assertThat(sfj.get(0).at("/markdown/text").asText()).contains("> RV-B1　行政复议 受理审查　**剩 1 个工作日**（期限 10-12 24:00）");
      assertThat(sfj.get(1).at("/markdown/text").asText()).contains("> RV-B1　行政复议 受理审查　**超期 1 个工作日**");

      // the webhook: each application the moment its acceptance is overdue, as case-watch records
      List<JsonNode> hook = DeliveryTest.json(rx.at("/hook"));
      assertThat(hook).extracting(h -> h.get("kind").asText() + " " + h.at("/cases/0/caseId").asText() + " "
          + h.at("/cases/0/at").asText()).containsExactly(
          "CASE_OVERDUE RV-A1 2026-10-11T00:00:00+08:00", "CASE_OVERDUE RV-B1 2026-10-13T00:00:00+08:00");
      assertThat(rx.at("/hook")).extracting(q -> q.headers().get("idempotency-key")).doesNotHaveDuplicates();

      // every message in the delivery log, delivered once
      List<JsonNode> log = Pipeline.read(r.out().resolve("deliveries.jsonl"));
      assertThat(log).extracting(l -> l.get("kind").asText() + " " + l.get("outcome").asText()).containsExactlyInAnyOrder(
          "CASE_DIGEST DELIVERED", "CASE_DIGEST DELIVERED", "CASE_DIGEST DELIVERED", "CASE_DIGEST DELIVERED",
          "CASE_DIGEST DELIVERED", "CASE_DIGEST DELIVERED", "CASE_OVERDUE DELIVERED", "CASE_OVERDUE DELIVERED");
    }
  }
}
