package io.lawmonitor.run;

import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.parse.EventParser;
import io.lawmonitor.runtime.FarJump;
import io.lawmonitor.events.RawEvent;
import io.lawmonitor.io.FileReading;
import io.lawmonitor.io.InputFiles;
import io.lawmonitor.io.KafkaClients;
import io.lawmonitor.io.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * For a bounded read of the input topics: the time of the last event the job will use, so that
 * deadlines after it are not counted as misses (as {@link InputFiles#scan} does for files): each
 * partition judged as the parse step judges it, a far jump its next record does not confirm left
 * out.
 */
public final class KafkaScan {
  private KafkaScan() {}

  public static long lastEventTime(MonitorConfig cfg, long notAfter) {
    return lastEventTime(cfg, notAfter, FileReading.defaults());
  }

  /** The same, for the events of the period {@code range} keeps (its other settings are for files). */
  public static long lastEventTime(MonitorConfig cfg, long notAfter, FileReading range) {
    KafkaSettings k = cfg.kafka();
    int maxEventBytes = cfg.maxEventBytes();
    Properties p = KafkaClients.base(k);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000"); // batches worth parsing on every core
    EventParser parser = new EventParser(maxEventBytes);
    FarJump.LastUsed used = new FarJump.LastUsed(cfg.outOfOrderness().toMillis(), cfg.farFuture().toMillis());
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      for (String topic : k.inputTopics()) {
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos != null) {
          infos.forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
        }
      }
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
        c.poll(Duration.ofMillis(500)).forEach(batch::add);
        // parsed on every core, taken in offset order per partition
        long[] times = batch.parallelStream().mapToLong(r -> usedTime(parser, r, maxEventBytes, notAfter, range)).toArray();
        for (int i = 0; i < times.length; i++) {
          if (times[i] != Long.MIN_VALUE) {
            ConsumerRecord<byte[], byte[]> r = batch.get(i);
            used.add(r.topic() + "/" + r.partition(), times[i]);
          }
        }
      }
    }
    return used.result();
  }

  /** The record's event time if the parse step would take it in and the run keeps it, else Long.MIN_VALUE. */
  private static long usedTime(EventParser parser, ConsumerRecord<byte[], byte[]> r, int maxEventBytes, long notAfter,
      FileReading range) {
    if (r.value() == null || r.value().length > maxEventBytes) {
      return Long.MIN_VALUE;
    }
    String text = new String(r.value(), StandardCharsets.UTF_8);
    io.lawmonitor.events.RecordParser.Parsed parsed = parser.parse(new RawEvent(text, "scan", r.value().length));
    if (parsed.event() == null || parsed.event().eventTime > notAfter || !range.keeps(parsed.event().eventTime)) {
      return Long.MIN_VALUE;
    }
    return parsed.event().eventTime;
  }
}
