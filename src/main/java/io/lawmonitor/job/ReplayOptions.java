package io.lawmonitor.job;

import io.lawmonitor.console.ProgressLine;
import io.lawmonitor.run.Summary;
import io.lawmonitor.run.OneMachine;
import io.lawmonitor.run.KafkaRun;
import io.lawmonitor.run.LocalRun;
import io.lawmonitor.graph.MonitorGraph;
import io.lawmonitor.config.ConfigFiles;
import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.support.Durations;
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

  @Option(names = "--bootstrap-servers", paramLabel = "HOSTS",
      description = "replay the input topics instead of files: all they hold now (topic names and client settings from"
          + " --config), under a consumer group of the replay's own; the outputs go to --out, not to the output topics")
  String bootstrapServers;

  @Option(names = "--from", paramLabel = "TIME",
      description = "only events at or after this time: 2026-01-01 (a day, Beijing time), 2026-01-01T08:00 or with its offset")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "only events before this time (same forms as --from)")
  String to;

  @Option(names = "--windows", paramLabel = "W,W", split = ",",
      description = "the windows to compute: sliding_24h, day_to_date, month, year (default: the config's)")
  List<String> windows;

  @Option(names = "--levels", paramLabel = "L,L", split = ",",
      description = "the scope levels to compute: all, city, district, street, agency (default: the config's, all"
          + " five); all,city,district is what the annual report needs, and a fraction of the work")
  List<String> levels;

  @Option(names = "--metrics", paramLabel = "M,M", split = ",",
      description = "the metrics to compute, by id (default: the config's, all of them); the rules may watch only these")
  List<String> metrics;

  @Option(names = "--order", paramLabel = "auto|file|time", defaultValue = "auto",
      description = "auto (default): a file far from event-time order (an export grouped by case) is put in order first,"
          + " one in order is read as it is, its late events late as they were live; file: each as it is;"
          + " time: each put in order")
  String order;

  @Option(names = "--state-backend", paramLabel = "rocksdb|hashmap", defaultValue = "hashmap",
      description = "where keyed state lives (default: ${DEFAULT-VALUE}: a replay's state is the cases open at"
          + " once, not the history, and it takes no checkpoints; rocksdb for a history with millions open at once)")
  String stateBackend;

  @CommandLine.Mixin
  ParallelismOption parallelismOption = new ParallelismOption();

  @Option(names = "--quiet", description = "no progress lines; only the summary")
  boolean quiet;

  /** The files (none when the topics are replayed), settings and rules, and how the input is read: checked, ready to run. */
  record Prepared(List<String> files, JobFiles.Loaded job, FileReading reading, String from, String to,
      /** Files whose order is judged as they are first read (--order auto). */
      List<String> judged, Scanned scanned, int parallelism) {
    Prepared(List<String> files, JobFiles.Loaded job, FileReading reading, String from, String to, int parallelism) {
      this(files, job, reading, from, to, List.of(), new Scanned(), parallelism);
    }

    String describe() {
      return (files.isEmpty() ? "the topics " + String.join(", ", job.config().kafka().inputTopics()) + " at "
          + job.config().kafka().bootstrapServers() : files.size() + " input file(s)")
          + (reading.ranged() ? ", events " + (from == null ? "" : "from " + from + " ") + (to == null ? "" : "before " + to) : "")
          + ", windows " + String.join(", ", job.config().windowNames())
          + (job.config().scopeLevels().size() < io.lawmonitor.metrics.Scopes.LEVELS.size()
              ? ", levels " + String.join(", ", job.config().scopeLevels()) : "")
          + (job.config().metrics().size() < io.lawmonitor.catalogue.Catalogue.metricIds().size()
              ? ", metrics " + String.join(", ", job.config().metrics()) : "");
    }
  }

  Prepared prepare(CommandLine cmd, EventFiles eventFiles, JobFiles jobFiles, PrintStream err) {
    if (!List.of("auto", "file", "time").contains(order)) {
      throw new CommandLine.ParameterException(cmd, "--order is auto, file or time, not " + order);
    }
    if (stateBackend != null && !stateBackend.equals("rocksdb") && !stateBackend.equals("hashmap")) {
      throw new CommandLine.ParameterException(cmd, "--state-backend is rocksdb or hashmap, not " + stateBackend);
    }
    int parallelism = parallelismOption.resolve(cmd);
    List<WindowKind> kinds = windows == null ? null : windowKinds(cmd, windows);
    long fromMillis = from == null ? Long.MIN_VALUE : time(cmd, "--from", from);
    long toMillis = to == null ? Long.MAX_VALUE : time(cmd, "--to", to);
    if (fromMillis >= toMillis) {
      throw new CommandLine.ParameterException(cmd, "--from must come before --to");
    }
    if (bootstrapServers != null && eventFiles.events != null) {
      throw new CommandLine.ParameterException(cmd, "replay either --events or --bootstrap-servers, not both");
    }
    List<String> files = bootstrapServers != null ? List.of() : eventFiles.files(cmd);
    List<String> levelNames = null;
    if (levels != null) {
      try {
        levelNames = io.lawmonitor.metrics.Scopes.inOrder(levels.stream().map(String::trim).toList());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cmd, "--levels: " + e.getMessage());
      }
    }
    List<String> chosenLevels = levelNames;
    List<String> chosenMetrics;
    try {
      chosenMetrics = metrics == null ? null : io.lawmonitor.catalogue.Catalogue.inOrder(metrics.stream().map(String::trim).toList());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cmd, "--metrics: " + e.getMessage());
    }
    if (chosenMetrics != null && chosenMetrics.isEmpty()) {
      throw new CommandLine.ParameterException(cmd, "--metrics: at least one metric");
    }
    JobFiles.Loaded job = jobFiles.load(cmd, c -> {
      MonitorConfig m = chosenMetrics == null ? c : c.withMetrics(chosenMetrics);
      MonitorConfig l = chosenLevels == null ? m : m.withScopeLevels(chosenLevels);
      MonitorConfig w = kinds == null ? l : l.withWindows(kinds);
      return bootstrapServers == null ? w : w.withKafka(w.kafka().withBootstrapServers(bootstrapServers)
          .forReplay(w.kafka().groupId() + "-replay-" + System.currentTimeMillis()));
    });
    FileReading reading = eventFiles.reading().between(fromMillis, toMillis);
    if (bootstrapServers != null) {
      io.lawmonitor.io.KafkaSettings k = job.config().kafka();
      try {
        java.util.Set<String> missing = io.lawmonitor.io.KafkaClients.check(k, k.inputTopics(), java.time.Duration.ofSeconds(30));
        if (!missing.isEmpty()) {
          throw new CommandLine.ParameterException(cmd, "Kafka at " + k.bootstrapServers() + " has no topic "
              + String.join(", ", missing) + " (is --config's kafka.topics the live job's?)");
        }
      } catch (io.lawmonitor.io.KafkaClients.Unavailable e) {
        throw new CommandLine.ParameterException(cmd, e.getMessage());
      }
      return new Prepared(files, job, reading, from, to, parallelism);
    }
    return new Prepared(files, job, order.equals("time") ? reading.sorting(files) : reading, from, to,
        order.equals("auto") ? files : List.of(), new Scanned(), parallelism);
  }

  /** The input's files read once before their first run (a backtest runs them twice), and what that found. */
  static final class Scanned {
    private InputFiles.Scan scan;

    synchronized InputFiles.Scan of(Prepared p, PrintStream err) {
      if (scan == null) {
        MonitorConfig c = p.job().config();
        scan = LocalRun.scan(c, p.files(), p.reading(),
            new InputFiles.OrderJudge(p.judged(), c.allowedLateness().toMillis(), (f, d) -> {
              boolean sortIt = d[0] > OUT_OF_ORDER_LINES && d[0] > d[1] * OUT_OF_ORDER_SHARE;
              if (sortIt) {
                err.printf(Locale.ROOT, "%s: %,d of its %,d events lie more than %s behind an earlier line: put in"
                    + " event-time order first (--order file reads it as it is)%n", Path.of(f).getFileName(), d[0],
                    d[1], Durations.format(c.allowedLateness()));
              }
              return sortIt;
            }));
      }
      return scan;
    }
  }

  /** Runs the history under {@code rules} into {@code out}, with progress on {@code err}; prints the closing lines. */
  Summary run(Prepared p, RuleSet rules, Path out, PrintStream stdout, PrintStream err, String label) throws Exception {
    if (p.files().isEmpty()) {
      return runTopics(p, rules, out, stdout, err, label);
    }
    long started = System.currentTimeMillis();
    // the files are read as the scan decides (sorted or not), whatever reading the options name
    LocalRun.Options o = new LocalRun.Options(p.files(), out, p.job().config(), rules, p.job().calendar(),
        flinkConfig(), p.parallelism(), false, 0, OneMachine.background(), null, "replay", p.reading(), stateBackend,
        null);
    long[] outside = {0};
    Summary s = LocalRun.run(o, () -> p.scanned().of(p, err), started, (client, scan) -> {
      outside[0] = scan.outside();
      if (!quiet) {
        ProgressLine.watch(client, scan, err, label, 5000, null);
      }
    });
    stdout.println(s.closing());
    if (outside[0] > 0) {
      stdout.println(passedOver(outside[0], "line"));
    }
    return s;
  }

  /**
   * The topics' history: the Kafka graph, bounded at what the topics hold now, its records marked
   * replay and written to files in {@code out} as a file replay writes them.
   */
  private Summary runTopics(Prepared p, RuleSet rules, Path out, PrintStream stdout, PrintStream err, String label)
      throws Exception {
    MonitorConfig cfg = p.job().config();
    long started = System.currentTimeMillis();
    java.nio.file.Files.createDirectories(out);
    long notAfter = System.currentTimeMillis() + cfg.farFuture().toMillis();
    long inputEnd = MonitorGraph.boundedEnd(io.lawmonitor.run.KafkaScan.lastEventTime(cfg, notAfter, p.reading()));
    org.apache.flink.configuration.Configuration flink = flinkConfig();
    if (stateBackend != null) {
      flink.set(org.apache.flink.configuration.StateBackendOptions.STATE_BACKEND, stateBackend);
    }
    FileReading range = p.reading();
    KafkaRun.Options o = KafkaRun.Options.of(p.parallelism(), true, inputEnd)
        .replayInto(new io.lawmonitor.io.FileOutputs(out, null))
        .tap(raw -> raw.filter(new io.lawmonitor.io.InPeriod(range)).uid("period").name("the replay's period"));
    org.apache.flink.core.execution.JobClient client = KafkaRun.prepare(cfg, rules, p.job().calendar(), flink, o)
        .executeAsync("rule-of-law monitor (replay of the topics)");
    if (!quiet) {
      ProgressLine.watch(client, null, err, label, 5000, null);
    }
    java.util.Map<String, Object> acc = client.getJobExecutionResult().get().getAllAccumulatorResults();
    io.lawmonitor.io.OutputOrder.sortAll(out);
    Summary s = Summary.of("replay", acc, inputEnd, System.currentTimeMillis() - started);
    s.write(out.resolve("summary.json"));
    stdout.println(s.closing());
    long outside = acc.get(io.lawmonitor.runtime.Accounting.OUTSIDE_PERIOD) instanceof Number n ? n.longValue() : 0;
    if (outside > 0) {
      stdout.println(passedOver(outside, "record"));
    }
    return s;
  }

  /**
   * Flink's settings for a run over history: no periodic checkpoints. A replay reads its input
   * from the start to the end and writes its files there (after a failure, run it again); a
   * checkpoint would only copy its state, which for years of history is large, and slow it down.
   */
  static org.apache.flink.configuration.Configuration flinkConfig() {
    org.apache.flink.configuration.Configuration c = ConfigFiles.flinkConfig();
    c.removeConfig(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTING_INTERVAL);
    return c;
  }

  static String passedOver(long n, String what) {
    return String.format(Locale.ROOT, "%,d %s with an event time outside the period %s passed over.", n,
        n == 1 ? what : what + "s", n == 1 ? "was" : "were");
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
