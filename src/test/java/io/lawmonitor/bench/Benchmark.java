package io.lawmonitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.job.Main;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark: on one generated input, the full pipeline in each of its shapes, a Flink SQL
 * baseline and the pipeline computing the same subset, the state an open case costs, checkpoints,
 * and alert latency; each run a process of its own, timed from start to exit. Prints the tables
 * (Markdown) and writes them to {@code DIR/results.md}. Run with {@code mvn -q -Pbench}; not part
 * of the runnable jar.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
    description = "Measure the monitor on generated events against a Flink SQL baseline; prints Markdown tables.")
public final class Benchmark implements Callable<Integer> {
  /** Every run, in the order they go. */
  static final List<String> RUNS = List.of("replay-heap", "replay-rocksdb", "replay-heap-1g", "local-heap", "local-rocksdb",
      "kafka", "sql", "subset", "state", "lifecycle", "latency");

  /** The four rates SQL can compute from one event each (see {@link SqlBaseline}). */
  static final String SUBSET = "hotline.satisfaction_rate,enforcement.file_review_pass_rate,review.correction_rate,"
      + "mediation.satisfaction_rate";

  @Option(names = "--events", split = ",", paramLabel = "N,N", defaultValue = "1000000",
      description = "input sizes, each a run of everything (default: ${DEFAULT-VALUE})")
  List<Long> sizes;

  @Option(names = "--days", defaultValue = "60", description = "days the input spans (default: ${DEFAULT-VALUE})")
  int days;

  @Option(names = "--seed", defaultValue = "7", description = "generator seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--start", paramLabel = "DATE", description = "the input's first day (default: the generator's)")
  String start;

  @Option(names = "--runs", split = ",", paramLabel = "R,R",
      description = "which runs (default: all): replay-heap, replay-rocksdb, replay-heap-1g, local-heap, local-rocksdb, kafka,"
          + " sql, subset, state, lifecycle, latency")
  List<String> runs = RUNS;

  @Option(names = "--open-cases", split = ",", paramLabel = "N,N", defaultValue = "100000,1000000",
      description = "open cases at once, for the state size per case (default: ${DEFAULT-VALUE})")
  List<Long> openCases;

  @Option(names = "--latency-days", defaultValue = "3", description = "days of events the latency run paces (default: ${DEFAULT-VALUE})")
  int latencyDays;

  @Option(names = "--latency-speed", defaultValue = "3600",
      description = "its pace, event time over wall time: 3600 = an hour of events a second (default: ${DEFAULT-VALUE})")
  double latencySpeed;

  @Option(names = "--sql-parallelism", paramLabel = "N",
      description = "the SQL baseline's parallelism (default: the pipeline's own default on this machine, "
          + "half its cores, at least 1)")
  Integer sqlParallelism;

  @Option(names = "--dir", defaultValue = "target/bench", description = "work folder (default: ${DEFAULT-VALUE})")
  Path dir;

  private final List<String[]> rows = new ArrayList<>();
  /** Wall seconds of the SQL baseline and of the pipeline on its subset, by input size. */
  private final Map<Long, Double> sqlSeconds = new TreeMap<>();
  private final Map<Long, Double> subsetSeconds = new TreeMap<>();
  private final List<String> notes = new ArrayList<>();
  private final ObjectMapper json = new ObjectMapper();
  private int failed;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Benchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    for (String r : runs) {
      if (!RUNS.contains(r)) {
        throw new CommandLine.ParameterException(new CommandLine(this), "--runs: no run '" + r + "' (the runs: " + RUNS + ")");
      }
    }
    dir = dir.toAbsolutePath();
    Files.createDirectories(dir);
    prepareConf();
    String machine = machine();
    System.out.println(machine);
    for (long n : sizes) {
      Path input = dir.resolve("events-" + n + ".jsonl");
      List<String> gen = new ArrayList<>(List.of("generate", "--out", input.toString(), "--events", String.valueOf(n),
          "--days", String.valueOf(days), "--seed", String.valueOf(seed)));
      if (start != null) {
        gen.addAll(List.of("--start", start));
      }
      Result g = child("generate", dir, List.of(), Main.class.getName(), gen, null);
      row("generate (not a pipeline run)", n, g, "—", "the input, written with constant memory");
      for (String r : runs) {
        try {
          runOne(r, n, input);
        } catch (Exception e) {
          failed++;
          notes.add("Run " + r + " (" + n + " events) failed: " + e);
          e.printStackTrace();
        }
        Files.writeString(dir.resolve("results.md"), table(machine), StandardCharsets.UTF_8); // what is known so far
      }
    }
    if (runs.contains("state")) {
      for (long n : openCases) {
        for (String backend : List.of("hashmap", "rocksdb")) {
          try {
            OpenCases.Size s = OpenCases.measure(n, backend);
            notes.add(String.format(Locale.ROOT, "State per open case, %s, %,d open 12345 cases (3 events each, %,d of them"
                + " overdue): %d bytes (%,d B in the snapshot%s: the cases, their eventIds and timers); %,d case-watch records"
                + " (%.3f per event)", backend, n, s.overdue(), s.perCase(), s.bytes(),
                OpenCases.SNAPSHOT_COMPRESSION && backend.equals("hashmap") ? ", compressed" : "", s.watchRecords(),
                s.watchRecords() / (double) s.events()));
          } catch (Exception e) {
            failed++;
            notes.add("State per open case, " + backend + ", " + n + " cases, failed: " + e);
            e.printStackTrace();
          }
        }
      }
    }
    String table = table(machine);
    System.out.println();
    System.out.println(table);
    Files.writeString(dir.resolve("results.md"), table, StandardCharsets.UTF_8);
    return failed == 0 ? 0 : 1;
  }

  private void runOne(String r, long n, Path input) throws Exception {
    Path out = dir.resolve("out-" + r + "-" + n);
    switch (r) {
      case "replay-heap", "replay-rocksdb" -> {
        String backend = r.endsWith("heap") ? "hashmap" : "rocksdb";
        Result x = child(r, dir, List.of(), Main.class.getName(), List.of("replay", "--quiet", "--events", input.toString(),
            "--out", out.toString(), "--state-backend", backend), null);
        row("`replay`, " + backend + " state", n, x, records(out), "");
      }
      case "replay-heap-1g" -> {
        Result x = child(r, dir, List.of("-Xmx1g"), Main.class.getName(), List.of("replay", "--quiet",
            "--events", input.toString(), "--out", out.toString()), null);
        row("`replay`, hashmap state, `-Xmx1g`", n, x, records(out), "");
      }
      case "local-heap", "local-rocksdb" -> {
        String backend = r.endsWith("heap") ? "hashmap" : "rocksdb";
        Checkpoints cp = new Checkpoints();
        Result x = child(r, dir, List.of(), Main.class.getName(), List.of("local", "--quiet", "--events", input.toString(),
            "--out", out.toString(), "--state-backend", backend, "--state-dir", dir.resolve("state-" + r).toString()), cp);
        row("`local`, " + backend + " state, checkpoints every 10 s", n, x, records(out), cp.describe());
      }
      case "kafka" -> kafka(n, input, out);
      case "lifecycle" -> {
        LifecycleAlone.Result x = LifecycleAlone.measure(input, 3);
        notes.add(String.format(Locale.ROOT, "Case lifecycles alone (%,d events through the operator in Flink's harness,"
            + " heap state, in this JVM): %.2f s CPU at the median of %s after a round to warm up; %,d facts a round",
            x.events(), x.median(), Arrays.stream(x.cpuSeconds()).mapToObj(v -> String.format(Locale.ROOT, "%.2f", v)).toList(),
            x.facts()));
      }
      case "sql" -> {
        int p = sqlParallelism != null ? sqlParallelism : io.lawmonitor.job.ParallelismOption.machineDefault();
        Result x = child(r, dir, List.of(), SqlBaseline.class.getName(), List.of(input.toString(), String.valueOf(p)), null);
        sqlSeconds.put(n, x.seconds());
        row("Flink SQL baseline: 4 rates × district × (HOP 24 h/1 h + CUMULATE 1 d/1 h), blackhole sink, heap, parallelism "
            + p, n, x, "—",
            "no dedup, no lifecycles");
      }
      case "subset" -> {
        Path rules = dir.resolve("no-rules.yaml");
        Files.writeString(rules, "rules: []\n");
        Result x = child(r, dir, List.of(), Main.class.getName(), List.of("replay", "--quiet", "--events", input.toString(),
            "--out", out.toString(), "--levels", "district", "--metrics", SUBSET, "--rules", rules.toString()), null);
        subsetSeconds.put(n, x.seconds());
        row("`replay` of the same subset: `--levels district --metrics` (the 4 rates), no rules, heap", n, x, records(out),
            "with dedup and lifecycles");
      }
      case "latency" -> latency(n, input, out);
      default -> { } // state: once, after the sizes
    }
  }

  // ------------------------------------------------------------------ children

  /** A finished child process: wall time, peak heap in use and peak resident memory. */
  record Result(double seconds, long peakHeapBytes, long rssKb, int exitCode) {}

  /** Something to do while a child runs, given its stdout file. */
  interface Watch {
    void watch(Process p, Path stdout) throws Exception;
  }

  Result child(String name, Path workDir, List<String> jvm, String main, List<String> args, Watch watch) throws Exception {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path report = logs.resolve(name + ".peak");
    Files.deleteIfExists(report);
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    // the JVM settings bin/monitor gives the command; the SQL baseline gets those of the replay it
    // is compared with
    cmd.addAll(launcherOptions(main.equals(Main.class.getName()) ? args.get(0) : "replay"));
    cmd.addAll(jvm);
    cmd.addAll(List.of("-cp", classPath(), Measured.class.getName(), report.toString(), main));
    cmd.addAll(args);
    Path stdout = logs.resolve(name + ".out");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
        .redirectOutput(stdout.toFile()).redirectError(logs.resolve(name + ".err").toFile());
    System.out.println("▶ " + name + ": " + String.join(" ", args));
    long t0 = System.nanoTime();
    Process p = pb.start();
    if (watch != null) {
      watch.watch(p, stdout);
    }
    int code = p.waitFor();
    double s = (System.nanoTime() - t0) / 1e9;
    Map<String, Long> peak = new TreeMap<>();
    if (Files.exists(report)) {
      for (String l : Files.readAllLines(report)) {
        String[] kv = l.split("=");
        peak.put(kv[0], Long.parseLong(kv[1]));
      }
    }
    if (code != 0 && !name.equals("latency")) {
      throw new IllegalStateException(name + " exited with " + code + "; see " + logs.resolve(name + ".err"));
    }
    System.out.printf(Locale.ROOT, "  %.1f s%n", s);
    return new Result(s, peak.getOrDefault("peakHeapBytes", -1L), peak.getOrDefault("vmHwmKb", -1L), code);
  }

  /** What bin/monitor passes java for a command: the lines of {@code bin/jvm-options COMMAND}. */
  public static List<String> launcherOptions(String command) {
    try {
      Process p = new ProcessBuilder("bash", Path.of("bin", "jvm-options").toAbsolutePath().toString(), command)
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      List<String> options = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .lines().toList();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("bin/jvm-options " + command + " exited with " + p.exitValue());
      }
      return options;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The class-data archive `mvn package` makes of the jar, which bin/monitor gives java. */
  public static final Path ARCHIVE = Path.of("target", "rule-of-law-monitor.jsa").toAbsolutePath();

  /**
   * The children's class path: under {@code mvn -Pbench}, which builds the jar first and names it
   * in {@code bench.jar}, the jar ahead of the test classes, as bin/monitor runs it (its
   * class-data archive serves only a class path that starts with the jar); else the test's own.
   */
  private static String classPath() {
    String jar = System.getProperty("bench.jar");
    String own = System.getProperty("java.class.path");
    return jar == null ? own : jar + java.io.File.pathSeparator + own;
  }

  private void row(String run, long events, Result x, String records, String note) {
    rows.add(new String[] {run, String.format(Locale.ROOT, "%,d", events), String.format(Locale.ROOT, "%.1f s", x.seconds()),
        String.format(Locale.ROOT, "%,d", Math.round(events / x.seconds())), gb(x.peakHeapBytes()), gb(x.rssKb() * 1024),
        records, note});
  }

  private static String gb(long bytes) {
    return bytes < 0 ? "—" : String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
  }

  private String records(Path out) throws IOException {
    JsonNode s = json.readTree(out.resolve("summary.json").toFile());
    return String.format(Locale.ROOT, "%,d metric records, %d alerts", s.get("metricRecords").asLong(), s.get("alerts").asLong());
  }

  /** The project's flink-conf, its checkpoints every 10 s (so a minute's run takes a few). */
  private void prepareConf() throws IOException {
    Path src = Path.of("flink-conf").toAbsolutePath();
    Path to = dir.resolve("flink-conf");
    try (var files = Files.walk(src)) {
      for (Path f : files.toList()) {
        Path t = to.resolve(src.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Path c = to.resolve("config.yaml");
    Files.writeString(c, Files.readString(c).replace("interval: 30s", "interval: 10s").replace("min-pause: 10s", "min-pause: 2s"));
  }

  private static String machine() throws IOException {
    String cpu = "?";
    for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
      if (l.startsWith("model name")) {
        cpu = l.substring(l.indexOf(':') + 1).trim();
        break;
      }
    }
    return String.format(Locale.ROOT, "Machine: %d cores (%s), %.0f GiB; Java %s; %s; %s", Runtime.getRuntime().availableProcessors(),
        cpu, Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal")).findFirst()
            .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1048576.0).orElse(0.0),
        System.getProperty("java.version"), System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("bench.jar") != null && Files.exists(ARCHIVE)
            ? "the jar with its class-data archive" : "the classes as compiled, no class-data archive");
  }

  private String table(String machine) {
    StringBuilder b = new StringBuilder();
    b.append(machine).append("\n\n");
    b.append("| run | events | wall, start to exit | events/s | peak heap in use | peak RSS | output | notes |\n");
    b.append("|---|---|---|---|---|---|---|---|\n");
    for (String[] r : rows) {
      b.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    for (var e : subsetSeconds.entrySet()) {
      Double sql = sqlSeconds.get(e.getKey());
      if (sql != null) {
        b.append(String.format(Locale.ROOT, "%nOn the shared subset the pipeline takes %.2f× the SQL baseline's time (%s)"
            + " at %,d events.%n", e.getValue() / sql, e.getValue() < sql ? "faster" : "slower", e.getKey()));
      }
    }
    if (!notes.isEmpty()) {
      b.append('\n');
      notes.forEach(n -> b.append("- ").append(n).append('\n'));
    }
    return b.toString();
  }

  // ------------------------------------------------------------------ checkpoints

  /** Polls the local run's REST API for its checkpoints while it runs. */
  final class Checkpoints implements Watch {
    final Map<Long, JsonNode> completed = new TreeMap<>();

    @Override
    public void watch(Process p, Path stdout) throws Exception {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      Pattern ui = Pattern.compile("Flink web UI: (http://\\S+)");
      String base = null;
      String job = null;
      while (p.isAlive()) {
        Thread.sleep(1000);
        try {
          if (base == null) {
            Matcher m = ui.matcher(Files.readString(stdout));
            base = m.find() ? m.group(1).replaceAll("/$", "") : null;
            continue;
          }
          if (job == null) {
            JsonNode jobs = get(http, base + "/jobs/overview").get("jobs");
            job = jobs != null && jobs.size() > 0 ? jobs.get(0).get("jid").asText() : null;
            continue;
          }
          JsonNode history = get(http, base + "/jobs/" + job + "/checkpoints").get("history");
          if (history != null) {
            for (JsonNode h : history) {
              if ("COMPLETED".equals(h.path("status").asText())) {
                completed.put(h.get("id").asLong(), h);
              }
            }
          }
        } catch (IOException e) {
          // the job is starting or has just ended
        }
      }
    }

    private JsonNode get(HttpClient http, String url) throws IOException, InterruptedException {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return json.readTree(r.body());
    }

    String describe() {
      if (completed.isEmpty()) {
        return "no checkpoint completed";
      }
      List<Long> durations = new ArrayList<>();
      List<String> sizes = new ArrayList<>();
      for (JsonNode h : completed.values()) {
        durations.add(h.path("end_to_end_duration").asLong());
        sizes.add(mb(h.path("state_size").asLong()) + "/" + mb(h.path("checkpointed_size").asLong()));
      }
      Collections.sort(durations);
      return String.format(Locale.ROOT, "%d checkpoints; full/incremental sizes MB: %s; duration median %d ms, max %d ms",
          completed.size(), String.join(", ", sizes), durations.get(durations.size() / 2), durations.get(durations.size() - 1));
    }

    private static String mb(long bytes) {
      return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }
  }

  // ------------------------------------------------------------------ kafka

  private void kafka(long n, Path input, Path out) throws Exception {
    try (var broker = io.lawmonitor.dev.KafkaDev.start()) {
      String servers = broker.bootstrapServers();
      child("kafka-load", dir, List.of(), Main.class.getName(), List.of("load", "--bootstrap-servers", servers, "--events",
          input.toString()), null);
      Files.createDirectories(out);
      Result x = child("kafka", dir, List.of(), Main.class.getName(), List.of("kafka", "--bootstrap-servers", servers,
          "--until-end", "--quiet", "--summary", out.resolve("summary.json").toString(), "--state-dir",
          dir.resolve("state-kafka").toString()), null);
      row("`kafka --until-end`: the topics (2 partitions per input, loaded before) to the output topics, rocksdb state,"
          + " exactly-once", n, x, records(out), "an in-process KRaft broker on the same 2 cores");
    }
  }

  // ------------------------------------------------------------------ latency

  /**
   * Alert latency in a live run: the benchmark writes events to a file at {@code latencySpeed}
   * times real time while {@code local --follow} reads it; for each hour boundary it notes when
   * it wrote the first event at or past the boundary plus the out-of-orderness bound (the moment
   * the watermark can pass the boundary), and a webhook subscriber notes when each alert of a
   * window ending there arrives.
   */
  private void latency(long n, Path input, Path out) throws Exception {
    Map<Long, Long> passedAt = new ConcurrentHashMap<>(); // window end -> wall time its last input was written
    List<long[]> arrivals = Collections.synchronizedList(new ArrayList<>()); // [window end, wall time]
    HttpServer hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    hook.createContext("/", ex -> {
      long now = System.currentTimeMillis();
      JsonNode a = json.readTree(ex.getRequestBody());
      arrivals.add(new long[] {EventJson.parseTime(a.get("at").asText()), now});
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    hook.start();
    Path rules = dir.resolve("latency-rules.yaml");
    StringBuilder r = new StringBuilder("rules:\n");
    for (String window : List.of("sliding_24h", "day_to_date")) {
      for (String level : List.of("city", "district")) {
        r.append(String.format(Locale.ROOT, """
              - id: satisfaction-%1$s-%2$s
                metric: hotline.satisfaction_rate
                window: %1$s
                scopeLevel: %2$s
                fireWhen: below 0.985
                clearWhen: above 0.985
                minSample: 20
                severity: warning
                notify: [bench]
            """, window, level));
      }
    }
    r.append("subscribers:\n  bench: {type: webhook, url: \"http://127.0.0.1:" + hook.getAddress().getPort() + "/\"}\n");
    Files.writeString(rules, r.toString());
    Path live = Files.createDirectories(dir.resolve("latency-in")).resolve("events.jsonl");
    Files.writeString(live, "");
    long outOfOrderness = 5 * 60_000L;
    long hour = 3_600_000L;
    Watch feed = (p, stdout) -> {
      Thread.sleep(8000); // the job starts and opens the file
      long wall0 = System.currentTimeMillis();
      // paced from the period's start, the first 12345 event: the histories before it (suits and
      // applications still running when the period begins) are written at once, as a backlog
      long first = periodStart(input);
      long next = (first / hour + 1) * hour; // the next hour boundary whose passing is to be noted
      try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
          BufferedWriter w = Files.newBufferedWriter(live, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND)) {
        String line;
        while ((line = in.readLine()) != null && p.isAlive()) {
          long t = timeOf(line);
          if (t - first > latencyDays * 24 * hour) {
            break;
          }
          long due = wall0 + (long) ((t - first) / latencySpeed);
          long wait = due - System.currentTimeMillis();
          if (wait > 0) {
            w.flush();
            Thread.sleep(wait);
          }
          w.write(line);
          w.write('\n');
          if (t >= next + outOfOrderness) {
            w.flush();
            long now = System.currentTimeMillis();
            while (t >= next + outOfOrderness) {
              passedAt.put(next, now);
              next += hour;
            }
          }
        }
      }
      Thread.sleep(5000); // the last alerts arrive
      p.destroy();
    };
    Result x = child("latency", dir, List.of(), Main.class.getName(), List.of("local", "--follow", "--quiet", "--events",
        live.toString(), "--rules", rules.toString(), "--out", out.toString(), "--state-backend", "hashmap",
        "--web-ui-port", "0", "--state-dir", dir.resolve("state-latency").toString()), feed);
    hook.stop(0);
    List<Long> latencies = new ArrayList<>();
    synchronized (arrivals) {
      for (long[] a : arrivals) {
        Long written = passedAt.get(a[0]);
        if (written != null) {
          latencies.add(a[1] - written);
        }
      }
    }
    Collections.sort(latencies);
    if (latencies.isEmpty()) {
      notes.add("Alert latency: no alert arrived (" + arrivals.size() + " deliveries); see " + dir.resolve("logs/latency.err"));
      return;
    }
    notes.add(String.format(Locale.ROOT, "Alert latency, `local --follow` fed at %.0f× real time for %d days (from the %,d-event"
            + " input), a webhook subscriber on loopback: %d alerts; from the write of the event that lets the watermark pass"
            + " the window's end to the webhook's arrival: p50 %d ms, p99 %d ms, max %d ms (wall %.0f s)",
        latencySpeed, latencyDays, n, latencies.size(), pct(latencies, 50), pct(latencies, 99),
        latencies.get(latencies.size() - 1), x.seconds()));
  }

  /** The time of the input's first 12345 event: where the period begins (no history before it). */
  private static long periodStart(Path input) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.contains("\"stream\":\"hotline\"")) {
          return timeOf(line);
        }
      }
    }
    throw new IOException("no 12345 event in " + input);
  }

  private static long pct(List<Long> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static long timeOf(String line) {
    int k = line.indexOf("\"eventTime\":\"");
    if (k < 0) {
      throw new UncheckedIOException(new IOException("no eventTime in a generated line"));
    }
    return EventJson.parseTime(line.substring(k + 13, line.indexOf('"', k + 13)));
  }
}
