package io.lawmonitor.job;

import io.lawmonitor.config.ConfigFiles;
import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.calendar.WorkCalendar;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The job settings and alert rules a command runs with: one set of options for every command that runs the job. */
public final class JobFiles {
  @Option(names = "--config", paramLabel = "FILE", description = "job settings (default: flink-conf/monitor.yaml if present)")
  Path config;

  @Option(names = "--rules", paramLabel = "FILE", description = "alert rules (default: the config's, else flink-conf/alert-rules.yaml)")
  Path rules;

  /** What was read, validated. */
  record Loaded(MonitorConfig config, RuleSet rules, WorkCalendar calendar, Path rulesFile) {}

  /** Reads and validates the files; what is wrong is a usage error naming the file and the field. */
  Loaded load(CommandLine cmd) {
    return load(cmd, c -> c);
  }

  /** The same, with the rules read against the windows of {@code cfg} (a run that adds windows). */
  Loaded load(CommandLine cmd, java.util.function.UnaryOperator<MonitorConfig> adjust) {
    try {
      MonitorConfig cfg = adjust.apply(ConfigFiles.config(config));
      return new Loaded(cfg, ConfigFiles.rules(rules, cfg), ConfigFiles.calendar(cfg), ConfigFiles.rulesFile(rules, cfg));
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new CommandLine.ParameterException(cmd, e.getMessage());
    }
  }
}
