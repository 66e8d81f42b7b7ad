package io.lawmonitor.job;

import io.lawmonitor.Integration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lawmonitor.bench.Benchmark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/monitor, the README's way to run the jar: which JVM settings it gives each command, that
 * this JVM takes them, and what it says when the jar is not built.
 */
@Integration
class MonitorScriptTest {
  private static final Path BIN = Path.of("bin").toAbsolutePath();

  @TempDir
  Path dir;

  @Test
  void everyCommandGetsTheCommonSettingsAndReplayAndBacktestTheirOwn() throws Exception {
    Path project = copyOfBin(true).toRealPath();
    Path bin = project.resolve("bin");
    String jar = project.resolve("target/rule-of-law-monitor.jar").toString();
    assertEquals(List.of("@" + bin.resolve("jvm.options"), "-jar", jar,
        "local", "--quiet"), run(project, Map.of(), "local", "--quiet").lines);
    assertEquals(List.of("@" + bin.resolve("jvm.options"), "@" + bin.resolve("jvm-replay.options"), heapFloor(),
        "-jar", jar, "replay", "--events", "a b.jsonl"),
        run(project, Map.of(), "replay", "--events", "a b.jsonl").lines);
    List<String> backtest = run(project, Map.of(), "backtest").lines;
    assertEquals(List.of("@" + bin.resolve("jvm.options"), "@" + bin.resolve("jvm-backtest.options"), heapFloor()),
        backtest.subList(0, 3));
    // the user's flags come after (and so win over) the script's; a user who sizes the heap gets no floor
    List<String> withUsers = run(project, Map.of("MONITOR_JAVA_OPTS", "-Xmx4g -Dx=1"), "replay").lines;
    assertEquals(List.of("-Xmx4g", "-Dx=1", "-jar"), withUsers.subList(2, 5));
    assertEquals(List.of("-Dx=1", "-jar"), run(project, Map.of("MONITOR_JAVA_OPTS", "-Dx=1"), "replay").lines.subList(3, 5));
    assertTrue(Files.exists(Path.of(jar)));
  }

  @Test
  void theClassDataArchiveTheBuildMadeIsGivenToEveryCommand() throws Exception {
    Path project = copyOfBin(true).toRealPath();
    Path bin = project.resolve("bin");
    Path archive = project.resolve("target/rule-of-law-monitor.jsa");
    Files.createFile(archive);
    assertEquals(List.of("@" + bin.resolve("jvm.options"), "@" + bin.resolve("jvm-replay.options"),
        "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-Xmx4g", "-jar",
        project.resolve("target/rule-of-law-monitor.jar").toString(), "replay"),
        run(project, Map.of("MONITOR_JAVA_OPTS", "-Xmx4g"), "replay").lines);
    assertEquals(List.of("@" + bin.resolve("jvm.options"), "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off",
        "-Xlog:cds+dynamic=off", "-jar"), run(project, Map.of(), "local").lines.subList(0, 5));
  }

  @Test
  void withoutTheJarItSaysHowToBuildIt() throws Exception {
    Path project = copyOfBin(false);
    Ran r = run(project, Map.of(), "local");
    assertEquals(2, r.code);
    assertTrue(r.err.contains("mvn -B -q package -DskipTests"), r.err);
  }

  @Test
  void thisJvmTakesEverySettingAndTheBenchmarkMeasuresWithThem() throws Exception {
    for (String command : List.of("local", "replay", "backtest")) {
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      cmd.addAll(Benchmark.launcherOptions(command));
      cmd.add("-version");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), out);
    }
    // as bin/monitor: the archive's flags where the build made it
    List<String> archive = Files.exists(Benchmark.ARCHIVE)
        ? List.of("-XX:SharedArchiveFile=" + Benchmark.ARCHIVE, "-Xlog:cds=off", "-Xlog:cds+dynamic=off") : List.of();
    List<String> replay = new ArrayList<>(List.of("@" + BIN.resolve("jvm.options"), "@" + BIN.resolve("jvm-replay.options")));
    replay.addAll(archive);
    replay.add(heapFloor());
    assertEquals(replay, Benchmark.launcherOptions("replay"));
    List<String> kafka = new ArrayList<>(List.of("@" + BIN.resolve("jvm.options")));
    kafka.addAll(archive);
    assertEquals(kafka, Benchmark.launcherOptions("kafka"));
  }

  /**
   * The heap floor bin/jvm-options gives replay and backtest on this machine: an eighth of its
   * memory (the container's limit where lower), at most 3 GB.
   */
  private static String heapFloor() {
    try {
      long kb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElseThrow();
      for (String f : List.of("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes")) {
        Path limit = Path.of(f);
        if (Files.isReadable(limit)) {
          String v = Files.readString(limit).trim();
          if (v.matches("[0-9]+")) {
            kb = Math.min(kb, Long.parseLong(v) / 1024);
          }
        }
      }
      long mb = Math.min(3072, kb / 1024 / 8);
      org.junit.jupiter.api.Assumptions.assumeTrue(mb >= 512, "a machine of less than 4 GB gets no heap floor");
      return "-Xms" + mb + "m";
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private record Ran(int code, List<String> lines, String err) {}

  /** The script with a java that prints its arguments, one a line. */
  private Ran run(Path project, Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(project.resolve("bin/monitor").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("JAVA_HOME", project.resolve("jdk").toString());
    pb.environment().remove("MONITOR_JAVA_OPTS");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Ran(p.waitFor(), out.lines().toList(), err);
  }

  private Path copyOfBin(boolean withJar) throws IOException {
    Path project = dir.resolve("project");
    Files.createDirectories(project.resolve("bin"));
    try (var files = Files.list(BIN)) {
      for (Path f : files.toList()) {
        Files.copy(f, project.resolve("bin").resolve(f.getFileName().toString()));
      }
    }
    if (withJar) {
      Files.createDirectories(project.resolve("target"));
      Files.createFile(project.resolve("target/rule-of-law-monitor.jar"));
    }
    Path java = Files.createDirectories(project.resolve("jdk/bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return project;
  }
}
