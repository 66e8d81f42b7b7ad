package io.lawmonitor.io;

import io.lawmonitor.lifecycle.CaseWatchJson;
import io.lawmonitor.alerts.AlertJson;
import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.alerts.RuleChange;
import io.lawmonitor.events.DeadLetter;
import io.lawmonitor.events.LateEvent;
import io.lawmonitor.lifecycle.CaseWatch;
import io.lawmonitor.io.KafkaSettings;
import io.lawmonitor.metrics.MetricRecord;
import io.lawmonitor.notify.DeliveryRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The outputs as transactional Kafka sinks: records become visible to read_committed
 * consumers when the checkpoint that covers them completes, so each appears once.
 */
public class KafkaOutputs implements Outputs {
  private final KafkaSettings k;
  private final LiveBoard board;

  public KafkaOutputs(KafkaSettings k) {
    this(k, null);
  }

  /** @param board also feed this board of this process (a run on one machine; null: none), as the figures are computed */
  public KafkaOutputs(KafkaSettings k, LiveBoard board) {
    this.k = k;
    this.board = board;
  }

  private <T> KafkaSink<T> sink(String topic, String name, SerializableFunction<T, byte[]> key,
      SerializableFunction<T, String> value) {
    return sink(topic, name, key, JsonLinesSink.text(value));
  }

  /**
   * The producers' batching unless kafka.properties says otherwise: an output topic takes millions
   * of small, alike JSON lines (a replay of a million events writes 2.7 million metric records),
   * which compress several times over in large batches, so the broker stores and the network
   * carries a fraction of the bytes. Waiting up to 100 ms to fill a batch delays nothing anyone
   * sees: a transaction's records become visible at its checkpoint, and the checkpoint flushes.
   */
  static final Map<String, String> PRODUCER_DEFAULTS = Map.of(
      "compression.type", "lz4",
      "batch.size", String.valueOf(512 * 1024),
      "linger.ms", "100");

  private <T> KafkaSink<T> sink(String topic, String name, SerializableFunction<T, byte[]> key,
      JsonLinesSink.Format<T> value) {
    Properties producer = KafkaClients.base(k);
    PRODUCER_DEFAULTS.forEach(producer::putIfAbsent);
    return KafkaSink.<T>builder()
        .setKafkaProducerConfig(producer)
        .setBootstrapServers(k.bootstrapServers())
        .setRecordSerializer(new Lines<>(topic, key, value))
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(k.transactionalIdPrefix() + "-" + name)
        .setProperty("transaction.timeout.ms", String.valueOf(k.transactionTimeout().toMillis()))
        .build();
  }

  /**
   * A record's value as the line the file outputs write, formatted into one reused buffer and
   * copied out as bytes, with no {@code String} between (millions of metric records a run). The
   * record's Kafka timestamp is when it was written, not the event time it is about (that is in
   * the record: windowEnd, at, eventTime). An event-time timestamp would put the output of a
   * catch-up or a replay weeks in the past, where the topic's time-based retention deletes it as
   * soon as its segment rolls.
   */
  static final class Lines<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private final String topic;
    private final SerializableFunction<T, byte[]> key;
    private final JsonLinesSink.Format<T> value;
    private transient LineBuffer line;

    Lines(String topic, SerializableFunction<T, byte[]> key, JsonLinesSink.Format<T> value) {
      this.topic = topic;
      this.key = key;
      this.value = value;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
      if (line == null) {
        line = new LineBuffer();
      }
      value.write(element, line.clear());
      return new ProducerRecord<>(topic, null, null, key.apply(element), line.toByteArray());
    }
  }

  @Override
  public void metrics(DataStream<MetricRecord> metrics) {
    metrics.sinkTo(sink(k.metricsTopic(), "metrics", KafkaTopics::metricKey,
            (JsonLinesSink.Format<MetricRecord>) (m, line) -> OutputJson.metric(m, line)))
        .name(k.metricsTopic()).uid("sink-metrics-kafka");
    if (board != null) {
      metrics.sinkTo(new BoardSink<>(board.id())).name("console").uid("sink-metrics-console").setParallelism(1);
    }
  }

  @Override
  public void alerts(DataStream<AlertRecord> alerts) {
    alerts.sinkTo(sink(k.alertsTopic(), "alerts", KafkaTopics::alertKey, AlertJson::write))
        .name(k.alertsTopic()).uid("sink-alerts-kafka");
    if (board != null) {
      alerts.sinkTo(new BoardSink<>(board.id())).name("console alerts").uid("sink-alerts-console").setParallelism(1);
    }
  }

  @Override
  public void deadLetters(DataStream<DeadLetter> deadLetters) {
    deadLetters.sinkTo(sink(k.deadLettersTopic(), "dead-letters", KafkaTopics::deadLetterKey, OutputJson::deadLetter))
        .name(k.deadLettersTopic()).uid("sink-dead-letters-kafka");
  }

  @Override
  public void lateEvents(DataStream<LateEvent> lateEvents) {
    lateEvents.sinkTo(sink(k.lateEventsTopic(), "late-events", KafkaTopics::lateKey, OutputJson::late))
        .name(k.lateEventsTopic()).uid("sink-late-events-kafka");
  }

  @Override
  public void deliveries(DataStream<DeliveryRecord> deliveries) {
    deliveries.sinkTo(sink(k.deliveriesTopic(), "deliveries", KafkaTopics::deliveryKey, OutputJson::delivery))
        .name(k.deliveriesTopic()).uid("sink-deliveries-kafka");
  }

  @Override
  public void caseWatch(DataStream<CaseWatch> records) {
    records.sinkTo(sink(k.caseWatchTopic(), "case-watch", w -> w.caseId().getBytes(StandardCharsets.UTF_8),
            CaseWatchJson::write))
        .name(k.caseWatchTopic()).uid("sink-case-watch-kafka");
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
    changes.sinkTo(sink(k.ruleChangesTopic(), "rule-changes", c -> c.origin().getBytes(StandardCharsets.UTF_8),
            OutputJson::ruleChange))
        .name(k.ruleChangesTopic()).uid("sink-rule-changes-kafka");
  }
}
