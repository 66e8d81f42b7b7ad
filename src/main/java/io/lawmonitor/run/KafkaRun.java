package io.lawmonitor.run;

import io.lawmonitor.graph.MonitorGraph;
import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.io.Outputs;

import io.lawmonitor.io.KafkaSettings;

import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.alerts.RuleText;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.runtime.QuietWatermarks;
import io.lawmonitor.events.RawEvent;
import io.lawmonitor.io.KafkaInput;
import io.lawmonitor.io.KafkaOutputs;
import io.lawmonitor.io.LiveBoard;
import io.lawmonitor.io.RawEventWatermarks;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The kafka mode: the same graph, reading the input topics (one per stream) and writing the output
 * topics exactly once. What a cluster runs (application mode) and what {@code kafka} runs here.
 */
public final class KafkaRun {
  /**
   * Whether this code runs as user code of a Flink cluster (application mode, or flink run), not as
   * its own program: its user-code class loader says so.
   */
  public static boolean insideFlinkCluster() {
    return KafkaRun.class.getClassLoader() instanceof org.apache.flink.util.FlinkUserCodeClassLoader;
  }

  private KafkaRun() {}

  public static final String JOB_NAME = "rule-of-law monitor (kafka)";

  /** Checkpoints that may fail in a row before the job restarts: 5 min at the default interval of 30 s. */
  static final int TOLERATED_CHECKPOINT_FAILURES = 10;

  /**
   * How one run is shaped.
   *
   * @param parallelism the job's parallelism, or 0 for the cluster's
   * @param untilEnd read what the topics hold when the job starts, then end (a replay of the
   *     topics); otherwise run until stopped
   * @param inputEnd for untilEnd, the time of the last event in the topics; Long.MAX_VALUE otherwise
   * @param fromSavepoint a savepoint or retained checkpoint to start from, or null
   * @param tap what to do to the raw records before the graph (a test injects faults here); identity otherwise
   * @param board also feed this board of this process (its console and wallboard), as the figures are computed; null: none
   * @param machine run on this machine (not inside a cluster): what it serves, where its state lives
   * @param mode the records' mode: live, or replay
   * @param outputs where the outputs go; null for the output topics
   */
  public record Options(int parallelism, boolean untilEnd, long inputEnd, String fromSavepoint,
      UnaryOperator<DataStream<RawEvent>> tap, LiveBoard board, OneMachine machine, String mode, Outputs outputs) {
    public static Options of(int parallelism, boolean untilEnd, long inputEnd) {
      return new Options(parallelism, untilEnd, inputEnd, null, UnaryOperator.identity(), null, OneMachine.background(),
          "live", null);
    }

    public Options fromSavepoint(String path) {
      return new Options(parallelism, untilEnd, inputEnd, path, tap, board, machine, mode, outputs);
    }

    public Options tap(UnaryOperator<DataStream<RawEvent>> t) {
      return new Options(parallelism, untilEnd, inputEnd, fromSavepoint, t, board, machine, mode, outputs);
    }

    /** Also feed this board of this process (a run on one machine). */
    public Options board(LiveBoard b) {
      return new Options(parallelism, untilEnd, inputEnd, fromSavepoint, tap, b, machine, mode, outputs);
    }

    /** A replay of the topics: records marked so, written to these outputs instead of the output topics. */
    public Options replayInto(Outputs o) {
      return new Options(parallelism, untilEnd, inputEnd, fromSavepoint, tap, board, machine, "replay", o);
    }

    public Options machine(OneMachine m) {
      return new Options(parallelism, untilEnd, inputEnd, fromSavepoint, tap, board, m, mode, outputs);
    }
  }

  public static JobExecutionResult run(MonitorConfig cfg, RuleSet rules, WorkCalendar calendar, Configuration flink,
      int parallelism, boolean untilEnd, long inputEnd) throws Exception {
    return prepare(cfg, rules, calendar, flink, Options.of(parallelism, untilEnd, inputEnd)).execute(JOB_NAME);
  }

  /** The environment with the kafka graph in it, ready to execute (or executeAsync, to stop it with a savepoint). */
  public static StreamExecutionEnvironment prepare(MonitorConfig cfg, RuleSet rules, WorkCalendar calendar,
      Configuration flink, Options o) {
    KafkaSettings k = cfg.kafka();
    // inside a cluster its own configuration decides; here, a MiniCluster in this JVM
    Configuration conf = insideFlinkCluster() ? new Configuration(flink) : o.machine().configure(flink, k.stateName());
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    if (o.outputs() == null) {
      // exactly once into the output topics: their transactions commit at checkpoints (a replay
      // into files does not checkpoint: see ReplayOptions)
      conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, k.checkpointInterval());
    }
    conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
    if (!conf.contains(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER)) {
      // a broker restart fails the checkpoints taken while it is away: the job rides it out instead
      // of restarting (a restart while the broker is down leaves every partition quiet, then idle)
      conf.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, TOLERATED_CHECKPOINT_FAILURES);
    }
    if (o.fromSavepoint() != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, o.fromSavepoint());
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    if (o.parallelism() > 0) {
      env.setParallelism(o.parallelism());
    }
    long outOfOrder = cfg.outOfOrderness().toMillis();
    long farFuture = cfg.farFuture().toMillis();
    DataStream<RawEvent> raw = env
        .fromSource(KafkaInput.source(k, o.untilEnd(), cfg.maxEventBytes()),
            WatermarkStrategy.<RawEvent>forGenerator(QuietWatermarks.<RawEvent>supplier(
                    ctx -> new RawEventWatermarks(outOfOrder, farFuture), cfg.idleness(), !o.untilEnd()))
                .withTimestampAssigner(RawEventWatermarks::timestamp),
            "events (kafka)")
        .uid("source-kafka");
    long notAfter = o.untilEnd() ? System.currentTimeMillis() + cfg.farFuture().toMillis() : Long.MAX_VALUE;
    // a bounded read of the topics (a replay) keeps the rules it starts with
    DataStream<RuleText> ruleChanges = o.untilEnd() ? MonitorGraph.noRuleChanges(env)
        : env.fromSource(KafkaInput.rules(k), MonitorGraph.RULE_CHANGES, "rule changes (kafka)").uid("source-rules-kafka")
            .setParallelism(1);
    // the figures as gauges for a Prometheus to scrape: in a cluster its reporters decide; on one
    // machine only with --metrics-port (otherwise no one reads them, and they cost the windows time)
    MonitorConfig graphConfig = insideFlinkCluster() || o.machine().metricsPort() > 0 ? cfg : cfg.withoutGauges();
    MonitorGraph.build(o.tap().apply(raw), ruleChanges,
        new MonitorGraph.Settings(graphConfig, rules, calendar, o.mode(), o.inputEnd(), notAfter),
        o.outputs() != null ? o.outputs() : new KafkaOutputs(k, o.board()), true);
    return env;
  }
}
