package io.lawmonitor.job;

import io.lawmonitor.run.OneMachine;
import io.lawmonitor.run.LocalRun;
import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.Integration;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.io.InputFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** local --follow watches its rules file: an edit is a rule change, validated before it counts. */
@Integration
class RulesFileWatchTest {
  @TempDir
  Path dir;

  @Test
  void editingTheRulesFileWhileFollowingIsARuleChange() throws Exception {
    Path events = dir.resolve("events.jsonl");
    Files.write(events, io.lawmonitor.Fixtures.closureEpisode("HL-F"), StandardCharsets.UTF_8);
    Path rulesFile = dir.resolve("rules.yaml");
    String valid = DeliveryTest.rules("", "ops");
    Files.writeString(rulesFile, valid);
    MonitorConfig cfg = MonitorConfig.defaults();
    RuleSet rules = RuleSet.load(rulesFile, cfg.windowNames());
    Path out = dir.resolve("out");
    Configuration flink = new Configuration();
    flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(300)); // following: files flush at checkpoints
    AtomicReference<Throwable> failed = new AtomicReference<>();
    io.lawmonitor.io.LiveBoard live = io.lawmonitor.io.LiveBoard.open();
    LocalRun.Options o = new LocalRun.Options(InputFiles.expand(List.of(events.toString())), out, cfg, rules,
        WorkCalendar.bundled(), flink, 2, true, 0, OneMachine.background(), live, "live", null, null, rulesFile);
    live.rules(rules);
    try {
      LocalRun.run(o, (job, scan) -> new Thread(() -> {
        try {
          Path changes = out.resolve("rule-changes.jsonl");
          Thread.sleep(1500);
          Files.writeString(rulesFile, valid.replace("clearWhen: above 0.95", "clearWhen: below 0.5"));
          KafkaProductionTest.await("the edit refused", Duration.ofSeconds(30),
              () -> Files.exists(changes) && Files.readString(changes).contains("REJECTED"));
          Files.writeString(rulesFile, valid.replace("fireWhen: below 0.9", "fireWhen: below 0.8"));
          KafkaProductionTest.await("the edit accepted", Duration.ofSeconds(30),
              () -> Files.readString(changes).contains("ACCEPTED"));
          // and the wallboard of this machine colors the figures by the rule now in force
          KafkaProductionTest.await("the board's threshold", Duration.ofSeconds(30),
              () -> live.rules().get(0).fireThreshold() == 0.8);
        } catch (Throwable e) {
          failed.set(e);
        } finally {
          job.cancel();
        }
      }).start());
    } catch (java.util.concurrent.ExecutionException cancelled) {
      // following ends when it is stopped
    } finally {
      live.close();
    }
    if (failed.get() != null) {
      throw new AssertionError(failed.get());
    }
    List<JsonNode> changes = Pipeline.read(out.resolve("rule-changes.jsonl"));
    assertThat(changes).extracting(c -> c.get("outcome").asText() + " " + c.get("origin").asText())
        .containsExactly("REJECTED " + rulesFile, "ACCEPTED " + rulesFile);
    assertThat(changes.get(0).get("detail").asText()).contains("rule 'closure-low': field 'clearWhen'");
    assertThat(changes.get(1).get("detail").asText()).isEqualTo("1 rules in force; added none, changed closure-low, removed none");
  }
}
