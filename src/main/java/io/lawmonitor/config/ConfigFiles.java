package io.lawmonitor.config;

import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.calendar.WorkCalendar;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;

/** What every mode reads at start-up: the job config, the rules, the calendar and Flink's config. */
public final class ConfigFiles {
  private ConfigFiles() {}

  public static final Path CONF_DIR = Path.of("flink-conf");
  /** How long before the calendar runs out that a run starts warning. */
  static final int CALENDAR_WARNING_DAYS = 60;

  public static MonitorConfig config(Path file) {
    if (file != null) {
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException("cannot read config file " + file);
      }
      return MonitorConfig.load(file);
    }
    Path dflt = CONF_DIR.resolve("monitor.yaml");
    return Files.isReadable(dflt) ? MonitorConfig.load(dflt) : MonitorConfig.defaults();
  }

  /** The rules file a run reads: the one named, else the config's, else flink-conf/alert-rules.yaml; null for the bundled rules. */
  public static Path rulesFile(Path file, MonitorConfig config) {
    if (file == null && config.rulesFile() != null) {
      file = Path.of(config.rulesFile());
    }
    if (file == null && Files.isReadable(CONF_DIR.resolve("alert-rules.yaml"))) {
      file = CONF_DIR.resolve("alert-rules.yaml");
    }
    return file;
  }

  /** The rules a job starts with, checked against what its config computes. */
  public static RuleSet rules(Path file, MonitorConfig config) {
    file = rulesFile(file, config);
    RuleSet rules = unchecked(file, config);
    RuleSet.requireComputed(rules, config.scopeLevels(), config.metrics(), file == null ? "bundled alert-rules.yaml" : file.toString());
    return rules;
  }

  private static RuleSet unchecked(Path file, MonitorConfig config) {
    if (file != null) {
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException("cannot read rules file " + file);
      }
      return RuleSet.load(file, config.windowNames());
    }
    try (InputStream in = ConfigFiles.class.getResourceAsStream("/defaults/alert-rules.yaml")) {
      if (in == null) {
        return RuleSet.empty();
      }
      return RuleSet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), config.windowNames(),
          "bundled alert-rules.yaml");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static WorkCalendar calendar(MonitorConfig config) {
    return config.calendarDir() == null ? WorkCalendar.bundled() : WorkCalendar.fromDirectory(Path.of(config.calendarDir()));
  }

  public static Configuration flinkConfig() {
    if (Files.isReadable(CONF_DIR.resolve("config.yaml"))) {
      return GlobalConfiguration.loadConfiguration(CONF_DIR.toString());
    }
    return new Configuration();
  }

  /**
   * Says loudly when the working-day calendar is about to run out (or has), or when the input
   * reaches past it: from then on, deadlines count weekends only.
   */
  public static void warnCalendar(WorkCalendar calendar, long inputEnd, PrintStream err) {
    LocalDate until = calendar.coveredUntil();
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai")); // the operator's today, outside the graph
    String fix = "add flink-conf/calendars/cn-" + (until == null ? today.getYear() : until.getYear() + 1)
        + ".yaml from the State Council's holiday notice (published each November or December) and point"
        + " calendar.dir in flink-conf/monitor.yaml at that folder";
    if (until == null) {
      err.println("WARNING: the working-day calendar covers no year; deadlines count weekends only. To fix: " + fix + ".");
      return;
    }
    if (!today.isBefore(until.minusDays(CALENDAR_WARNING_DAYS))) {
      err.println("WARNING: the working-day calendar covers " + calendar.coveredYears() + " and ends " + until
          + (today.isAfter(until) ? " (already past)" : " (in " + (until.toEpochDay() - today.toEpochDay() + 1)
          + " days)") + "; after it, deadlines count weekends only. To fix: " + fix + ".");
    }
    if (inputEnd != Long.MAX_VALUE && inputEnd != Long.MIN_VALUE) {
      LocalDate last = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(inputEnd), ZoneId.of("Asia/Shanghai"));
      if (last.isAfter(until)) {
        err.println("WARNING: the input runs to " + last + ", past the calendar (ends " + until
            + "): deadlines there count weekends only.");
      }
    }
  }
}
