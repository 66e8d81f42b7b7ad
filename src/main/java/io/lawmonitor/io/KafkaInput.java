package io.lawmonitor.io;

import io.lawmonitor.alerts.RuleText;
import io.lawmonitor.events.RawEvent;
import io.lawmonitor.io.KafkaSettings;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.flink.util.Collector;

/** The input topics (one per stream) as one source of raw records that remember topic, partition and offset. */
public final class KafkaInput {
  private KafkaInput() {}

  /** @param untilEnd read up to the offsets that are latest when the job starts, then end */
  public static KafkaSource<RawEvent> source(KafkaSettings k, boolean untilEnd, int maxEventBytes) {
    KafkaSourceBuilder<RawEvent> b = KafkaSource.<RawEvent>builder()
        .setProperties(KafkaClients.base(k))
        .setBootstrapServers(k.bootstrapServers())
        .setTopics(k.inputTopics())
        .setGroupId(k.groupId())
        .setDeserializer(new RawDeserializer(maxEventBytes))
        .setProperty("isolation.level", "read_committed")
        // Every partition has its own watermark, which holds the reader's back from the moment the
        // partition is assigned, so the chunk size only trades fetch requests against memory.
        .setProperty("max.partition.fetch.bytes", String.valueOf(k.maxPartitionFetchBytes()))
        .setProperty("partition.discovery.interval.ms", "60000")
        .setStartingOffsets(switch (k.startingOffsets()) {
          case "earliest" -> OffsetsInitializer.earliest();
          case "latest" -> OffsetsInitializer.latest();
          default -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        });
    if (untilEnd) {
      b.setBounded(OffsetsInitializer.latest());
    }
    return b.build();
  }

  /**
   * The rule-change topic: each record a whole rules file. Read from the group's committed offset
   * (else the beginning: the newest valid set wins), with the same client settings as the inputs.
   * The topic may not exist yet: it is found within a minute of being created.
   */
  public static KafkaSource<RuleText> rules(KafkaSettings k) {
    return KafkaSource.<RuleText>builder()
        .setProperties(KafkaClients.base(k))
        .setBootstrapServers(k.bootstrapServers())
        .setTopicPattern(java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(k.rulesTopic())))
        .setProperty("partition.discovery.interval.ms", "60000")
        // a group and clients of its own: the events' readers and this one never share a name
        .setGroupId(k.groupId() + "-rules")
        .setClientIdPrefix(k.groupId() + "-rules")
        .setProperty("isolation.level", "read_committed")
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new KafkaRecordDeserializationSchema<>() {
          @Override
          public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<RuleText> out) {
            out.collect(new RuleText(r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8),
                r.topic() + "/" + r.partition() + "@" + r.offset()));
          }

          @Override
          public TypeInformation<RuleText> getProducedType() {
            return TypeInformation.of(RuleText.class);
          }
        })
        .build();
  }

  /** Bytes to text without losing the record: bad bytes and oversized records still come through, marked. */
  static final class RawDeserializer implements KafkaRecordDeserializationSchema<RawEvent> {
    private static final long serialVersionUID = 1L;
    private static final int KEEP_OF_OVERSIZED = 4096;
    private final int maxEventBytes;

    RawDeserializer(int maxEventBytes) {
      this.maxEventBytes = maxEventBytes;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<RawEvent> out) {
      String origin = r.topic() + "/" + r.partition() + "@" + r.offset();
      byte[] v = r.value();
      if (v == null || v.length == 0) {
        out.collect(new RawEvent("", origin, 0));
        return;
      }
      if (v.length > maxEventBytes) {
        // refused by size; only its start is kept, for the dead letter
        out.collect(new RawEvent(new String(v, 0, Math.min(v.length, KEEP_OF_OVERSIZED), StandardCharsets.UTF_8),
            origin, v.length));
        return;
      }
      try {
        String text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(v)).toString();
        out.collect(new RawEvent(text, origin, v.length));
      } catch (CharacterCodingException e) {
        out.collect(new RawEvent(new String(v, StandardCharsets.UTF_8), origin, v.length, "not UTF-8 text"));
      }
    }

    @Override
    public TypeInformation<RawEvent> getProducedType() {
      return TypeInformation.of(RawEvent.class);
    }
  }
}
