package io.lawmonitor.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import io.lawmonitor.prometheus.MonitorReporterFactory;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;

/**
 * A run on one machine (a MiniCluster in this JVM): what it serves, on which address, and where
 * its state lives. Nothing is reachable from the network unless asked for: the web UI, the REST
 * API and every other port the MiniCluster opens bind to the loopback address; jar upload is off;
 * the Prometheus endpoint is off unless a port is given. Checkpoints and savepoints go to a folder
 * of the user's that only the user can enter, not to a shared temporary folder.
 *
 * @param webUiBind the address the web UI and REST API listen on
 * @param webUiPort the web UI's port; 0 for none (the REST API then takes any free loopback port)
 * @param metricsBind the address the Prometheus endpoint listens on
 * @param metricsPort the Prometheus endpoint's port; 0 for none
 * @param stateDir where checkpoints, savepoints and working files go; null to keep checkpoints in
 *     memory (tests, short runs that never resume)
 */
public record OneMachine(String webUiBind, int webUiPort, String metricsBind, int metricsPort, Path stateDir) {
  public static final String LOOPBACK = "127.0.0.1";

  /** Served nowhere but loopback, no web UI port of its own, no metrics, checkpoints in memory. */
  public static OneMachine background() {
    return new OneMachine(LOOPBACK, 0, LOOPBACK, 0, null);
  }

  public OneMachine withStateDir(Path dir) {
    return new OneMachine(webUiBind, webUiPort, metricsBind, metricsPort, dir);
  }

  public boolean webUiExposed() {
    return !isLoopback(webUiBind);
  }

  public boolean metricsExposed() {
    return metricsPort > 0 && !isLoopback(metricsBind);
  }

  /**
   * What becomes reachable from the network, one warning per line; empty when nothing is.
   */
  public List<String> warnings() {
    List<String> w = new ArrayList<>();
    if (webUiExposed()) {
      w.add("WARNING: --web-ui-bind " + webUiBind + ": the Flink web UI and REST API" + (webUiPort > 0 ? " on port " + webUiPort : "")
          + " are reachable from the network. Whoever reaches them sees the job, its configuration, metrics and logs."
          + " Changes (cancel, stop, savepoint, rescale) are refused unless they come from this machine, and jar upload stays"
          + " off. There is no login: expose it on a trusted network only, or behind an authenticating proxy.");
    }
    if (metricsExposed()) {
      w.add("WARNING: --metrics-bind " + metricsBind + ": the Prometheus endpoint on port " + metricsPort
          + " is reachable from the network (read-only figures and counts, no personal data).");
    }
    return w;
  }

  /** The state folder's sub-folder for checkpoints of one job (e.g. {@code kafka-GROUP}). */
  public Path checkpoints(String job) {
    return stateDir.resolve("checkpoints").resolve(job);
  }

  public Path savepoints(String job) {
    return stateDir.resolve("savepoints").resolve(job);
  }

  /** Where a job's checkpoints go: as the Flink configuration says, else the state folder's; null for none. */
  public String checkpointsDir(Configuration base, String job) {
    return base.getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY)
        .orElse(stateDir == null ? null : checkpoints(job).toUri().toString());
  }

  public String savepointsDir(Configuration base, String job) {
    return base.getOptional(CheckpointingOptions.SAVEPOINT_DIRECTORY)
        .orElse(stateDir == null ? null : savepoints(job).toUri().toString());
  }

  /**
   * The MiniCluster's configuration: the base (flink-conf/config.yaml) with this machine's
   * bindings, memory and folders.
   *
   * @param job names the sub-folder of this job's checkpoints and savepoints
   */
  public Configuration configure(Configuration base, String job) {
    Configuration conf = new Configuration(base);
    // process sizes are for a cluster's JVMs; a MiniCluster lives in this one, and RocksDB's
    // block cache comes out of managed memory: 1 GB of it, for a run on RocksDB (docs/performance.md)
    conf.removeKey("taskmanager.memory.process.size");
    conf.removeKey("jobmanager.memory.process.size");
    if (!conf.contains(TaskManagerOptions.MANAGED_MEMORY_SIZE)) {
      conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(1024));
    }

    // the running job's counts (the progress line, the console, the wallboard) come with the task
    // manager's heartbeat: every second, not every ten, in one JVM where a heartbeat costs nothing
    if (!conf.contains(HeartbeatManagerOptions.HEARTBEAT_INTERVAL)) {
      conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, java.time.Duration.ofSeconds(1));
    }

    conf.set(RestOptions.BIND_ADDRESS, webUiBind);
    conf.set(RestOptions.ADDRESS, webUiExposed() ? advertised(webUiBind) : "localhost");
    if (webUiPort > 0) {
      conf.set(RestOptions.PORT, webUiPort);
      conf.set(RestOptions.BIND_PORT, String.valueOf(webUiPort));
    } else {
      // no web UI asked for: any free port, so that runs (and tests) side by side do not collide
      conf.set(RestOptions.BIND_PORT, "0");
    }
    conf.set(WebOptions.SUBMIT_ENABLE, false);
    conf.set(WebOptions.CANCEL_ENABLE, !webUiExposed());
    conf.set(WebOptions.RESCALE_ENABLE, !webUiExposed());
    conf.set(ReadOnlyRemoteRest.ENABLED, webUiExposed());
    // the blob server, RPC and data ports of the MiniCluster: this machine only
    conf.set(JobManagerOptions.ADDRESS, "localhost");
    conf.set(JobManagerOptions.BIND_HOST, LOOPBACK);
    conf.set(TaskManagerOptions.HOST, LOOPBACK);
    conf.set(TaskManagerOptions.BIND_HOST, LOOPBACK);

    // the figures for Prometheus only when asked for, and then by a reporter that binds where told
    for (String key : new ArrayList<>(conf.keySet())) {
      if (key.startsWith("metrics.reporter.") || key.equals("metrics.reporters")) {
        conf.removeKey(key);
      }
    }
    if (metricsPort > 0) {
      conf.setString("metrics.reporter.prom.factory.class", MonitorReporterFactory.class.getName());
      conf.setString("metrics.reporter.prom.port", String.valueOf(metricsPort));
      conf.setString("metrics.reporter.prom.host", metricsBind);
      // places and metric ids as they are (宜昌市/西陵区, hotline.satisfaction_rate), not as underscores
      conf.setString("metrics.reporter.prom.filterLabelValueCharacters", "false");
    }

    if (stateDir != null) {
      if (!conf.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)) {
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, ownedFolder(checkpoints(job)).toUri().toString());
      }
      if (!conf.contains(CheckpointingOptions.SAVEPOINT_DIRECTORY)) {
        conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, ownedFolder(savepoints(job)).toUri().toString());
      }
      if (!conf.contains(CoreOptions.TMP_DIRS)) {
        Path tmp = workingFolder();
        conf.set(CoreOptions.TMP_DIRS, tmp.toString());
        conf.set(WebOptions.TMP_DIR, tmp.toString());
      }
    }
    return conf;
  }

  /**
   * This process's working folder under {@code tmp/} of the state folder (RocksDB's files, the
   * web UI's); those of processes that are gone (a kill, a crash) are removed first.
   */
  private Path workingFolder() {
    Path tmp = ownedFolder(stateDir.resolve("tmp"));
    try (Stream<Path> old = Files.list(tmp)) {
      old.filter(p -> p.getFileName().toString().matches("\\d+"))
          .filter(p -> ProcessHandle.of(Long.parseLong(p.getFileName().toString())).isEmpty())
          .forEach(OneMachine::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ownedFolder(tmp.resolve(String.valueOf(ProcessHandle.current().pid())));
  }

  private static void deleteQuietly(Path p) {
    try (Stream<Path> all = Files.walk(p)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // a leftover of a dead process: removed next time if not now
    }
  }

  /**
   * The state folder, made if missing with owner-only permissions (rwx------). An existing one
   * must belong to this user and be writable by no one else: a restart restores (deserializes)
   * what it finds there.
   *
   * @throws IllegalArgumentException naming the folder and what is wrong with it
   */
  public static Path prepareStateDir(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new IllegalArgumentException("--state-dir " + dir + " is a file, not a folder");
    }
    ownedFolder(abs);
    PosixFileAttributeView view = Files.getFileAttributeView(abs, PosixFileAttributeView.class);
    if (view == null) {
      return abs; // no POSIX permissions here (e.g. Windows): the folder's ACL is the user's own
    }
    try {
      PosixFileAttributes a = view.readAttributes();
      String me = System.getProperty("user.name");
      if (!a.owner().getName().equals(me)) {
        throw new IllegalArgumentException("state folder " + abs + " belongs to " + a.owner().getName() + ", not " + me
            + ": a restart would restore what someone else put there. Choose another with --state-dir");
      }
      Set<PosixFilePermission> p = a.permissions();
      if (p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
        throw new IllegalArgumentException("state folder " + abs + " is writable by other users ("
            + PosixFilePermissions.toString(p) + "): a restart would restore what they put there. Run chmod 700 "
            + abs + ", or choose another with --state-dir");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return abs;
  }

  /** A folder made with owner-only permissions where missing (an existing one is left as it is). */
  static Path ownedFolder(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          // every folder made here (parents too) is rwx------
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ,
              PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE)));
        } else {
          Files.createDirectories(dir);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make folder " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The first port from {@code from} on that is free on {@code address}, so that a second monitor still starts. */
  public static int freePort(String address, int from) {
    for (int p = from; p < from + 20 && p < 65536; p++) {
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(address), p));
        return p;
      } catch (IOException busy) {
        // try the next one
      }
    }
    return from;
  }

  /** The web UI's address as a person types it: localhost unless it is shown on the network. */
  public String webUiUrl() {
    return "http://" + hostOf(webUiBind) + ":" + webUiPort + "/";
  }

  public String metricsUrl() {
    return "http://" + hostOf(metricsBind) + ":" + metricsPort + "/metrics";
  }

  private static String hostOf(String bind) {
    if (isLoopback(bind)) {
      return "localhost";
    }
    String h = advertised(bind);
    return h.contains(":") ? "[" + h + "]" : h;
  }

  /** Whether an address (a name or a literal) is this machine's loopback; false for what does not resolve. */
  public static boolean isLoopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The host name others use for a bound address: a wildcard bind is reached by the machine's name. */
  private static String advertised(String bind) {
    try {
      InetAddress a = InetAddress.getByName(bind);
      return a.isAnyLocalAddress() ? InetAddress.getLocalHost().getHostName() : bind;
    } catch (UnknownHostException e) {
      return bind;
    }
  }
}
