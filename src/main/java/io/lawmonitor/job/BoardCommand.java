package io.lawmonitor.job;

import io.lawmonitor.config.ConfigFiles;
import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.io.KafkaSettings;

import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.board.OutputFollower;
import io.lawmonitor.board.Wallboard;
import io.lawmonitor.io.KafkaClients;
import io.lawmonitor.io.LiveBoard;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code board}: the wallboard beside a job that runs elsewhere, from that job's outputs. */
@Command(name = "board", mixinStandardHelpOptions = true,
    description = "Serve the operations center's wallboard for a job that runs elsewhere, following its outputs:"
        + " a local run's output folder (--out), or the kafka mode's metrics and alerts topics (--bootstrap-servers)."
        + " Runs until stopped (Ctrl-C).")
public final class BoardCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", description = "a local run's output folder to follow (default: out, unless"
      + " --bootstrap-servers is given)")
  Path out;

  @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", description = "follow the output topics of a kafka-mode job")
  String bootstrapServers;

  @Option(names = "--config", paramLabel = "FILE", description = "job settings: topic names, Kafka client settings"
      + " (default: flink-conf/monitor.yaml if present)")
  Path config;

  @Option(names = "--rules", paramLabel = "FILE", description = "the alert rules whose thresholds color the figures"
      + " (default: the config's, else flink-conf/alert-rules.yaml)")
  Path rules;

  @CommandLine.Mixin
  BoardOptions boardOptions = new BoardOptions();

  @Override
  public Integer call() throws Exception {
    PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    if (out != null && bootstrapServers != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "follow either --out or --bootstrap-servers, not both");
    }
    boardOptions.check(spec.commandLine());
    if (!boardOptions.board()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--board-port 0: there would be nothing to serve");
    }
    MonitorConfig cfg;
    RuleSet ruleSet;
    try {
      cfg = ConfigFiles.config(config);
      ruleSet = ConfigFiles.rules(rules, cfg);
      if (bootstrapServers != null) {
        cfg = cfg.withKafka(cfg.kafka().withBootstrapServers(bootstrapServers));
      }
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    LiveBoard board = new LiveBoard().calendar(ConfigFiles.calendar(cfg));
    OutputFollower follower;
    String what;
    if (bootstrapServers != null) {
      KafkaSettings k = cfg.kafka();
      try {
        java.util.Set<String> missing =
            KafkaClients.check(k, java.util.List.of(k.metricsTopic(), k.alertsTopic()), java.time.Duration.ofSeconds(30));
        if (!missing.isEmpty()) {
          err.println("rule-of-law-monitor board: Kafka at " + k.bootstrapServers() + " has no topic "
              + String.join(", ", missing) + " (is the job's kafka.topics setting the same as this --config's?)");
          return 2;
        }
      } catch (KafkaClients.Unavailable e) {
        err.println("rule-of-law-monitor board: " + e.getMessage());
        return 2;
      }
      List<String> windows = cfg.windowNames();
      follower = OutputFollower.topics(k, board, (yaml, origin) -> {
        try {
          board.rules(RuleSet.parse(yaml, windows, origin));
        } catch (IllegalArgumentException e) {
          // the job refuses it too (and says so in its rule-changes output): the rules shown stay
          err.println("rule-of-law-monitor board: the rule set at " + origin + " is not shown: " + e.getMessage());
        }
      });
      what = k.metricsTopic() + ", " + k.alertsTopic() + " and " + k.rulesTopic() + " at " + k.bootstrapServers();
    } else {
      Path dir = out == null ? Path.of("out") : out;
      follower = OutputFollower.files(dir, board);
      what = dir.toAbsolutePath() + " (metrics.jsonl, alerts.jsonl)";
    }
    try (Wallboard w = boardOptions.startBoard(board, ruleSet, stdout, err); follower) {
      if (w == null) {
        return 2;
      }
      stdout.println("Following " + what + "; Ctrl-C to stop.");
      RulesFileWatch watch = new RulesFileWatch(ConfigFiles.rulesFile(rules, cfg));
      while (!Thread.currentThread().isInterrupted()) {
        follower.poll();
        watch.reload(cfg.windowNames(), board, err);
      }
    }
    return 0;
  }

  /** The board's rules file, read again when it changes (as {@code local --follow} does its own). */
  static final class RulesFileWatch {
    private final Path file;
    private Object seen;

    RulesFileWatch(Path file) {
      this.file = file;
      this.seen = stamp();
    }

    private Object stamp() {
      try {
        return file == null ? null : java.nio.file.Files.getLastModifiedTime(file).toMillis() + ":" + java.nio.file.Files.size(file);
      } catch (java.io.IOException e) {
        return null;
      }
    }

    void reload(List<String> windows, LiveBoard board, PrintStream err) {
      Object now = stamp();
      if (now == null || now.equals(seen)) {
        return;
      }
      seen = now;
      try {
        board.rules(RuleSet.load(file, windows));
      } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
        err.println("rule-of-law-monitor board: " + file + " not shown: " + e.getMessage());
      }
    }
  }
}
