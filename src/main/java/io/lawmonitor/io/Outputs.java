package io.lawmonitor.io;

import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.alerts.RuleChange;
import io.lawmonitor.events.DeadLetter;
import io.lawmonitor.events.LateEvent;
import io.lawmonitor.lifecycle.CaseWatch;
import io.lawmonitor.metrics.MetricRecord;
import io.lawmonitor.notify.DeliveryRecord;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Where the graph's outputs go; the modes and the tests differ in what they attach here. */
public interface Outputs {
  void metrics(DataStream<MetricRecord> metrics);

  void alerts(DataStream<AlertRecord> alerts);

  void deadLetters(DataStream<DeadLetter> deadLetters);

  void lateEvents(DataStream<LateEvent> lateEvents);

  /** The delivery log: each message to an alert subscriber, delivered or failed. */
  void deliveries(DataStream<DeliveryRecord> deliveries);

  /** The 督办清单: clocks due soon, overdue, and leaving the list. */
  void caseWatch(DataStream<CaseWatch> records);

  /** Rule sets put in force or refused while the job runs. */
  void ruleChanges(DataStream<RuleChange> changes);

  /** The board of this process the figures also go to (its console and wallboard), or null. */
  LiveBoard board();

  /**
   * The text of each rule set put in force while the job runs, for the board on this machine
   * (its thresholds follow the rules), when there is one.
   */
  default void rulesInForce(DataStream<String> yaml, java.util.List<String> windows) {
    if (board() != null) {
      yaml.sinkTo(new BoardSink<>(board().id(), windows)).name("console rules").uid("sink-rules-console")
          .setParallelism(1);
    }
  }
}
