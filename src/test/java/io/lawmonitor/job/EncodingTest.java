package io.lawmonitor.job;

import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.Integration;
import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.alerts.RuleSet;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports in GB18030 (as Chinese government systems often write them) read as such, or refused line by line. */
@Integration
class EncodingTest {
  @TempDir
  Path dir;

  @Test
  void aGb18030ExportGivesTheFiguresOfItsUtf8TwinAndReadAsUtf8EachChineseLineIsABadEncodingDeadLetter() throws Exception {
    List<String> events = io.lawmonitor.Fixtures.closureEpisode("HL-E");
    Path utf8 = dir.resolve("utf8");
    Path gb = dir.resolve("gb");
    Files.createDirectories(utf8);
    Files.createDirectories(gb);
    Files.write(utf8.resolve("events.jsonl"), events, StandardCharsets.UTF_8);
    Files.write(gb.resolve("events.jsonl"), events, Charset.forName("GB18030"));
    MonitorConfig cfg = MonitorConfig.defaults();
    RuleSet rules = RuleSet.parse(DeliveryTest.rules("", "ops"), cfg.windowNames(), "test rules");

    Pipeline.Result asUtf8 = Pipeline.run(utf8, dir.resolve("out-utf8"), cfg, rules, new Configuration(), false, null);
    Pipeline.Result asGb = Pipeline.run(gb, dir.resolve("out-gb"), cfg, rules, new Configuration(), false, "GB18030");
    assertThat(asGb.summary().eventsUsed()).isEqualTo(events.size());
    assertThat(Files.readAllLines(asGb.out().resolve("metrics.jsonl")))
        .isEqualTo(Files.readAllLines(asUtf8.out().resolve("metrics.jsonl")));
    assertThat(Files.readAllLines(asGb.out().resolve("alerts.jsonl")))
        .isEqualTo(Files.readAllLines(asUtf8.out().resolve("alerts.jsonl")))
        .hasSize(2);

    Pipeline.Result wrong = Pipeline.run(gb, dir.resolve("out-wrong"), cfg, rules, new Configuration(), false, null);
    long chinese = events.stream().filter(e -> e.chars().anyMatch(c -> c > 127)).count();
    assertThat(chinese).isPositive();
    assertThat(wrong.summary().deadLetters()).isEqualTo(chinese);
    assertThat(wrong.summary().eventsRead()).isEqualTo(events.size());
    assertThat(wrong.deadLetters()).extracting(d -> d.get("reason").asText() + " " + d.get("detail").asText())
        .containsOnly("BAD_ENCODING not UTF-8 text");
    assertThat(wrong.deadLetters()).extracting(d -> d.get("origin").asText()).allMatch(o -> o.matches("events\\.jsonl:\\d+"));
    // nothing made of replacement characters reaches the figures
    assertThat(Files.readString(wrong.out().resolve("metrics.jsonl"))).doesNotContain("\uFFFD");
  }
}
