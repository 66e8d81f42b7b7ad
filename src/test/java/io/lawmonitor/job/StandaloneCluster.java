package io.lawmonitor.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.lawmonitor.run.OneMachine;
import java.io.IOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A standalone Flink cluster of separate processes, made as a Flink distribution is laid out: the
 * Flink jars in {@code lib/} (target/flink-home/lib, Flink 2.2.1's own jars from Maven Central),
 * the monitor's cluster jar in {@code usrlib/}, its Prometheus reporter as a plugin in
 * {@code plugins/}, and {@code conf/config.yaml}. Each process gets its JVM's memory options from
 * Flink's own calculation (what Flink's start scripts run), a reporter port of its own and a log
 * file; the JobManager runs the monitor in application mode.
 */
final class StandaloneCluster implements AutoCloseable {
  static final Path LIB = Path.of("target/flink-home/lib").toAbsolutePath();
  static final Path JOB_JAR = Path.of("target/rule-of-law-monitor-cluster.jar").toAbsolutePath();
  static final Path REPORTER_JAR = Path.of("target/rule-of-law-monitor-reporter.jar").toAbsolutePath();

  private static final String DEFAULT_OPTS = "env.java.default-opts.all";
  private static final String OPTS = "env.java.opts.all";
  final Path home;
  final Path logs;
  /** The JVM options of config.yaml, as Flink's start scripts give them to each process. */
  private final List<String> jvmOptions;
  final int restPort;
  private final List<Node> nodes = new ArrayList<>();

  /** A process of the cluster, with its name and the port its reporter serves on. */
  record Node(String name, Process process, int metricsPort) {}

  /** Whether the jars are there (mvn verify makes them before the integration tests). */
  static boolean available() {
    try (var jars = Files.list(LIB)) {
      return jars.anyMatch(p -> p.getFileName().toString().startsWith("flink-container"))
          && Files.isRegularFile(JOB_JAR) && Files.isRegularFile(REPORTER_JAR);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The settings of a job on this cluster: RocksDB with incremental checkpoints and savepoints in
   * folders under {@code dir} (standing for the shared volume), restarted up to {@code attempts}
   * times, {@code delay} apart.
   */
  static Map<String, String> rocksDbWithRestarts(Path dir, int attempts, String delay) {
    return Map.of(
        "state.backend.type", "rocksdb",
        "execution.checkpointing.incremental", "true",
        "execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString(),
        "execution.checkpointing.savepoint-dir", dir.resolve("savepoints").toUri().toString(),
        "restart-strategy.type", "fixed-delay",
        "restart-strategy.fixed-delay.attempts", String.valueOf(attempts),
        "restart-strategy.fixed-delay.delay", delay);
  }

  /** Lays out the distribution under {@code home} with these settings added to config.yaml. */
  StandaloneCluster(Path home, Map<String, String> settings) throws IOException {
    this.home = home;
    this.logs = Files.createDirectories(home.resolve("log"));
    this.restPort = OneMachine.freePort(OneMachine.LOOPBACK, 18081);
    Files.createDirectories(home.resolve("usrlib"));
    Files.createDirectories(home.resolve("lib")); // FLINK_LIB_DIR: its parent is where usrlib/ is found
    Files.copy(JOB_JAR, home.resolve("usrlib/rule-of-law-monitor.jar"), StandardCopyOption.REPLACE_EXISTING);
    Path plugin = Files.createDirectories(home.resolve("plugins/lawmonitor-metrics"));
    Files.copy(REPORTER_JAR, plugin.resolve("rule-of-law-monitor-reporter.jar"), StandardCopyOption.REPLACE_EXISTING);
    Files.createDirectories(home.resolve("conf"));
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("jobmanager.rpc.address", "localhost");
    conf.put("jobmanager.rpc.port", String.valueOf(OneMachine.freePort(OneMachine.LOOPBACK, 16123)));
    conf.put("jobmanager.bind-host", OneMachine.LOOPBACK);
    conf.put("rest.address", "localhost");
    conf.put("rest.bind-address", OneMachine.LOOPBACK);
    conf.put("rest.port", String.valueOf(restPort));
    conf.put("taskmanager.host", "localhost");
    conf.put("taskmanager.bind-host", OneMachine.LOOPBACK);
    conf.put("taskmanager.rpc.port", "0");
    conf.put("blob.server.port", "0");
    // sized for a 2-core test machine: three processes of about a gigabyte
    conf.put("jobmanager.memory.process.size", "768m");
    conf.put("taskmanager.memory.process.size", "1024m");
    conf.put("taskmanager.memory.managed.size", "128m");
    conf.put("taskmanager.numberOfTaskSlots", "2");
    // a TaskManager gone is noticed in seconds, not in the default 50
    conf.put("heartbeat.interval", "1000");
    conf.put("heartbeat.timeout", "6000");
    conf.put("metrics.reporter.prom.factory.class", "io.lawmonitor.prometheus.MonitorReporterFactory");
    conf.put("metrics.reporter.prom.host", OneMachine.LOOPBACK);
    conf.put("metrics.reporter.prom.filterLabelValueCharacters", "false");
    conf.put("web.submit.enable", "false");
    // what a Flink distribution's config.yaml sets for Java 17, its start scripts then give every JVM
    conf.put(DEFAULT_OPTS, String.join(" ", "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
        "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED", "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED", "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"));
    // as k8s/flink-deployment.yaml has it
    conf.put(OPTS, "-XX:FreqInlineSize=100");
    conf.putAll(settings);
    this.jvmOptions = List.of((conf.get(DEFAULT_OPTS) + " " + conf.get(OPTS)).trim().split("\\s+"));
    StringBuilder yaml = new StringBuilder();
    conf.forEach((k, v) -> yaml.append(k).append(": \"").append(v).append("\"\n"));
    Files.writeString(home.resolve("conf/config.yaml"), yaml.toString());
    Files.writeString(home.resolve("conf/log4j.properties"), """
        rootLogger.level = INFO
        rootLogger.appenderRef.file.ref = FileAppender
        appender.file.name = FileAppender
        appender.file.type = FILE
        appender.file.fileName = ${sys:log.file}
        appender.file.layout.type = PatternLayout
        appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-60c %x - %m%n
        logger.kafka.name = org.apache.kafka
        logger.kafka.level = WARN
        """);
  }

  /** Starts the JobManager running the monitor in application mode with these program arguments. */
  Node jobManager(String name, List<String> entryPointOptions, List<String> programArgs) throws Exception {
    List<String> args = new ArrayList<>(List.of("--configDir", home.resolve("conf").toString(),
        "--job-classname", "io.lawmonitor.job.Main"));
    args.addAll(entryPointOptions);
    return start(name, "GET_JM_RESOURCE_PARAMS", "org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint",
        args, programArgs);
  }

  /** Starts a TaskManager. */
  Node taskManager(String name) throws Exception {
    return start(name, "GET_TM_RESOURCE_PARAMS", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
        List.of("--configDir", home.resolve("conf").toString(), "-Dtaskmanager.resource-id=" + name), List.of());
  }

  private Node start(String name, String resources, String mainClass, List<String> args, List<String> programArgs)
      throws Exception {
    List<String> memory = resourceParams(resources);
    int metricsPort = OneMachine.freePort(OneMachine.LOOPBACK, 19250 + nodes.size());
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(memory.get(0).trim().split("\\s+")));
    cmd.addAll(jvmOptions);
    cmd.add("-Dlog.file=" + logs.resolve(name + ".log"));
    cmd.add("-Dlog4j.configurationFile=" + home.resolve("conf/log4j.properties").toUri());
    cmd.add("-cp");
    cmd.add(LIB + "/*");
    cmd.add(mainClass);
    cmd.addAll(args);
    for (String d : memory.get(1).trim().split("\\s+")) {
      if (!d.isEmpty()) {
        cmd.add(d);
      }
    }
    cmd.add("-Dmetrics.reporter.prom.port=" + metricsPort);
    cmd.addAll(programArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile())
        .redirectOutput(logs.resolve(name + ".out").toFile()).redirectError(logs.resolve(name + ".err").toFile());
    pb.environment().put("FLINK_HOME", home.toString());
    pb.environment().put("FLINK_LIB_DIR", home.resolve("lib").toString());
    pb.environment().put("FLINK_PLUGINS_DIR", home.resolve("plugins").toString());
    pb.environment().put("FLINK_CONF_DIR", home.resolve("conf").toString());
    Node n = new Node(name, pb.start(), metricsPort);
    nodes.add(n);
    return n;
  }

  /**
   * The JVM options and the dynamic settings Flink's start scripts give a process, from Flink's
   * own calculation for this configuration ({@code BashJavaUtils}).
   */
  private List<String> resourceParams(String command) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", LIB + "/*", "org.apache.flink.runtime.util.bash.BashJavaUtils", command,
        "--configDir", home.resolve("conf").toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    List<String> results = out.lines().filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
        .map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length())).toList();
    if (results.size() < 2) {
      throw new IllegalStateException("Flink's memory calculation gave no result: " + out);
    }
    return results;
  }

  /** SIGKILL, as a machine lost. */
  static void kill(Node n) throws InterruptedException {
    n.process().destroyForcibly();
    n.process().waitFor(30, TimeUnit.SECONDS);
  }

  /** The REST API's answer to a GET, as JSON; null when it does not answer (yet). */
  JsonNode rest(String path) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + restPort + path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? Pipeline.JSON.readTree(r.body()) : null;
    } catch (IOException | InterruptedException e) {
      return null;
    }
  }

  /** The REST API's answer to a POST of {@code body}. */
  JsonNode post(String path, String body) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + restPort + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException("POST " + path + ": " + r.statusCode() + " " + r.body());
    }
    return Pipeline.JSON.readTree(r.body());
  }

  /** The job's id and state ("RUNNING", …), or null before there is one. */
  String[] job() {
    JsonNode jobs = rest("/jobs/overview");
    if (jobs == null || jobs.path("jobs").isEmpty()) {
      return null;
    }
    JsonNode j = jobs.path("jobs").get(0);
    return new String[] {j.path("jid").asText(), j.path("state").asText()};
  }

  /** Whether the job runs with every task running (after a restart too). */
  boolean allRunning() {
    String[] j = job();
    if (j == null || !"RUNNING".equals(j[1])) {
      return false;
    }
    JsonNode d = rest("/jobs/" + j[0]);
    if (d == null) {
      return false;
    }
    for (JsonNode v : d.path("vertices")) {
      if (!"RUNNING".equals(v.path("status").asText())) {
        return false;
      }
    }
    return true;
  }

  /** The job's restarts so far. */
  long restarts() {
    String[] j = job();
    JsonNode m = j == null ? null : rest("/jobs/" + j[0] + "/metrics?get=numRestarts");
    return m == null || m.isEmpty() ? -1 : m.get(0).path("value").asLong();
  }

  /** What a node's reporter serves, or "" when it does not answer. */
  static String scrape(Node n) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + n.metricsPort() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : "";
    } catch (IOException | InterruptedException e) {
      return "";
    }
  }

  /** Every log line of the cluster's processes so far, for a failure's message. */
  String logTail() {
    StringBuilder b = new StringBuilder();
    try (var files = Files.list(logs)) {
      for (Path f : files.sorted().toList()) {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        b.append("--- ").append(f.getFileName()).append('\n');
        lines.stream().filter(l -> l.contains("ERROR") || l.contains("Exception") || l.contains("WARN"))
            .limit(40).forEach(l -> b.append(l).append('\n'));
      }
    } catch (IOException e) {
      b.append(e);
    }
    return b.toString();
  }

  @Override
  public void close() throws InterruptedException {
    for (Node n : nodes) {
      n.process().destroyForcibly();
    }
    for (Node n : nodes) {
      n.process().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
