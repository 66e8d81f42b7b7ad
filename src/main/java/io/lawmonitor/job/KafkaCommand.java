package io.lawmonitor.job;

import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.events.Accounting;
import io.lawmonitor.io.KafkaScan;
import java.nio.file.Path;
import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.io.ConsoleBoard;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kafka}: the same graph on the four input topics, writing the output topics exactly once. */
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

  @Option(names = "--summary", paramLabel = "FILE",
      description = "when the job ends, write its counts here (summary.json: read, used, duplicates, dead letters,"
          + " late, orphans, metric records, alerts)")
  Path summary;

  @Option(names = "--quiet", description = "no live table or alert lines; only the counts when the job ends")
  boolean quiet;

  @Option(names = "--web-ui-port", paramLabel = "PORT", defaultValue = "8081",
      description = "run here: the Flink web UI's port (default 8081, the next free one if busy)")
  int webUiPort;

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "0", description = "parallelism (default: the cluster's)")
  int parallelism;

  @Override
  public Integer call() throws Exception {
    MonitorConfig cfg;
    RuleSet ruleSet;
    WorkCalendar calendar;
    try {
      cfg = Startup.config(config);
      cfg = cfg.withKafka(cfg.kafka().withBootstrapServers(bootstrapServers));
      ruleSet = Startup.rules(rules, cfg);
      calendar = Startup.calendar(cfg);
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Startup.warnCalendar(calendar, Long.MAX_VALUE, System.err);
    long inputEnd = Long.MAX_VALUE;
    if (untilEnd) {
      long end = KafkaScan.lastEventTime(cfg.kafka(), cfg.maxEventBytes(),
          System.currentTimeMillis() + cfg.farFuture().toMillis());
      inputEnd = end == Long.MIN_VALUE ? Long.MAX_VALUE - 1 : end;
    }
    long started = System.currentTimeMillis();
    org.apache.flink.configuration.Configuration flink = Startup.flinkConfig();
    KafkaRun.Options options = KafkaRun.Options.of(parallelism, untilEnd, inputEnd).fromSavepoint(fromSavepoint);
    JobExecutionResult r;
    if (Main.insideFlinkCluster()) {
      // application mode (the operator's, k8s/): submit and return; the cluster runs the job, and
      // its counts are the job's metrics and accumulators, not this method's to wait for
      JobClient client = KafkaRun.prepare(cfg, ruleSet, calendar, flink, options).executeAsync(KafkaRun.JOB_NAME);
      System.out.println("Submitted " + KafkaRun.JOB_NAME + " as job " + client.getJobID());
      return 0;
    } else {
      // on one machine: a MiniCluster in this JVM, with its web UI and the live console
      int port = LocalCommand.freePort(webUiPort);
      flink.set(org.apache.flink.configuration.RestOptions.PORT, port);
      flink.set(org.apache.flink.configuration.RestOptions.BIND_PORT, String.valueOf(port));
      boolean ansi = System.console() != null && !quiet;
      ConsoleView view = new ConsoleView(System.out, ansi);
      ConsoleBoard.get().reset();
      System.out.println("Rule-of-law monitor, kafka mode: " + String.join(", ", cfg.kafka().inputTopics()) + " at "
          + cfg.kafka().bootstrapServers() + ", " + ruleSet.rules().size() + " alert rules"
          + (untilEnd ? ", until the end of what they hold now" : ""));
      System.out.println("Flink web UI: http://localhost:" + port + "/ (while the job runs). Outputs: "
          + cfg.kafka().metricsTopic() + ", " + cfg.kafka().alertsTopic() + ", " + cfg.kafka().deadLettersTopic() + ", "
          + cfg.kafka().lateEventsTopic() + " (read_committed: at each checkpoint, every "
          + Durations.format(cfg.kafka().checkpointInterval()) + ")");
      JobClient client = KafkaRun.prepare(cfg, ruleSet, calendar, flink, options.console(!quiet))
          .executeAsync(KafkaRun.JOB_NAME);
      view.watch(client, quiet);
      r = client.getJobExecutionResult().get();
      if (!quiet) {
        List<AlertRecord> rest = ConsoleBoard.get().takeNewAlerts();
        if (!ansi) {
          view.printAlerts(rest);
        }
        System.out.println();
        view.printTable(ConsoleBoard.get(), "Final figures");
        System.out.println();
      }
    }
    Map<String, Object> acc = r.getAllAccumulatorResults();
    long firing = count(acc, Accounting.ALERTS_FIRING);
    long resolved = count(acc, Accounting.ALERTS_RESOLVED);
    Summary s = new Summary("live", count(acc, Accounting.EVENTS_READ), count(acc, Accounting.EVENTS_USED),
        count(acc, Accounting.DUPLICATES), count(acc, Accounting.DEAD_LETTERS), count(acc, Accounting.LATE_EVENTS),
        count(acc, Accounting.ORPHANS), count(acc, Accounting.METRIC_RECORDS), firing + resolved, firing, resolved,
        inputEnd >= Long.MAX_VALUE - 1 ? Long.MIN_VALUE : inputEnd, System.currentTimeMillis() - started);
    System.out.printf("Done in %.1f s: %d events read = %d used + %d duplicates + %d dead letters + %d late; %d orphans;"
            + " %d metric records; %d alerts (%d firing, %d resolved).%n", s.runMillis() / 1000.0, s.eventsRead(),
        s.eventsUsed(), s.duplicates(), s.deadLetters(), s.lateEvents(), s.orphans(), s.metricRecords(), s.alerts(),
        firing, resolved);
    if (summary != null) {
      if (summary.toAbsolutePath().getParent() != null) {
        java.nio.file.Files.createDirectories(summary.toAbsolutePath().getParent());
      }
      s.write(summary);
    }
    if (!untilEnd) {
      savepointOf(flink, r.getJobID().toString()).ifPresent(sp -> System.out.println(
          "Stopped with a savepoint. To carry on (a new version, other settings, another parallelism):\n"
              + "  java -jar target/rule-of-law-monitor.jar kafka --bootstrap-servers " + bootstrapServers
              + " --from-savepoint " + sp));
    }
    return 0;
  }

  private static long count(Map<String, Object> acc, String name) {
    return acc.get(name) instanceof Number n ? n.longValue() : 0L;
  }

  /** The newest savepoint this job wrote into the configured savepoint folder, if it was stopped with one. */
  static java.util.Optional<String> savepointOf(org.apache.flink.configuration.Configuration flink, String jobId) {
    String dir = flink.get(org.apache.flink.configuration.CheckpointingOptions.SAVEPOINT_DIRECTORY);
    if (dir == null) {
      return java.util.Optional.empty();
    }
    java.io.File[] found = new java.io.File(java.net.URI.create(dir.startsWith("file:") ? dir : "file://" + dir))
        .listFiles(f -> f.isDirectory() && f.getName().startsWith("savepoint-" + jobId.substring(0, 6) + "-"));
    if (found == null || found.length == 0) {
      return java.util.Optional.empty();
    }
    java.util.Arrays.sort(found, java.util.Comparator.comparingLong(java.io.File::lastModified));
    return java.util.Optional.of(found[found.length - 1].toURI().toString());
  }
}
