package io.lawmonitor.job;

import io.lawmonitor.Integration;
import static io.lawmonitor.Fixtures.hotline;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A followed input has no end: the operator stops the monitor with SIGTERM (or Ctrl-C). The job
 * stops cleanly (through a savepoint it does not keep), its outputs are whole and hold every
 * record it counted, and summary.json says what was still in flight.
 */
@Integration
class FollowStopTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void sigtermStopsWithWholeOutputsAndASummary() throws Exception {
    Path events = dir.resolve("events.jsonl");
    // 09:00 and 10:00 are passed by the watermark once 12:00 is read (12:00 less 5 minutes); 12:00 is not
    Files.write(events, List.of(
        hotline("HL-S1").received("2026-10-12T09:00").attr("kind", "HELP").json(),
        hotline("HL-S2").received("2026-10-12T10:00").attr("kind", "HELP").json(),
        hotline("HL-S3").received("2026-10-12T12:00").attr("kind", "HELP").json()));
    Path out = dir.resolve("out");
    int web = Child.freePort();
    try (Child c = Child.start(dir.resolve("logs"), "follow", Map.of(), false, "local", "--follow", "--quiet",
        "--events", events.toString(), "--out", out.toString(), "--state-dir", dir.resolve("state").toString(),
        "--web-ui-port", String.valueOf(web))) {
      KafkaProductionTest.await("two events used", Duration.ofSeconds(90), () -> {
        if (!c.process.isAlive()) {
          throw new AssertionError("ended: " + c.out() + c.err());
        }
        try {
          return used(web) == 2;
        } catch (java.io.IOException notYet) {
          return false;
        }
      });
      c.process.destroy(); // SIGTERM
      assertThat(c.await(Duration.ofSeconds(60))).as(c.out() + c.err()).isZero();
      assertThat(c.err()).contains("Stopping (SIGTERM)");
      assertThat(c.out()).contains("Stopped in").contains("+ 1 in flight");
    }
    JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(s.get("stopped").asBoolean()).isTrue();
    assertThat(s.get("eventsRead").asLong()).isEqualTo(3);
    assertThat(s.get("eventsUsed").asLong()).isEqualTo(2);
    assertThat(s.get("eventsInFlight").asLong()).isEqualTo(1);
    assertThat(s.get("reconciles").asBoolean()).isTrue();
    // every record counted is in the file, each a whole line: the windows ending 10:00 and 11:00 (and the
    // day so far) of the 12345 received count, at each scope
    List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(s.get("metricRecords").asInt()).isNotEmpty();
    for (String line : lines) {
      assertThat(JSON.readTree(line).get("metric")).as(line).isNotNull();
    }
    assertThat(lines).anyMatch(l -> l.contains("\"metric\":\"hotline.received_count\"")
        && l.contains("\"windowEnd\":\"2026-10-12T11:00:00+08:00\"") && l.contains("\"scopeLevel\":\"all\""));
    try (var saved = Files.walk(dir.resolve("state"))) {
      // a local run does not carry on from a savepoint: the one its stop took is not left behind
      assertThat(saved.noneMatch(p -> p.getFileName().toString().equals("_metadata"))).as("no savepoint left").isTrue();
    }
  }

  /** The job's events used so far, as its web UI reports them (0 until it does). */
  private static long used(int web) throws Exception {
    JsonNode jobs = JSON.readTree(Child.http("GET", "http://127.0.0.1:" + web + "/jobs/overview").body()).get("jobs");
    if (jobs == null || jobs.isEmpty()) {
      return 0;
    }
    JsonNode acc = JSON.readTree(Child.http("GET", "http://127.0.0.1:" + web + "/jobs/" + jobs.get(0).get("jid").asText()
        + "/accumulators").body()).get("user-task-accumulators");
    for (JsonNode a : acc == null ? JSON.createArrayNode() : acc) {
      if (a.get("name").asText().equals(io.lawmonitor.runtime.Accounting.EVENTS_USED)) {
        return Long.parseLong(a.get("value").asText());
      }
    }
    return 0;
  }
}
