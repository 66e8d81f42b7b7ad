package io.lawmonitor.job;

import io.lawmonitor.Integration;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backtest: two rule files over the same history, whose difference is known in advance. */
@Integration
class BacktestTest {
  @TempDir
  Path dir;

  static String rule(String id, String level, double fireBelow, int forWindows) {
    return rule(id, level, fireBelow, forWindows, 1);
  }

  static String rule(String id, String level, double fireBelow, int forWindows, int minSample) {
    return """
          - id: %s
            metric: hotline.ontime_closure_rate
            window: sliding_24h
            scopeLevel: %s
            fireWhen: below %s
            clearWhen: above 0.95
            minSample: %d
            confidence: 0
            for: %d
            severity: critical
        """.formatted(id, level, fireBelow, minSample, forWindows);
  }

  @Test
  void onlyUnderA_onlyUnderB_andTheSameAlertAnHourLaterAreToldApart() throws Exception {
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    Files.write(in.resolve("events.jsonl"), io.lawmonitor.Fixtures.closureEpisode("HL-T"));
    // the episode, in the 24 h to each hour: 3 of 4 on time to Oct 16 01:00 .. 10:00; then 0 of 1 (the
    // late one alone) to 11:00 .. 14:00; 4 of 5 to 15:00 .. Oct 17 00:00; 4 of 4 to Oct 17 01:00
    Path a = dir.resolve("a.yaml");
    Files.writeString(a, "rules:\n" + rule("closure-low", "all", 0.9, 1) + rule("closure-strict", "all", 0.8, 1));
    Path b = dir.resolve("b.yaml");
    Files.writeString(b, "rules:\n" + rule("closure-low", "all", 0.9, 2) + rule("closure-strict", "all", 0.7, 1, 2)
        + rule("closure-district", "district", 0.9, 1));

    CliTest.Run r = CliTest.run("backtest", "--events", in.toString(), "--rules", a.toString(), "--against", b.toString(),
        "--out", dir.resolve("out").toString(), "--quiet", "--state-backend", "hashmap");
    assertThat(r.code()).as(r.err()).isZero();

    JsonNode bt = Pipeline.JSON.readTree(dir.resolve("out/backtest.json").toFile());
    assertThat(bt.get("a").get("alerts").asInt()).isEqualTo(2);
    assertThat(bt.get("b").get("alerts").asInt()).isEqualTo(2);
    assertThat(bt.get("totals").toString()).isEqualTo("{\"SAME\":0,\"SHIFTED\":1,\"ONLY_A\":1,\"ONLY_B\":1}");
    assertThat(bt.get("alerts")).extracting(x -> x.get("kind").asText() + " " + x.get("rule").asText() + " "
            + x.get("scope").asText())
        .containsExactlyInAnyOrder("SHIFTED closure-low all", "ONLY_A closure-strict all",
            "ONLY_B closure-district 宜昌市/西陵区");
    JsonNode shifted = bt.get("alerts").findParents("kind").stream()
        .filter(x -> x.get("kind").asText().equals("SHIFTED")).findFirst().orElseThrow();
    // for: 2 fires one window later and, recovery needing no streak, ends with it
    assertThat(shifted.get("startShiftMinutes").asLong()).isEqualTo(60);
    assertThat(shifted.get("endShiftMinutes").asLong()).isZero();
    assertThat(shifted.get("a").get("firing").asText()).isEqualTo("2026-10-16T01:00:00+08:00");
    assertThat(shifted.get("b").get("firing").asText()).isEqualTo("2026-10-16T02:00:00+08:00");
    assertThat(shifted.get("a").get("resolved").asText()).isEqualTo("2026-10-17T01:00:00+08:00");

    assertThat(r.out()).contains("Alerts: A (a.yaml) 2, B (b.yaml) 2")
        .contains("only A   closure-strict all: 2026-10-16 01:00 → 2026-10-17 01:00")
        .contains("only B   closure-district 宜昌市/西陵区: 2026-10-16 01:00 → 2026-10-17 01:00")
        .contains("shifted  closure-low all: A 2026-10-16 01:00 → 2026-10-17 01:00; B starts 1 h later, ends the same");
    // each run's own records, as replay writes them
    assertThat(Files.readString(dir.resolve("out/a/alerts.jsonl"))).contains("\"mode\":\"replay\"");
    assertThat(Files.exists(dir.resolve("out/b/summary.json"))).isTrue();
  }
}
