package io.lawmonitor.job;

import io.lawmonitor.io.FileReading;
import io.lawmonitor.io.InputFiles;
import io.lawmonitor.metrics.WindowKind;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code replay}: history through the same graph as the live job, giving the records the live job
 * gave (or would have given) for those events, marked {@code "mode":"replay"}.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay history (JSONL exports) through the monitor: the figures and alerts the live job produces for"
        + " those events, marked \"mode\":\"replay\", optionally for a period (--from/--to) and with month and year"
        + " windows (--windows). Exports in another order than event time are put in order first.")
public final class ReplayCommand implements Callable<Integer> {
  static final ZoneId CST = ZoneId.of("Asia/Shanghai");
  /**
   * A file with more of its lines than this share (and more than {@link #OUT_OF_ORDER_LINES}) far
   * behind the time before them is not in event-time order; a few such lines are a live feed's
   * late events.
   */
  static final double OUT_OF_ORDER_SHARE = 0.01;
  static final long OUT_OF_ORDER_LINES = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  EventFiles eventFiles = new EventFiles();

  @CommandLine.Mixin
  JobFiles jobFiles = new JobFiles();

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory")
  Path out;

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

  @Override
  public Integer call() throws Exception {
    PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    CommandLine cmd = spec.commandLine();
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
    reading = reading.sorting(sort);

    stdout.println("Rule-of-law monitor, replay: " + files.size() + " input file(s)"
        + (reading.ranged() ? ", events " + (from == null ? "" : "from " + from + " ") + (to == null ? "" : "before " + to) : "")
        + ", windows " + String.join(", ", job.config().windowNames()) + ", " + job.rules().rules().size()
        + " alert rules, output in " + out.toAbsolutePath());
    LocalRun.Options o = new LocalRun.Options(files, out, job.config(), job.rules(), job.calendar(), Startup.flinkConfig(),
        parallelism, false, 0, OneMachine.background(), false, "replay", reading, stateBackend, null);
    long[] outside = {0};
    Summary s = LocalRun.run(o, (client, scan) -> {
      outside[0] = scan.outside();
      if (!quiet) {
        ProgressLine.watch(client, scan, err, "replay", 5000);
      }
    });
    stdout.println(s.closing());
    if (outside[0] > 0) {
      stdout.printf(Locale.ROOT, "%,d lines with an event time outside the period were passed over.%n", outside[0]);
    }
    stdout.println("Outputs: " + out.toAbsolutePath() + "/{metrics,alerts,dead-letters,late-events,deliveries}.jsonl,"
        + " summary.json");
    return s.reconciles() ? 0 : 1;
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
