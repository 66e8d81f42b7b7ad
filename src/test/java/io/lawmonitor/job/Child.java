package io.lawmonitor.job;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The monitor as its own process, started as a user starts it (the CLI, the project folder as
 * working directory), with its output in files: for what only a separate process shows — the
 * sockets it listens on, being killed, its exit code and every line it prints.
 */
final class Child implements AutoCloseable {
  /** Logs at INFO for everything, on stderr: a run whose every log line can be searched. */
  static final Path INFO_LOGGING = Path.of("src/test/resources/log4j2-info.properties").toAbsolutePath();

  final Process process;
  final Path stdout;
  final Path stderr;

  private Child(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * @param logs where its output goes ({@code NAME.out}, {@code NAME.err})
   * @param env added to this process's environment
   * @param infoLogging log at INFO (else the monitor's own logging)
   */
  static Child start(Path logs, String name, Map<String, String> env, boolean infoLogging, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    if (infoLogging) {
      cmd.add("-Dlog4j2.configurationFile=" + INFO_LOGGING);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    Files.createDirectories(logs);
    Path out = logs.resolve(name + ".out");
    Path err = logs.resolve(name + ".err");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(env);
    return new Child(pb.start(), out, err);
  }

  /** Runs to its end (at most the timeout) and gives its exit code. */
  int await(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("still running after " + timeout + ":\n" + out() + "\n" + err());
    }
    return process.exitValue();
  }

  String out() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  String err() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  /** Killed at once (SIGKILL), as a crash or an out-of-memory kill would. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  /** The addresses this process listens on (TCP), read from /proc; only on Linux. */
  Set<InetSocketAddress> listening() throws IOException {
    Set<String> inodes = new HashSet<>();
    try (var fds = Files.list(Path.of("/proc", String.valueOf(process.pid()), "fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException gone) {
          // closed while listing
        }
      }
    }
    Set<InetSocketAddress> out = new HashSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> rows = Files.readAllLines(Path.of(table));
      for (String row : rows.subList(1, rows.size())) {
        String[] f = row.trim().split("\\s+");
        if (f[3].equals("0A") && inodes.contains(f[9])) { // 0A: LISTEN
          String[] hostPort = f[1].split(":");
          out.add(new InetSocketAddress(address(hostPort[0]), Integer.parseInt(hostPort[1], 16)));
        }
      }
    }
    return out;
  }

  /** /proc/net/tcp's hex address: 32-bit words in the machine's (little-endian) byte order. */
  private static InetAddress address(String hex) throws IOException {
    byte[] b = new byte[hex.length() / 2];
    for (int word = 0; word < b.length / 4; word++) {
      for (int i = 0; i < 4; i++) {
        int at = word * 8 + (3 - i) * 2;
        b[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    InetAddress a = InetAddress.getByAddress(b);
    if (a instanceof Inet6Address six && isV4Mapped(b)) {
      return InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16));
    }
    return a;
  }

  private static boolean isV4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  static HttpResponse<String> http(String method, String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }
}
