package io.lawmonitor.job;

import io.lawmonitor.io.KafkaTopics;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Where the kafka mode reads and writes, and how. The transaction timeout must stay below the
 * broker's {@code transaction.max.timeout.ms} (15 min by default) and above the checkpoint
 * interval plus the longest restart, or a restart can find its transactions already aborted.
 */
public record KafkaSettings(
    String bootstrapServers,
    List<String> inputTopics,
    String metricsTopic,
    String alertsTopic,
    String deadLettersTopic,
    String lateEventsTopic,
    String groupId,
    /** earliest | latest | committed (committed offsets, else earliest) */
    String startingOffsets,
    String transactionalIdPrefix,
    Duration transactionTimeout,
    Duration checkpointInterval,
    /** The consumer's max.partition.fetch.bytes. */
    int maxPartitionFetchBytes) implements Serializable {

  public static KafkaSettings defaults() {
    return new KafkaSettings("localhost:9092", KafkaTopics.INPUTS, KafkaTopics.RATE_METRICS, KafkaTopics.ALERTS,
        KafkaTopics.DEAD_LETTERS, KafkaTopics.LATE_EVENTS, "rule-of-law-monitor", "committed", "rule-of-law-monitor",
        Duration.ofMinutes(10), Duration.ofSeconds(30), 1_048_576);
  }

  public KafkaSettings withBootstrapServers(String servers) {
    return new KafkaSettings(servers, inputTopics, metricsTopic, alertsTopic, deadLettersTopic, lateEventsTopic, groupId,
        startingOffsets, transactionalIdPrefix, transactionTimeout, checkpointInterval, maxPartitionFetchBytes);
  }

  public KafkaSettings withCheckpointInterval(Duration interval) {
    return new KafkaSettings(bootstrapServers, inputTopics, metricsTopic, alertsTopic, deadLettersTopic, lateEventsTopic,
        groupId, startingOffsets, transactionalIdPrefix, transactionTimeout, interval, maxPartitionFetchBytes);
  }
}
