package io.lawmonitor.job;

import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.io.FileReading;
import io.lawmonitor.io.InputFiles;
import io.lawmonitor.metrics.WindowKind;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What a run over history takes besides its files and rules: the period, the windows, the order
 * the files are read in, and how it runs. Shared by {@code replay} and {@code backtest}, and
 * the one place that runs history through the graph for them.
 */
public final class ReplayOptions {
  static final ZoneId CST = ZoneId.of("Asia/Shanghai");
  /**
   * A file with more of its lines than this share (and more than {@link #OUT_OF_ORDER_LINES}) far
   * behind the time before them is not in event-time order; a few such lines are a live feed's
   * late events.
   */
  static final double OUT_OF_ORDER_SHARE = 0.01;
  static final long OUT_OF_ORDER_LINES = 2;

  @Option(names = "--from", paramLabel = "TIME",
      description = "only events at or after this time: 2026-01-01 (a day, Beijing time), 2026-01-01T08:00 or with its offset")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "only events before this time (same forms as --from)")
  String to;

  @Option(names = "--windows", paramLabel = "W,W", split = ",",
      description = "the windows to compute: sliding_24h, day_to_date, month, year (default: the config's)")
  List<String> windows;

  @Option(names = "--order", paramLabel = "auto|file|time", defaultValue = "auto",
      description = "auto (default): a file far from event-time order (an export grouped by case) is put in order first,"
          + " one in order is read as it is, its late events late as they were live; file: each as it is;"
          + " time: each put in order")
  String order;

  @Option(names = "--state-backend", paramLabel = "rocksdb|hashmap",
      description = "where keyed state lives; default: as flink-conf/config.yaml says (rocksdb)")
  String stateBackend;

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "2", description = "parallelism (default: ${DEFAULT-VALUE})")
  int parallelism;

  @Option(names = "--quiet", description = "no progress lines; only the summary")
  boolean quiet;

  /** The files, settings and rules, and how the files are read: checked, ready to run. */
  record Prepared(List<String> files, JobFiles.Loaded job, FileReading reading, String from, String to) {
    String describe() {
      return files.size() + " input file(s)"
          + (reading.ranged() ? ", events " + (from == null ? "" : "from " + from + " ") + (to == null ? "" : "before " + to) : "")
          + ", windows " + String.join(", ", job.config().windowNames());
    }
  }

  Prepared prepare(CommandLine cmd, EventFiles eventFiles, JobFiles jobFiles, PrintStream err) {
    if (!List.of("auto", "file", "time").contains(order)) {
      throw new CommandLine.ParameterException(cmd, "--order is auto, file or time, not " + order);
    }
    if (stateBackend != null && !stateBackend.equals("rocksdb") && !stateBackend.equals("hashmap")) {
      throw new CommandLine.ParameterException(cmd, "--state-backend is rocksdb or hashmap, not " + stateBackend);
    }
    if (parallelism < 1) {
      throw new CommandLine.ParameterException(cmd, "--parallelism must be 1 or more");
    }
    List<WindowKind> kinds = windows == null ? null : windowKinds(cmd, windows);
    long fromMillis = from == null ? Long.MIN_VALUE : time(cmd, "--from", from);
    long toMillis = to == null ? Long.MAX_VALUE : time(cmd, "--to", to);
    if (fromMillis >= toMillis) {
      throw new CommandLine.ParameterException(cmd, "--from must come before --to");
    }
    List<String> files = eventFiles.files(cmd);
    JobFiles.Loaded job = jobFiles.load(cmd, c -> kinds == null ? c : c.withWindows(kinds));
    FileReading reading = eventFiles.reading().between(fromMillis, toMillis);
    List<String> sort = new ArrayList<>();
    for (String f : files) {
      boolean sortIt = order.equals("time");
      if (order.equals("auto")) {
        long[] d = InputFiles.disorder(f, reading, job.config().allowedLateness().toMillis());
        sortIt = d[0] > OUT_OF_ORDER_LINES && d[0] > d[1] * OUT_OF_ORDER_SHARE;
        if (sortIt) {
          err.printf(Locale.ROOT, "%s: %,d of its %,d events lie more than %s behind an earlier line: put in event-time"
              + " order first (--order file reads it as it is)%n", Path.of(f).getFileName(), d[0], d[1],
              Durations.format(job.config().allowedLateness()));
        }
      }
      if (sortIt) {
        sort.add(f);
      }
    }
    return new Prepared(files, job, reading.sorting(sort), from, to);
  }

  /** Runs the history under {@code rules} into {@code out}, with progress on {@code err}; prints the closing lines. */
  Summary run(Prepared p, RuleSet rules, Path out, PrintStream stdout, PrintStream err, String label) throws Exception {
    LocalRun.Options o = new LocalRun.Options(p.files(), out, p.job().config(), rules, p.job().calendar(),
        Startup.flinkConfig(), parallelism, false, 0, OneMachine.background(), false, "replay", p.reading(), stateBackend,
        null);
    long[] outside = {0};
    Summary s = LocalRun.run(o, (client, scan) -> {
      outside[0] = scan.outside();
      if (!quiet) {
        ProgressLine.watch(client, scan, err, label, 5000);
      }
    });
    stdout.println(s.closing());
    if (outside[0] > 0) {
      stdout.printf(Locale.ROOT, "%,d lines with an event time outside the period were passed over.%n", outside[0]);
    }
    return s;
  }

  static List<WindowKind> windowKinds(CommandLine cmd, List<String> names) {
    List<WindowKind> kinds = new ArrayList<>();
    for (String n : names) {
      WindowKind k = WindowKind.fromWire(n.trim());
      if (k == null) {
        throw new CommandLine.ParameterException(cmd, "--windows: unknown window '" + n + "' (sliding_24h, day_to_date,"
            + " month, year)");
      }
      if (!kinds.contains(k)) {
        kinds.add(k);
      }
    }
    return kinds;
  }

  /** A day (its start, Beijing time), a local date-time (Beijing time) or a date-time with its offset. */
  static long time(CommandLine cmd, String flag, String text) {
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(CST).toInstant().toEpochMilli();
      }
      if (text.matches(".*([+-]\\d\\d:\\d\\d|Z)$")) {
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
      }
      return LocalDateTime.parse(text).atZone(CST).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(cmd, flag + ": '" + text + "' is not a time (2026-01-01,"
          + " 2026-01-01T08:00 or 2026-01-01T08:00:00+08:00)");
    }
  }
}
