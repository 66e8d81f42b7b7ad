package io.lawmonitor.job;

import io.lawmonitor.console.ConsoleView;
import io.lawmonitor.run.Summary;
import io.lawmonitor.run.OneMachine;
import io.lawmonitor.run.Retained;
import io.lawmonitor.run.GracefulStop;
import io.lawmonitor.run.KafkaScan;
import io.lawmonitor.run.KafkaRun;
import io.lawmonitor.graph.MonitorGraph;
import io.lawmonitor.config.ConfigFiles;
import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.support.Durations;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.io.KafkaClients;
import java.time.Duration;
import java.nio.file.Path;
import io.lawmonitor.io.LiveBoard;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kafka}: the same graph on the input topics (one per stream), writing the output topics exactly once. */
@Command(name = "kafka", mixinStandardHelpOptions = true,
    description = "Run the monitor on Kafka: read law.{enforcement,hotline,review,mediation}.events, write"
        + " law.rate-metrics, law.alerts, law.dead-letters and law.late-events in transactions (exactly once)."
        + " Also the entry point a cluster runs in application mode.")
public final class KafkaCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOSTS", description = "host:port[,host:port...]")
  String bootstrapServers;

  @Option(names = "--config", paramLabel = "FILE", description = "job settings (default: flink-conf/monitor.yaml if present)")
  Path config;

  @Option(names = "--rules", paramLabel = "FILE", description = "alert rules (default: flink-conf/alert-rules.yaml)")
  Path rules;

  @Option(names = "--until-end",
      description = "read what the topics hold now, then end (a replay of the topics); without it, run until stopped")
  boolean untilEnd;

  @Option(names = "--from-savepoint", paramLabel = "PATH",
      description = "start from this savepoint or retained checkpoint (an upgrade, a rescale, a move)")
  String fromSavepoint;

  @Option(names = "--resume",
      description = "carry on from the newest checkpoint or savepoint this job (this consumer group) left in the state"
          + " folder, after a crash, a kill or a stop; says which one it took")
  boolean resume;

  @Option(names = "--summary", paramLabel = "FILE",
      description = "when the job ends, write its counts here (summary.json: read, used, duplicates, dead letters,"
          + " late, orphans, metric records, alerts)")
  Path summary;

  @Option(names = "--quiet", description = "no live table or alert lines; only the counts when the job ends")
  boolean quiet;

  @CommandLine.Mixin
  MachineOptions machineOptions = new MachineOptions();

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "0", description = "parallelism (default: the cluster's)")
  int parallelism;

  @Override
  public Integer call() throws Exception {
    if (resume && fromSavepoint != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--resume or --from-savepoint, not both");
    }
    MonitorConfig cfg;
    RuleSet ruleSet;
    WorkCalendar calendar;
    try {
      cfg = ConfigFiles.config(config);
      cfg = cfg.withKafka(cfg.kafka().withBootstrapServers(bootstrapServers));
      ruleSet = ConfigFiles.rules(rules, cfg);
      calendar = ConfigFiles.calendar(cfg);
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    ConfigFiles.warnCalendar(calendar, Long.MAX_VALUE, System.err);
    boolean here = !KafkaRun.insideFlinkCluster();
    OneMachine machine = here ? machineOptions.resolve(spec, System.err) : null;
    org.apache.flink.configuration.Configuration flink = ConfigFiles.flinkConfig();
    String savepointDir = null;
    String start = fromSavepoint;
    if (here) {
      savepointDir = machine.savepointsDir(flink, cfg.kafka().stateName());
      if (resume) {
        String checkpoints = machine.checkpointsDir(flink, cfg.kafka().stateName());
        java.util.Optional<Retained> newest = Retained.newest(checkpoints, savepointDir);
        if (newest.isEmpty()) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--resume: no checkpoint or savepoint of this job"
              + " (group " + cfg.kafka().groupId() + ") in " + checkpoints + " or " + savepointDir + "; start without --resume");
        }
        Retained found = newest.get();
        System.out.println("Resuming from " + found.describe() + ": " + found.path());
        start = found.path();
      }
    } else if (resume) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--resume is for a run on one machine; in a cluster the operator resumes from the last state");
    }
    try {
      List<String> read = new java.util.ArrayList<>(cfg.kafka().inputTopics());
      read.add(cfg.kafka().rulesTopic());
      java.util.Set<String> missing = KafkaClients.check(cfg.kafka(), read, Duration.ofSeconds(30));
      boolean rulesTopic = !missing.remove(cfg.kafka().rulesTopic());
      if (!missing.isEmpty()) {
        System.err.println("WARNING: Kafka at " + cfg.kafka().bootstrapServers() + " has no topic " + String.join(", ", missing)
            + " (yet): each is read once it exists (k8s/kafka-topics.yaml lists the topics)");
      }
      if (!rulesTopic && !untilEnd) {
        System.err.println("Note: there is no topic " + cfg.kafka().rulesTopic() + " yet: the rules stay as they start until"
            + " it is created (then a rules file published there takes effect)");
      }
    } catch (KafkaClients.Unavailable e) {
      System.err.println("rule-of-law-monitor kafka: " + e.getMessage());
      return 2;
    }
    long inputEnd = Long.MAX_VALUE;
    if (untilEnd) {
      long end = KafkaScan.lastEventTime(cfg, System.currentTimeMillis() + cfg.farFuture().toMillis());
      inputEnd = MonitorGraph.boundedEnd(end);
    }
    long started = System.currentTimeMillis();
    KafkaRun.Options options = KafkaRun.Options.of(parallelism, untilEnd, inputEnd).fromSavepoint(start);
    JobExecutionResult r;
    boolean stopped = false;
    if (!here) {
      // application mode (the operator's, k8s/): submit and return; the cluster runs the job, and
      // its counts are the job's metrics and accumulators, not this method's to wait for
      JobClient client = KafkaRun.prepare(cfg, ruleSet, calendar, flink, options).executeAsync(KafkaRun.JOB_NAME);
      System.out.println("Submitted " + KafkaRun.JOB_NAME + " as job " + client.getJobID());
      return 0;
    } else {
      // on one machine: a MiniCluster in this JVM, with its web UI and the live console
      boolean ansi = System.console() != null && !quiet;
      // this run's figures on this process's screens: the console table and the wallboard
      LiveBoard live = LiveBoard.open().calendar(calendar);
      ConsoleView view = new ConsoleView(System.out, ansi, live);
      System.out.println("Rule-of-law monitor, kafka mode: " + String.join(", ", cfg.kafka().inputTopics()) + " at "
          + cfg.kafka().bootstrapServers() + ", " + ruleSet.rules().size() + " alert rules"
          + (untilEnd ? ", until the end of what they hold now" : ""));
      System.out.println((machine.webUiPort() > 0 ? "Flink web UI: " + machine.webUiUrl() + " (while the job runs). " : "")
          + "Outputs: " + cfg.kafka().metricsTopic() + ", " + cfg.kafka().alertsTopic() + ", " + cfg.kafka().deadLettersTopic()
          + ", " + cfg.kafka().lateEventsTopic() + " (read_committed: at each checkpoint, every "
          + Durations.format(cfg.kafka().checkpointInterval()) + ")");
      if (machine.metricsPort() > 0) {
        System.out.println("Prometheus metrics: " + machine.metricsUrl());
      }
      try (live; io.lawmonitor.board.Wallboard board = machineOptions.startBoard(live, ruleSet, System.out, System.err)) {
        JobClient client = KafkaRun.prepare(cfg, ruleSet, calendar, flink,
                options.board(!quiet || machineOptions.board() ? live : null).machine(machine))
            .executeAsync(KafkaRun.JOB_NAME);
        // Ctrl-C or SIGTERM: stopped with a savepoint, its transactions committed, to carry on from
        try (GracefulStop stop = untilEnd ? null : new GracefulStop(client, savepointDir, System.err)) {
          view.watch(client, quiet);
          r = client.getJobExecutionResult().get();
          stopped = stop != null && stop.stopped();
        }
      }
      view.finish(quiet);
      System.out.println();
    }
    Summary s = Summary.of("live", r.getAllAccumulatorResults(), inputEnd, System.currentTimeMillis() - started);
    if (stopped) {
      s = s.stoppedRun();
    }
    System.out.println(s.closing());
    if (summary != null) {
      if (summary.toAbsolutePath().getParent() != null) {
        java.nio.file.Files.createDirectories(summary.toAbsolutePath().getParent());
      }
      s.write(summary);
    }
    if (!untilEnd && savepointDir != null) {
      Retained.newestSavepoint(savepointDir, r.getJobID().toString()).ifPresent(sp -> System.out.println(
          "Stopped with a savepoint. To carry on (a new version, other settings, another parallelism):\n"
              + "  bin/monitor kafka --bootstrap-servers " + bootstrapServers
              + " --from-savepoint " + sp.path() + "\n"
              + "or, with the same settings, --resume"));
    }
    return 0;
  }
}
