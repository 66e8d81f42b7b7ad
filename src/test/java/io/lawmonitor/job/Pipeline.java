package io.lawmonitor.job;

import io.lawmonitor.run.Summary;
import io.lawmonitor.run.OneMachine;
import io.lawmonitor.run.LocalRun;
import io.lawmonitor.config.MonitorConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.io.InputFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/** Runs the real graph on crafted files at parallelism 2 and reads back what it wrote. */
final class Pipeline {
  static final ObjectMapper JSON = new ObjectMapper();

  record Result(Path out, Summary summary, List<JsonNode> metrics, List<JsonNode> alerts, List<JsonNode> deadLetters,
      List<JsonNode> lateEvents) {

    /** The newest revision of one figure, or null. */
    JsonNode metric(String metric, String window, String scope, String windowEnd) {
      JsonNode best = null;
      for (JsonNode m : metrics) {
        if (m.get("metric").asText().equals(metric) && m.get("window").asText().equals(window)
            && m.get("scope").asText().equals(scope) && m.get("windowEnd").asText().equals(windowEnd + ":00+08:00")
            && (best == null || m.get("revision").asInt() > best.get("revision").asInt())) {
          best = m;
        }
      }
      return best;
    }

    List<JsonNode> all(String metric, String window, String scope, String windowEnd) {
      return metrics.stream().filter(m -> m.get("metric").asText().equals(metric) && m.get("window").asText().equals(window)
          && m.get("scope").asText().equals(scope) && m.get("windowEnd").asText().equals(windowEnd + ":00+08:00")).toList();
    }
  }

  static Result run(Path dir, Map<String, List<String>> files, String rulesYaml) throws Exception {
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    for (var f : files.entrySet()) {
      Files.write(in.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
    }
    MonitorConfig cfg = MonitorConfig.defaults();
    RuleSet rules = rulesYaml == null ? RuleSet.empty() : RuleSet.parse(rulesYaml, cfg.windowNames(), "test rules");
    return run(in, dir.resolve("out"), cfg, rules, new Configuration());
  }

  static Result run(Path in, Path out, MonitorConfig cfg, RuleSet rules, Configuration flink) throws Exception {
    return run(in, out, cfg, rules, flink, false);
  }

  static Result run(Path in, Path out, MonitorConfig cfg, RuleSet rules, Configuration flink, boolean sorted)
      throws Exception {
    return run(in, out, cfg, rules, flink, sorted, null);
  }

  /** @param encoding the input's encoding (null: UTF-8) */
  static Result run(Path in, Path out, MonitorConfig cfg, RuleSet rules, Configuration flink, boolean sorted,
      String encoding) throws Exception {
    Summary s = LocalRun.run(new LocalRun.Options(InputFiles.expand(List.of(in.toString())), out, cfg, rules,
        WorkCalendar.bundled(), flink, 2, false, 0, OneMachine.background(), null, "live",
        io.lawmonitor.io.FileReading.defaults().withEncoding(encoding == null ? "UTF-8" : encoding)
            .sorting(sorted ? InputFiles.expand(List.of(in.toString())) : List.of()), null, null),
        null);
    // a large run's metrics are not parsed here: read the file as a stream where they are needed
    Path metrics = out.resolve("metrics.jsonl");
    List<JsonNode> m = Files.size(metrics) > 20_000_000 ? List.of() : read(metrics);
    return new Result(out, s, m, read(out.resolve("alerts.jsonl")),
        read(out.resolve("dead-letters.jsonl")), read(out.resolve("late-events.jsonl")));
  }

  static List<JsonNode> read(Path f) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    if (Files.exists(f)) {
      for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        if (!l.isBlank()) {
          out.add(JSON.readTree(l));
        }
      }
    }
    return out;
  }

  private Pipeline() {}
}
