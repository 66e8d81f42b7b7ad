package io.lawmonitor.job;

import io.lawmonitor.Integration;
import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.generate.SampleGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Integration
class CliTest {
  @TempDir
  Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.execute(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void badFlagsAndUnreadableFilesExitTwoWithAReason() {
    Run r = run("local", "--no-such-flag");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--no-such-flag").contains("Usage:");
    r = run("local", "--events", dir.resolve("missing.jsonl").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no such file or directory").contains("missing.jsonl");
    r = run("local", "--speed", "-1");
    assertThat(r.code()).isEqualTo(2);
    for (String mode : List.of("local", "replay")) {
      r = run(mode, "--parallelism", "0", "--out", dir.resolve("out").toString());
      assertThat(r.code()).as(mode).isEqualTo(2);
      assertThat(r.err()).as(mode).contains("--parallelism must be 1 or more");
    }
    assertThat(run("replay", "--help").out()).contains("--parallelism").contains("machine's cores, at least 1");
    assertThat(ParallelismOption.machineDefault()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    r = run("generate");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--out");
  }

  @Test
  void anInvalidRuleFileIsRefusedNamingTheRuleAndField() throws Exception {
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, "rules:\n  - id: x\n    metric: hotline.satisfaction_rate\n    scopeLevel: city\n"
        + "    fireWhen: below 0.9\n    clearWhen: below 0.8\n");
    Run r = run("local", "--rules", rules.toString(), "--quiet");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("rule 'x'").contains("field 'clearWhen'");
  }

  @Test
  void helpForEverySubCommand() {
    assertThat(run("--help").code()).isZero();
    Run r = run("local", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--events").contains("--rules").contains("--out").contains("--follow")
        .contains("--speed").contains("--quiet").contains("--web-ui-bind").contains("--metrics-port").contains("--state-dir");
    assertThat(run("generate", "--help").out()).contains("--events").contains("--days").contains("--seed");
    assertThat(run("kafka", "--help").out()).contains("--bootstrap-servers").contains("--config").contains("--rules")
        .contains("--until-end").contains("--from-savepoint").contains("--summary").contains("--quiet").contains("--resume")
        .contains("--web-ui-bind").contains("--state-dir");
    assertThat(run("notify-test", "--help").out()).contains("--subscriber").contains("--rules");
    assertThat(run("load", "--help").out()).contains("--bootstrap-servers").contains("--speed").contains("--events");
  }

  @Test
  void withoutASubCommandItNamesEveryOne() {
    Run r = run();
    assertThat(r.code()).isEqualTo(2);
    for (String name : new picocli.CommandLine(new Main()).getSubcommands().keySet()) {
      assertThat(r.err()).contains(name);
    }
  }

  @Test
  void kafkaRefusesWhatCannotWorkBeforeItStarts() throws Exception {
    Run r = run("kafka");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--bootstrap-servers");
    Path cfg = dir.resolve("monitor.yaml");
    Files.writeString(cfg, "kafka:\n  transactionTimeout: 20m\n");
    r = run("kafka", "--bootstrap-servers", "localhost:1", "--config", cfg.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("kafka.transactionTimeout").contains("15 min");
  }

  @Test
  void resumeWithNothingToResumeFromSaysWhereItLooked() throws Exception {
    Run r = run("kafka", "--bootstrap-servers", "localhost:1", "--resume", "--state-dir", dir.resolve("state").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--resume: no checkpoint or savepoint of this job (group rule-of-law-monitor) in")
        .contains("checkpoints/kafka-rule-of-law-monitor");
    r = run("kafka", "--bootstrap-servers", "localhost:1", "--resume", "--from-savepoint", "/x");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--resume or --from-savepoint, not both");
    r = run("notify-test", "--subscriber", "nobody");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no subscriber 'nobody' (the rules file has: ops-center)");
  }

  @Test
  void theCommittedSampleIsWhatTheGeneratorMakes() throws Exception {
    Path out = dir.resolve("sample");
    assertThat(run("generate", "--out", out.toString(), "--bad-input").code()).isZero();
    List<String> files = new java.util.ArrayList<>(io.lawmonitor.catalogue.Catalogue.all().stream()
        .map(d -> d.kind().wireName() + ".jsonl").toList());
    files.add("bad-input.jsonl");
    for (String f : files) {
      assertThat(Files.mismatch(out.resolve(f), Path.of("sample-events", f))).as(f).isEqualTo(-1L);
    }
  }

  @Test
  void generateWritesOneFileAtAnyVolume() throws Exception {
    Path f = dir.resolve("bench.jsonl");
    assertThat(run("generate", "--out", f.toString(), "--events", "3000", "--days", "3", "--seed", "1").code()).isZero();
    List<String> lines = Files.readAllLines(f);
    assertThat(lines).as("exactly the events asked for").hasSize(3000);
    assertThat(lines).anyMatch(l -> l.contains("\"stream\":\"hotline\"")).anyMatch(l -> l.contains("\"stream\":\"mediation\""));
    Path again = dir.resolve("again.jsonl");
    assertThat(run("generate", "--out", again.toString(), "--events", "3000", "--days", "3", "--seed", "1").code()).isZero();
    assertThat(Files.readAllLines(again)).as("the same seed, the same events").isEqualTo(lines);
    assertThat(lines).anyMatch(l -> l.contains("\"stream\":\"disclosure\""));
  }
}
