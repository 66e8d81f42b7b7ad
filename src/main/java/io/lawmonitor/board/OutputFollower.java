package io.lawmonitor.board;

import io.lawmonitor.lifecycle.CaseWatchJson;
import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.io.KafkaClients;
import io.lawmonitor.io.LiveBoard;
import io.lawmonitor.io.OutputJson;
import io.lawmonitor.io.KafkaSettings;
import io.lawmonitor.metrics.MetricRecord;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Feeds a {@link LiveBoard} from a job's outputs, as they grow: what {@code board} follows. */
public interface OutputFollower extends AutoCloseable {
  /** Reads what is new (waiting up to about a second when nothing is) and puts it on the board. */
  void poll() throws IOException;

  @Override
  default void close() {}

  /** The outputs a board follows. */
  enum Line { METRIC, ALERT, CASE_WATCH }

  /** One output line onto the board: a metric record, an alert record or a 督办清单 record; anything else is passed over. */
  static void put(LiveBoard board, String line, Line kind) {
    if (kind == Line.CASE_WATCH) {
      try {
        board.put(CaseWatchJson.read(line));
      } catch (IllegalArgumentException e) {
        // not one of ours: passed over
      }
    } else if (kind == Line.METRIC) {
      MetricRecord m = OutputJson.readMetric(line);
      if (m != null) {
        board.put(m);
      }
    } else {
      AlertRecord a = OutputJson.readAlert(line);
      if (a != null) {
        board.put(a);
      }
    }
  }

  /** A local run's output folder: metrics.jsonl and alerts.jsonl, read as they are appended. */
  static OutputFollower files(Path dir, LiveBoard board) {
    return new Files_(dir, board);
  }

  /**
   * The kafka mode's metrics and alerts topics, committed records only, from 49 hours back; and
   * the rule sets published to its rules topic, each handed to {@code rules} with its origin.
   */
  static OutputFollower topics(KafkaSettings k, LiveBoard board, java.util.function.BiConsumer<String, String> rules) {
    return new Topics(k, board, rules);
  }

  /** Follows files by position; a file replaced or cut short (a run's final rewrite, a new run) is read again. */
  final class Files_ implements OutputFollower {
    private final Path dir;
    private final LiveBoard board;
    private final Map<String, Long> positions = new HashMap<>();
    private final Map<String, Object> identities = new HashMap<>();

    Files_(Path dir, LiveBoard board) {
      this.dir = dir;
      this.board = board;
    }

    @Override
    public void poll() throws IOException {
      boolean any = follow("metrics.jsonl", Line.METRIC) | follow("alerts.jsonl", Line.ALERT)
          | follow("case-watch.jsonl", Line.CASE_WATCH);
      if (!any) {
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private boolean follow(String name, Line kind) throws IOException {
      Path f = dir.resolve(name);
      if (!Files.isRegularFile(f)) {
        return false;
      }
      BasicFileAttributes attrs = Files.readAttributes(f, BasicFileAttributes.class);
      long pos = positions.getOrDefault(name, 0L);
      Object id = attrs.fileKey();
      if (pos > attrs.size() || (identities.containsKey(name) && !Objects.equals(identities.get(name), id))) {
        // rewritten: start over, on a clean board
        board.reset();
        positions.clear();
        identities.clear();
        return true;
      }
      identities.put(name, id);
      if (attrs.size() == pos) {
        return false;
      }
      try (RandomAccessFile in = new RandomAccessFile(f.toFile(), "r")) {
        in.seek(pos);
        byte[] buf = new byte[(int) Math.min(attrs.size() - pos, 8 << 20)];
        in.readFully(buf);
        int start = 0;
        for (int i = 0; i < buf.length; i++) {
          if (buf[i] == '\n') {
            put(board, new String(buf, start, i - start, StandardCharsets.UTF_8), kind);
            start = i + 1;
          }
        }
        positions.put(name, pos + start); // a line still being written is read next time
      }
      return true;
    }
  }

  /** Follows the output topics with a consumer of its own (no group: nothing is committed). */
  final class Topics implements OutputFollower {
    private final KafkaSettings k;
    private final LiveBoard board;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final java.util.function.BiConsumer<String, String> rules;

    Topics(KafkaSettings k, LiveBoard board, java.util.function.BiConsumer<String, String> rules) {
      this.k = k;
      this.board = board;
      this.rules = rules;
      Properties p = KafkaClients.base(k);
      p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(k.maxPartitionFetchBytes()));
      this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      List<TopicPartition> tps = new ArrayList<>();
      for (String topic : List.of(k.metricsTopic(), k.alertsTopic(), k.rulesTopic(), k.caseWatchTopic())) {
        var parts = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        // the rules topic may not exist (yet): the board's rules file stands; nor the case-watch
        // topic of an older deployment. The 督办清单 is read from its beginning: a case can be
        // overdue for months.
        if (parts != null) {
          parts.forEach(i -> tps.add(new TopicPartition(topic, i.partition())));
        }
      }
      consumer.assign(tps);
      Map<TopicPartition, Long> since = new HashMap<>();
      long from = System.currentTimeMillis() - Duration.ofHours(49).toMillis();
      tps.forEach(tp -> since.put(tp, from));
      consumer.seekToBeginning(tps);
      for (Map.Entry<TopicPartition, OffsetAndTimestamp> e : consumer.offsetsForTimes(since).entrySet()) {
        if (e.getValue() != null && e.getKey().topic().equals(k.metricsTopic())) {
          consumer.seek(e.getKey(), e.getValue().offset());
        }
      }
    }

    @Override
    public void poll() {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
        if (r.value() == null) {
          continue;
        }
        String text = new String(r.value(), StandardCharsets.UTF_8);
        if (r.topic().equals(k.rulesTopic())) {
          rules.accept(text, r.topic() + "/" + r.partition() + "@" + r.offset());
        } else {
          put(board, text, r.topic().equals(k.metricsTopic()) ? Line.METRIC
              : r.topic().equals(k.caseWatchTopic()) ? Line.CASE_WATCH : Line.ALERT);
        }
      }
    }

    @Override
    public void close() {
      consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }
}
