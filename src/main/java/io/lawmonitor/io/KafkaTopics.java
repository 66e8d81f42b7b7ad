package io.lawmonitor.io;

import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.catalogue.Catalogue;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.events.DeadLetter;
import io.lawmonitor.events.LateEvent;
import io.lawmonitor.metrics.MetricRecord;
import io.lawmonitor.notify.DeliveryRecord;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The topics (README, "Kafka mode"), each beside its key and format. Inputs: one JSON event per record,
 * key = caseId. Outputs: the same JSON as the local files, with these keys.
 */
public final class KafkaTopics {
  private KafkaTopics() {}

  /** Each stream's input topic unless configured otherwise ("hotline" → law.hotline.events). */
  public static Map<StreamKind, String> inputs() {
    Map<StreamKind, String> m = new EnumMap<>(StreamKind.class);
    Catalogue.all().forEach(d -> m.put(d.kind(), d.defaultTopic()));
    return m;
  }

  /** The default input topics, in the catalogue's order of streams. */
  public static final List<String> INPUTS = List.copyOf(inputs().values());

  /** key = metric|window|scope, so a compacted topic keeps the newest revision of each figure. */
  public static final String RATE_METRICS = "law.rate-metrics";
  /** key = fingerprint: a FIRING and its RESOLVED share it. */
  public static final String ALERTS = "law.alerts";
  /** key = where the record came from (topic/partition@offset). */
  public static final String DEAD_LETTERS = "law.dead-letters";
  /** key = eventId. */
  public static final String LATE_EVENTS = "law.late-events";

  /** key = the message's idempotency key: a delivery and its repeats share it. */
  public static final String ALERT_DELIVERIES = "law.alert-deliveries";

  /** A whole rules file per record, to replace the rules in force (key: anything; the newest valid one wins). */
  public static final String ALERT_RULES = "law.alert-rules";
  /** key = where the rule set came from (topic/partition@offset). */
  public static final String RULE_CHANGES = "law.rule-changes";
  /** key = caseId: a case's records stay in order on one partition. */
  public static final String CASE_WATCH = "law.case-watch";

  static byte[] deliveryKey(DeliveryRecord d) {
    return (d.target() + "|" + d.key()).getBytes(StandardCharsets.UTF_8);
  }

  /** {@link MetricRecord#key()} in UTF-8, from the names' bytes kept once rather than a string a record. */
  static byte[] metricKey(MetricRecord m) {
    byte[] metric = OutputJson.utf8(m.metric());
    byte[] window = OutputJson.utf8(m.window());
    byte[] scope = OutputJson.utf8(m.scope());
    byte[] k = new byte[metric.length + window.length + scope.length + 2];
    System.arraycopy(metric, 0, k, 0, metric.length);
    k[metric.length] = '|';
    System.arraycopy(window, 0, k, metric.length + 1, window.length);
    k[metric.length + 1 + window.length] = '|';
    System.arraycopy(scope, 0, k, metric.length + window.length + 2, scope.length);
    return k;
  }

  static byte[] alertKey(AlertRecord a) {
    return a.fingerprint().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] deadLetterKey(DeadLetter d) {
    return d.origin() == null ? null : d.origin().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] lateKey(LateEvent l) {
    return l.event().eventId.getBytes(StandardCharsets.UTF_8);
  }
}
