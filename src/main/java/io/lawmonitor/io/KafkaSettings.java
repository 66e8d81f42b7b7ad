package io.lawmonitor.io;

import io.lawmonitor.events.StreamKind;
import java.util.EnumMap;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where the kafka mode reads and writes, and how. The transaction timeout must stay below the
 * broker's {@code transaction.max.timeout.ms} (15 min by default) and above the checkpoint
 * interval plus the longest restart, or a restart can find its transactions already aborted.
 */
public record KafkaSettings(
    String bootstrapServers,
    /** Each stream's input topic. */
    Map<StreamKind, String> inputs,
    String metricsTopic,
    String alertsTopic,
    String deadLettersTopic,
    String lateEventsTopic,
    /** The delivery log of alert subscribers' messages. */
    String deliveriesTopic,
    /** Rule sets published while the job runs. */
    String rulesTopic,
    /** What became of each: put in force or refused. */
    String ruleChangesTopic,
    /** The 督办清单: clocks due soon, overdue, and leaving the list (key: caseId). */
    String caseWatchTopic,
    String groupId,
    /** earliest | latest | committed (committed offsets, else earliest) */
    String startingOffsets,
    String transactionalIdPrefix,
    Duration transactionTimeout,
    Duration checkpointInterval,
    /** The consumer's max.partition.fetch.bytes. */
    int maxPartitionFetchBytes,
    /**
     * Kafka client settings for every client the monitor makes (sources, sinks, scans, load):
     * security.protocol, SASL and TLS. Secret values come from the environment ({@code ${VAR}}).
     */
    Map<String, String> properties) implements Serializable {

  public KafkaSettings {
    inputs = new EnumMap<>(inputs);
    properties = Map.copyOf(properties);
  }

  /** The input topics, in the catalogue's order of streams. */
  public List<String> inputTopics() {
    return List.copyOf(inputs.values());
  }

  /** The topic a stream's events come in on. */
  public String topicOf(StreamKind stream) {
    return inputs.get(stream);
  }

  public static KafkaSettings defaults() {
    return new KafkaSettings("localhost:9092", KafkaTopics.inputs(), KafkaTopics.RATE_METRICS, KafkaTopics.ALERTS,
        KafkaTopics.DEAD_LETTERS, KafkaTopics.LATE_EVENTS, KafkaTopics.ALERT_DELIVERIES, KafkaTopics.ALERT_RULES,
        KafkaTopics.RULE_CHANGES, KafkaTopics.CASE_WATCH, "rule-of-law-monitor", "committed", "rule-of-law-monitor",
        Duration.ofMinutes(10), Duration.ofSeconds(30), 1_048_576, Map.of());
  }

  public KafkaSettings withBootstrapServers(String servers) {
    return new KafkaSettings(servers, inputs, metricsTopic, alertsTopic, deadLettersTopic, lateEventsTopic, deliveriesTopic, rulesTopic, ruleChangesTopic, caseWatchTopic, groupId,
        startingOffsets, transactionalIdPrefix, transactionTimeout, checkpointInterval, maxPartitionFetchBytes, properties);
  }

  /** For a read of the whole topics under a group of its own (a replay): nothing of the live job's group is touched. */
  public KafkaSettings forReplay(String group) {
    return new KafkaSettings(bootstrapServers, inputs, metricsTopic, alertsTopic, deadLettersTopic, lateEventsTopic,
        deliveriesTopic, rulesTopic, ruleChangesTopic, caseWatchTopic, group, "earliest", transactionalIdPrefix, transactionTimeout,
        checkpointInterval, maxPartitionFetchBytes, properties);
  }

  public KafkaSettings withCheckpointInterval(Duration interval) {
    return new KafkaSettings(bootstrapServers, inputs, metricsTopic, alertsTopic, deadLettersTopic, lateEventsTopic, deliveriesTopic,
        rulesTopic, ruleChangesTopic, caseWatchTopic, groupId, startingOffsets, transactionalIdPrefix, transactionTimeout, interval, maxPartitionFetchBytes, properties);
  }

  public KafkaSettings withProperties(Map<String, String> p) {
    return new KafkaSettings(bootstrapServers, inputs, metricsTopic, alertsTopic, deadLettersTopic, lateEventsTopic, deliveriesTopic,
        rulesTopic, ruleChangesTopic, caseWatchTopic, groupId, startingOffsets, transactionalIdPrefix, transactionTimeout, checkpointInterval, maxPartitionFetchBytes, p);
  }

  /** The folder name of this job's checkpoints and savepoints on one machine: one per consumer group. */
  public String stateName() {
    return "kafka-" + groupId.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** Without the values of secret settings: a record's own toString would print the password. */
  @Override
  public String toString() {
    return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", inputTopics=" + inputTopics() + ", groupId=" + groupId
        + ", properties=" + ClientProperties.describe(properties) + "]";
  }
}
