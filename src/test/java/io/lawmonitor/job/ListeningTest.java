package io.lawmonitor.job;

import io.lawmonitor.Integration;
import static io.lawmonitor.Fixtures.hotline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a running monitor opens to the network, read from the outside as an administrator would
 * (the process's listening sockets): by default nothing but the loopback address, no jar upload,
 * state in a folder only its user can enter; the web UI on the network only when asked, and then
 * read-only for other machines.
 */
@Integration
class ListeningTest {
  @TempDir
  Path dir;

  private Path events() throws Exception {
    Path f = dir.resolve("events.jsonl");
    Files.write(f, List.of(hotline("HL-L1").received("2026-10-12T09:00").attr("kind", "HELP").json(),
        hotline("HL-L2").received("2026-10-12T10:00").attr("kind", "HELP").json()));
    return f;
  }

  /** Starts {@code local --follow} and waits until its job runs. */
  private Child follow(String name, int webUiPort, String... more) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("local", "--follow", "--quiet", "--events", events().toString(),
        "--out", dir.resolve("out-" + name).toString(), "--state-dir", dir.resolve("state-" + name).toString(),
        "--web-ui-port", String.valueOf(webUiPort)));
    args.addAll(List.of(more));
    Child c = Child.start(dir.resolve("logs"), name, Map.of(), false, args.toArray(String[]::new));
    KafkaProductionTest.await("the job to run", Duration.ofSeconds(60), () -> {
      if (!c.process.isAlive()) {
        throw new AssertionError("ended: " + c.out() + c.err());
      }
      try {
        return Child.http("GET", "http://127.0.0.1:" + webUiPort + "/jobs/overview").body().contains("\"RUNNING\"");
      } catch (java.io.IOException notYet) {
        return false;
      }
    });
    return c;
  }

  @Test
  void byDefaultEverySocketIsOnLoopbackAndNoJarCanBeUploaded() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "reads listening sockets from /proc (Linux only)");
    int web = Child.freePort();
    int metrics = Child.freePort();
    try (Child c = follow("default", web, "--metrics-port", String.valueOf(metrics))) {
      Set<InetSocketAddress> sockets = c.listening();
      assertThat(sockets).extracting(InetSocketAddress::getPort).contains(web, metrics);
      assertThat(sockets).as("every listening socket").allSatisfy(
          s -> assertThat(s.getAddress().isLoopbackAddress()).as(s.toString()).isTrue());

      assertThat(Child.http("POST", "http://127.0.0.1:" + web + "/jars/upload").statusCode()).as("jar upload").isEqualTo(404);
      assertThat(Child.http("GET", "http://127.0.0.1:" + web + "/jars").statusCode()).as("jar list").isEqualTo(404);
      String features = Child.http("GET", "http://127.0.0.1:" + web + "/config").body();
      assertThat(features).contains("\"web-submit\":false").contains("\"web-cancel\":true");
      assertThat(Child.http("GET", "http://127.0.0.1:" + metrics + "/metrics").body()).contains("flink_jobmanager_");

      Path state = dir.resolve("state-default");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
      try (var all = Files.walk(state, 3)) {
        assertThat(all.filter(p -> p.toString().contains("checkpoints/local")).findAny()).as("checkpoints in the state folder")
            .isPresent();
      }
      assertThat(c.err()).doesNotContain("WARNING: --web-ui-bind");
    }
  }

  @Test
  void theWebUiGoesOnTheNetworkOnlyWhenAskedAndSaysSo() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "reads listening sockets from /proc (Linux only)");
    int web = Child.freePort();
    try (Child c = follow("exposed", web, "--web-ui-bind", "0.0.0.0")) {
      Set<InetSocketAddress> sockets = c.listening();
      assertThat(sockets).filteredOn(s -> s.getPort() == web).singleElement()
          .satisfies(s -> assertThat(s.getAddress().isAnyLocalAddress()).as(s.toString()).isTrue());
      assertThat(sockets).filteredOn(s -> s.getPort() != web).as("every other socket")
          .allSatisfy(s -> assertThat(s.getAddress().isLoopbackAddress()).as(s.toString()).isTrue());
      assertThat(sockets).extracting(InetSocketAddress::getPort).as("no Prometheus endpoint unless asked").doesNotContain(9249);
      assertThat(c.err()).contains("WARNING: --web-ui-bind 0.0.0.0: the Flink web UI and REST API on port " + web
          + " are reachable from the network");
      assertThat(Child.http("GET", "http://127.0.0.1:" + web + "/config").body()).contains("\"web-cancel\":false");
      // from this machine a change still reaches Flink (here: a job that does not exist)
      assertThat(Child.http("PATCH", "http://127.0.0.1:" + web + "/jobs/00000000000000000000000000000000?mode=cancel")
          .statusCode()).isEqualTo(404);
    }
  }

  @Test
  void aStateFolderOthersCanWriteIsRefused() throws Exception {
    Path shared = dir.resolve("shared-state");
    Files.createDirectories(shared);
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    var err = new java.io.ByteArrayOutputStream();
    var old = System.err;
    int code;
    try {
      System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
      code = Main.execute("local", "--events", events().toString(), "--state-dir", shared.toString(), "--quiet");
    } finally {
      System.setErr(old);
    }
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("is writable by other users (rwxrwxrwx)")
        .contains("chmod 700");
  }
}
