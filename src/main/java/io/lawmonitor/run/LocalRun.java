package io.lawmonitor.run;

import io.lawmonitor.graph.MonitorGraph;
import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.alerts.RuleText;
import io.lawmonitor.io.RulesFileSource;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.events.RawEvent;
import io.lawmonitor.io.LiveBoard;
import io.lawmonitor.io.FileOutputs;
import io.lawmonitor.io.FileReading;
import io.lawmonitor.io.InputFiles;
import io.lawmonitor.io.MergedFileSource;
import io.lawmonitor.io.OutputOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the graph on files in a MiniCluster inside this JVM: the local mode, replay over files,
 * and the integration tests all come through here.
 */
public final class LocalRun {
  private LocalRun() {}

  public record Options(
      List<String> files,
      Path out,
      MonitorConfig config,
      RuleSet rules,
      WorkCalendar calendar,
      Configuration flinkConfig,
      int parallelism,
      boolean follow,
      double speed,
      /** What it serves, where, and where its state lives. */
      OneMachine machine,
      /** The board of this process the figures also go to (its console and wallboard), or null. */
      LiveBoard board,
      String mode,
      /** The files' encoding, which to put in eventTime order first (bounded inputs only), the range read; null: defaults. */
      FileReading reading,
      /** rocksdb or hashmap; null for what flink-conf/config.yaml says. */
      String stateBackend,
      /** With follow: the rules file, watched; its changes take effect while the job runs. Else null. */
      Path rulesFile) {
    public Options {
      reading = reading == null ? FileReading.defaults() : reading;
    }
  }

  /** What runs beside the job until it ends: given the job and what the scan of its input found (null with follow). */
  public interface Watcher {
    void watch(JobClient job, InputFiles.Scan scan);
  }

  /** Runs to the end of the input (or until stopped, with follow) and writes summary.json. */
  public static Summary run(Options o, Watcher whileRunning) throws Exception {
    long started = System.currentTimeMillis();
    return run(o, () -> o.follow() ? null : scan(o.config(), o.files(), o.reading(), InputFiles.OrderJudge.NONE), started,
        whileRunning);
  }

  /** How a run reads its bounded input once before it starts (null with follow). */
  public interface Scanning {
    InputFiles.Scan scan() throws Exception;
  }

  /** A bounded input read once the way its run will read it ({@link InputFiles#scan}), with these settings. */
  public static InputFiles.Scan scan(MonitorConfig c, List<String> files, FileReading reading, InputFiles.OrderJudge judge) {
    long farFuture = c.farFuture().toMillis();
    // decided here, once, by the client: no real event is later than the present (plus the bound)
    return InputFiles.scan(files, c.maxEventBytes(), c.outOfOrderness().toMillis(), farFuture,
        System.currentTimeMillis() + farFuture, reading, judge);
  }

  /**
   * As {@link #run(Options, Watcher)}, the input read once by {@code scanning} (null with follow)
   * while the MiniCluster starts: the files are then read as the scan says. Its time is counted
   * from {@code started}.
   */
  public static Summary run(Options o, Scanning scanning, long started, Watcher whileRunning) throws Exception {
    Files.createDirectories(o.out());
    Configuration conf = o.machine().configure(o.flinkConfig(), "local");
    if (o.stateBackend() != null) {
      conf.set(StateBackendOptions.STATE_BACKEND, o.stateBackend());
    }
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    conf.set(CoreOptions.DEFAULT_PARALLELISM, o.parallelism());
    conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
    try (EarlyCluster cluster = EarlyCluster.start(conf, o.parallelism())) {
      return run(o, scanning.scan(), started, whileRunning, cluster.environment());
    }
  }

  private static Summary run(Options o, InputFiles.Scan scan, long started, Watcher whileRunning,
      StreamExecutionEnvironment env) throws Exception {
    long farFuture = o.config().farFuture().toMillis();
    long notAfter = scan != null ? scan.notAfter() : System.currentTimeMillis() + farFuture;
    FileReading reading = scan != null ? scan.reading() : o.reading();
    long inputEnd = scan == null ? Long.MAX_VALUE : MonitorGraph.boundedEnd(scan.lastEventTime());
    env.setParallelism(o.parallelism());

    DataStream<RawEvent> raw = env
        .fromSource(new MergedFileSource(o.files(), farFuture, o.follow(), o.speed(), reading),
            WatermarkStrategy.noWatermarks(), "events (files)")
        .uid("source-files")
        .setParallelism(1);
    DataStream<RuleText> ruleChanges = o.follow() && o.rulesFile() != null
        ? env.fromSource(new RulesFileSource(o.rulesFile(), o.rules().yaml()), MonitorGraph.RULE_CHANGES, "rule changes (file)")
            .uid("source-rules-file").setParallelism(1)
        : MonitorGraph.noRuleChanges(env);
    // the figures as gauges only for a Prometheus to scrape (--metrics-port)
    MonitorConfig config = o.machine().metricsPort() > 0 ? o.config() : o.config().withoutGauges();
    MonitorGraph.build(raw, ruleChanges, new MonitorGraph.Settings(config, o.rules(), o.calendar(), o.mode(), inputEnd, notAfter),
        new FileOutputs(o.out(), o.board()));

    JobClient client = env.executeAsync("rule-of-law monitor (" + o.mode() + ")");
    // a followed input has no end: Ctrl-C or SIGTERM stops the job with its outputs written out (through
    // a savepoint in a temporary folder: a local run starts afresh, it does not carry on from one)
    try (GracefulStop stop = o.follow() ? new GracefulStop(client, null, System.err) : null) {
      if (whileRunning != null) {
        whileRunning.watch(client, scan);
      }
      JobExecutionResult result = client.getJobExecutionResult().get();
      if (!o.follow()) {
        OutputOrder.sortAll(o.out());
      }
      Summary s = Summary.of(o.mode(), result.getAllAccumulatorResults(), inputEnd, System.currentTimeMillis() - started);
      if (stop != null && stop.stopped()) {
        s = s.stoppedRun();
      }
      s.write(o.out().resolve("summary.json"));
      return s;
    }
  }
}
