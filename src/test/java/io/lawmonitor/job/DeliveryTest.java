package io.lawmonitor.job;

import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.Integration;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.job.Receiver.Answer;
import io.lawmonitor.notify.DeliverySettings;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert subscribers receive what the graph decides, through the real graph at parallelism 2 and a
 * real HTTP receiver: exact bodies for a webhook and an Alertmanager pair, the markdown a WeCom or
 * DingTalk group reads, a DingTalk signature checked with its secret, and a receiver that fails,
 * then times out, then recovers — every message in the delivery log, none lost.
 */
@Integration
class DeliveryTest {
  static final String ROBOT_SECRET = "SECf00dfeed-robot-signing";

  @TempDir
  Path dir;

  /** 3 of 4 closed on time: FIRING at 2026-10-16 01:00 (3/4); 4 of 4: RESOLVED at 2026-10-17 01:00. */
  static Map<String, List<String>> events() {
    return Map.of("hotline.jsonl", io.lawmonitor.Fixtures.closureEpisode("HL-D"));
  }

  static String rules(String subscribers, String notify) {
    return """
        rules:
          - id: closure-low
            metric: hotline.ontime_closure_rate
            window: sliding_24h
            scopeLevel: all
            fireWhen: below 0.9
            clearWhen: above 0.95
            minSample: 1
            confidence: 0
            for: 1
            severity: critical
            notify: [%s]
        subscribers:
          ops: {type: kafka}
        %s""".formatted(notify, subscribers);
  }

  static MonitorConfig config(int attempts) {
    return MonitorConfig.defaults().withDelivery(new DeliverySettings(Duration.ofMillis(700), attempts, Duration.ofMillis(20),
        Duration.ofMillis(100), Duration.ofMinutes(2), Duration.ofMinutes(30)));
  }

  Pipeline.Result run(String rulesYaml, Map<String, String> env, MonitorConfig cfg) throws Exception {
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    for (var f : events().entrySet()) {
      Files.write(in.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
    }
    RuleSet rules = RuleSet.parse(rulesYaml, cfg.windowNames(), "test rules", env::get);
    return Pipeline.run(in, dir.resolve("out"), cfg, rules, new Configuration());
  }

  static List<JsonNode> json(List<Receiver.Request> rs) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (Receiver.Request r : rs) {
      out.add(Pipeline.JSON.readTree(r.body()));
    }
    return out;
  }

  @Test
  void everySubscriberTypeGetsItsFormat() throws Exception {
    try (Receiver rx = new Receiver()) {
      String robotOk = "{\"errcode\":0,\"errmsg\":\"ok\"}";
      rx.on("/wecom", Answer.ok(robotOk)).on("/ding", Answer.ok(robotOk));
      Map<String, String> env = Map.of("HOOK_TOKEN", "Bearer tok-123456", "WECOM_URL", rx.url("/wecom") + "?key=wk-7d2f9a",
          "DING_URL", rx.url("/ding") + "?access_token=dt-5e1b", "DING_SECRET", ROBOT_SECRET);
      String subs = """
            hook: {type: webhook, url: %s, headers: {Authorization: "${HOOK_TOKEN}"}}
            am: {type: alertmanager, urls: [%s, %s]}
            wecom-legal: {type: wecom, url: "${WECOM_URL}"}
            ding-ops: {type: dingtalk, url: "${DING_URL}", secret: "${DING_SECRET}"}
          """.formatted(rx.url("/hook"), rx.url("/am1/api/v2/alerts"), rx.url("/am2/api/v2/alerts"));
      Pipeline.Result r = run(rules(subs, "ops, hook, am, wecom-legal, ding-ops"), env, config(3));

      List<String> alertLines = Files.readAllLines(r.out().resolve("alerts.jsonl"));
      assertThat(r.alerts()).extracting(a -> a.get("state").asText() + " " + a.get("at").asText())
          .containsExactly("FIRING 2026-10-16T01:00:00+08:00", "RESOLVED 2026-10-17T01:00:00+08:00");
      String fp = r.alerts().get(0).get("fingerprint").asText();

      // webhook: each alert record as alerts.jsonl has it, with its idempotency key and the configured header
      List<Receiver.Request> hook = rx.at("/hook");
      assertThat(hook).extracting(Receiver.Request::body).containsExactlyElementsOf(alertLines);
      assertThat(hook).extracting(h -> h.headers().get("idempotency-key")).containsExactly(
          fp + ":FIRING:2026-10-16T01:00:00+08:00", fp + ":RESOLVED:2026-10-17T01:00:00+08:00");
      assertThat(hook).allSatisfy(h -> assertThat(h.headers().get("authorization")).isEqualTo("Bearer tok-123456"));

      // Alertmanager: both of the pair get both transitions; labels, annotations, startsAt, endsAt
      for (String am : List.of("/am1/api/v2/alerts", "/am2/api/v2/alerts")) {
        List<JsonNode> posts = json(rx.at(am));
        assertThat(posts).hasSize(2);
        JsonNode firing = posts.get(0).get(0);
        assertThat(firing.get("labels").toString()).isEqualTo("{\"alertname\":\"closure-low\",\"severity\":\"critical\","
            + "\"metric\":\"hotline.ontime_closure_rate\",\"window\":\"sliding_24h\",\"scopeLevel\":\"all\",\"scope\":\"all\"}");
        assertThat(firing.get("annotations").get("summary").asText()).isEqualTo("全部 近24小时12345按期办结率 75.0%（4件）低于 90%");
        assertThat(firing.get("annotations").get("description").asText())
            .isEqualTo("value 75.0% (3/4, Wilson 95% 30.1%–95.5%), threshold 90%, active since 2026-10-16T00:00:00+08:00");
        assertThat(firing.get("startsAt").asText()).isEqualTo("2026-10-15T16:00:00Z");
        assertThat(java.time.Instant.parse(firing.get("endsAt").asText())).as("valid while re-sent: 4 x 30 min ahead")
            .isAfter(java.time.Instant.now().plus(Duration.ofMinutes(100)));
        JsonNode resolved = posts.get(1).get(0);
        assertThat(resolved.get("labels")).isEqualTo(firing.get("labels"));
        assertThat(resolved.get("startsAt").asText()).isEqualTo("2026-10-15T16:00:00Z");
        assertThat(resolved.get("endsAt").asText()).isEqualTo("2026-10-16T17:00:00Z");
      }

      // WeCom: markdown a person reads
      List<JsonNode> wecom = json(rx.at("/wecom"));
      assertThat(rx.at("/wecom")).allSatisfy(q -> assertThat(q.query()).isEqualTo("key=wk-7d2f9a"));
      assertThat(wecom).hasSize(2);
      assertThat(wecom.get(0).get("msgtype").asText()).isEqualTo("markdown");
      assertThat(wecom.get(0).get("markdown").get("content").asText()).isEqualTo("""
          ### 法治政府运行监测：1 项告警
          
          **▲ 告警｜严重** 全部
          > 近24小时12345按期办结率 **75.0%**（3/4件，区间 30.1%–95.5%）
          > 低于阈值 90%，自 10月16日 00:00 起
          > 规则 closure-low
          
          数据截至 10月16日 01:00 · 编号\s""" + fp.substring(0, 12));
      assertThat(wecom.get(1).get("markdown").get("content").asText()).startsWith("""
          ### 法治政府运行监测：1 项恢复
          
          **▼ 已恢复** 全部
          > 近24小时12345按期办结率 回到 **100.0%**（4/4件，区间 51.0%–100.0%）
          > 持续 1天1小时（10月16日 00:00 至 10月17日 01:00）
          > 规则 closure-low""");

      // DingTalk: the same text, titled, and signed with the secret (加签)
      List<Receiver.Request> ding = rx.at("/ding");
      assertThat(ding).hasSize(2);
      JsonNode d0 = Pipeline.JSON.readTree(ding.get(0).body());
      assertThat(d0.get("markdown").get("title").asText()).isEqualTo("法治政府运行监测：1 项告警");
      assertThat(d0.get("markdown").get("text").asText()).isEqualTo(wecom.get(0).get("markdown").get("content").asText());
      for (Receiver.Request q : ding) {
        Map<String, String> p = query(q.query());
        assertThat(p.get("access_token")).isEqualTo("dt-5e1b");
        long ts = Long.parseLong(p.get("timestamp"));
        assertThat(Math.abs(System.currentTimeMillis() - ts)).as("signed now").isLessThan(120_000);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(ROBOT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal((ts + "\n" + ROBOT_SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(p.get("sign")).isEqualTo(expected);
      }

      // the delivery log: every message, delivered at the first attempt; the summary counts them
      List<JsonNode> log = Pipeline.read(r.out().resolve("deliveries.jsonl"));
      assertThat(log).extracting(l -> l.get("target").asText() + " " + l.get("outcome").asText() + " " + l.get("attempts").asInt())
          .containsExactlyInAnyOrder("hook DELIVERED 1", "hook DELIVERED 1", "am#0 DELIVERED 1", "am#0 DELIVERED 1",
              "am#1 DELIVERED 1", "am#1 DELIVERED 1", "wecom-legal DELIVERED 1", "wecom-legal DELIVERED 1",
              "ding-ops DELIVERED 1", "ding-ops DELIVERED 1");
      assertThat(r.summary().deliveries()).isEqualTo(Map.of("hook", Map.of("DELIVERED", 2L), "am", Map.of("DELIVERED", 4L),
          "wecom-legal", Map.of("DELIVERED", 2L), "ding-ops", Map.of("DELIVERED", 2L)));
      String everything = Files.readString(r.out().resolve("deliveries.jsonl")) + Files.readString(r.out().resolve("summary.json"));
      assertThat(everything).doesNotContain("tok-123456").doesNotContain("wk-7d2f9a").doesNotContain("dt-5e1b")
          .doesNotContain(ROBOT_SECRET);
    }
  }

  @Test
  void aReceiverThatFailsThenTimesOutThenRecoversGetsEveryAlertAndTheLogSaysSo() throws Exception {
    try (Receiver rx = new Receiver()) {
      rx.on("/flaky", Answer.ok(""), new Answer(500, "busy", 0), new Answer(503, "", 0), new Answer(200, "", 2_000));
      rx.on("/down", new Answer(500, "database unavailable", 0));
      rx.on("/gone", new Answer(404, "no such hook", 0));
      String subs = """
            flaky: {type: webhook, url: %s}
            down: {type: webhook, url: "%s?token=t0k-99"}
            gone: {type: webhook, url: %s}
          """.formatted(rx.url("/flaky"), rx.url("/down"), rx.url("/gone"));
      Pipeline.Result r = run(rules(subs, "flaky, down, gone"), Map.of(), config(5));

      // flaky: 500, 503, no answer in time, then accepted — the FIRING once delivered after 4 attempts
      List<Receiver.Request> flaky = rx.at("/flaky");
      String firingKey = r.alerts().get(0).get("fingerprint").asText() + ":FIRING:2026-10-16T01:00:00+08:00";
      assertThat(flaky).filteredOn(q -> q.headers().get("idempotency-key").equals(firingKey)).as("the same key on every try")
          .hasSize(4);
      List<JsonNode> log = Pipeline.read(r.out().resolve("deliveries.jsonl"));
      assertThat(log).filteredOn(l -> l.get("subscriber").asText().equals("flaky"))
          .extracting(l -> l.get("idempotencyKey").asText().split(":")[1] + " " + l.get("outcome").asText() + " "
              + l.get("attempts").asInt())
          .containsExactlyInAnyOrder("FIRING DELIVERED 4", "RESOLVED DELIVERED 1");
      // down: five attempts, then kept as FAILED with its last error (no token in it)
      assertThat(log).filteredOn(l -> l.get("subscriber").asText().equals("down")).hasSize(2).allSatisfy(l -> {
        assertThat(l.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(l.get("attempts").asInt()).isEqualTo(5);
        assertThat(l.get("status").asInt()).isEqualTo(500);
        assertThat(l.get("error").asText()).isEqualTo("gave up after 5 attempts; last: HTTP 500: database unavailable");
      });
      assertThat(rx.at("/down")).hasSize(10);
      // gone: a 404 does not heal by retrying
      assertThat(log).filteredOn(l -> l.get("subscriber").asText().equals("gone"))
          .extracting(l -> l.get("outcome").asText() + " " + l.get("attempts").asInt() + " " + l.get("error").asText())
          .containsExactly("FAILED 1 HTTP 404: no such hook", "FAILED 1 HTTP 404: no such hook");
      assertThat(r.summary().deliveries()).isEqualTo(Map.of("flaky", Map.of("DELIVERED", 2L), "down", Map.of("FAILED", 2L),
          "gone", Map.of("FAILED", 2L)));
      assertThat(r.summary().reconciles()).isTrue();
    }
  }

  @Test
  void notifyTestSendsOneMarkedMessageAndSaysWhatTheReceiverAnswered() throws Exception {
    try (Receiver rx = new Receiver()) {
      rx.on("/wecom", Answer.ok("{\"errcode\":0,\"errmsg\":\"ok\"}"));
      rx.on("/ding", Answer.ok("{\"errcode\":310000,\"errmsg\":\"sign not match\"}"));
      Path rules = dir.resolve("rules.yaml");
      Files.writeString(rules, rules("""
            wecom-legal: {type: wecom, url: "%s?key=wk-1"}
            ding-ops: {type: dingtalk, url: "%s?access_token=dt-2", secret: wrong}
          """.formatted(rx.url("/wecom"), rx.url("/ding")), "ops, wecom-legal, ding-ops"));
      var out = new java.io.ByteArrayOutputStream();
      var old = System.out;
      int ok;
      int refused;
      try {
        System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        ok = Main.execute("notify-test", "--rules", rules.toString(), "--subscriber", "wecom-legal");
        refused = Main.execute("notify-test", "--rules", rules.toString(), "--subscriber", "ding-ops");
      } finally {
        System.setOut(old);
      }
      String printed = out.toString(StandardCharsets.UTF_8);
      assertThat(ok).isZero();
      assertThat(refused).isEqualTo(1);
      assertThat(printed).contains("wecom-legal (wecom, http://127.0.0.1:").contains("HTTP 200 {\"errcode\":0,\"errmsg\":\"ok\"}")
          .contains("accepted: the test message was delivered.")
          .contains("not accepted: errcode 310000: sign not match (an alert would not be retried)")
          .doesNotContain("wk-1").doesNotContain("dt-2");
      String content = Pipeline.JSON.readTree(rx.at("/wecom").get(0).body()).get("markdown").get("content").asText();
      assertThat(content).startsWith("### 【测试消息】法治政府运行监测\n这是一条测试消息");
    }
  }

  static Map<String, String> query(String q) {
    Map<String, String> out = new java.util.HashMap<>();
    for (String kv : q.split("&")) {
      int i = kv.indexOf('=');
      out.put(kv.substring(0, i), URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
    }
    return out;
  }
}
