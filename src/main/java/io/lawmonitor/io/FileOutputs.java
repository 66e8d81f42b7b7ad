package io.lawmonitor.io;

import io.lawmonitor.lifecycle.CaseWatchJson;
import io.lawmonitor.alerts.AlertJson;
import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.alerts.RuleChange;
import io.lawmonitor.events.DeadLetter;
import io.lawmonitor.events.LateEvent;
import io.lawmonitor.lifecycle.CaseWatch;
import io.lawmonitor.metrics.MetricRecord;
import io.lawmonitor.notify.DeliveryRecord;
import java.nio.file.Path;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The local and replay outputs: JSONL files under one directory, and optionally a board of this process. */
public class FileOutputs implements Outputs {
  public static final String METRICS = "metrics.jsonl";
  public static final String ALERTS = "alerts.jsonl";
  public static final String DEAD_LETTERS = "dead-letters.jsonl";
  public static final String LATE_EVENTS = "late-events.jsonl";
  public static final String DELIVERIES = "deliveries.jsonl";
  public static final String RULE_CHANGES = "rule-changes.jsonl";
  public static final String CASE_WATCH = "case-watch.jsonl";

  private final Path dir;
  private final LiveBoard board;

  /** @param board also feed this board of this process (null: none), as the figures are computed */
  public FileOutputs(Path dir, LiveBoard board) {
    this.dir = dir;
    this.board = board;
  }

  @Override
  public void metrics(DataStream<MetricRecord> metrics) {
    metrics.sinkTo(new JsonLinesSink<>(dir.resolve(METRICS), (m, line) -> OutputJson.metric(m, line), OutputOrder.METRICS))
        .name(METRICS).uid("sink-metrics-file").setParallelism(1);
    if (board != null) {
      metrics.sinkTo(new BoardSink<>(board.id())).name("console").uid("sink-metrics-console").setParallelism(1);
    }
  }

  @Override
  public void alerts(DataStream<AlertRecord> alerts) {
    alerts.sinkTo(new JsonLinesSink<>(dir.resolve(ALERTS), JsonLinesSink.text(AlertJson::write), OutputOrder.ALERTS))
        .name(ALERTS).uid("sink-alerts-file").setParallelism(1);
    if (board != null) {
      alerts.sinkTo(new BoardSink<>(board.id())).name("console alerts").uid("sink-alerts-console").setParallelism(1);
    }
  }

  @Override
  public void deadLetters(DataStream<DeadLetter> deadLetters) {
    deadLetters.sinkTo(new JsonLinesSink<>(dir.resolve(DEAD_LETTERS), JsonLinesSink.text(OutputJson::deadLetter)))
        .name(DEAD_LETTERS).uid("sink-dead-letters-file").setParallelism(1);
  }

  @Override
  public void lateEvents(DataStream<LateEvent> lateEvents) {
    lateEvents.sinkTo(new JsonLinesSink<>(dir.resolve(LATE_EVENTS), JsonLinesSink.text(OutputJson::late)))
        .name(LATE_EVENTS).uid("sink-late-events-file").setParallelism(1);
  }

  @Override
  public void deliveries(DataStream<DeliveryRecord> deliveries) {
    deliveries.sinkTo(new JsonLinesSink<>(dir.resolve(DELIVERIES), JsonLinesSink.text(OutputJson::delivery)))
        .name(DELIVERIES).uid("sink-deliveries-file").setParallelism(1);
  }

  @Override
  public void caseWatch(DataStream<CaseWatch> records) {
    records.sinkTo(new JsonLinesSink<>(dir.resolve(CASE_WATCH), JsonLinesSink.text(CaseWatchJson::write),
            OutputOrder.CASE_WATCH))
        .name(CASE_WATCH).uid("sink-case-watch-file").setParallelism(1);
    if (board != null) {
      records.sinkTo(new BoardSink<>(board.id())).name("console case watch").uid("sink-case-watch-console")
          .setParallelism(1);
    }
  }

  @Override
  public LiveBoard board() {
    return board;
  }

  @Override
  public void ruleChanges(DataStream<RuleChange> changes) {
    changes.sinkTo(new JsonLinesSink<>(dir.resolve(RULE_CHANGES), JsonLinesSink.text(OutputJson::ruleChange)))
        .name(RULE_CHANGES).uid("sink-rule-changes-file").setParallelism(1);
  }
}
