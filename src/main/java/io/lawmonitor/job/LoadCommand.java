package io.lawmonitor.job;

import io.lawmonitor.config.ConfigFiles;
import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.io.KafkaSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lawmonitor.io.InputFiles;
import io.lawmonitor.io.KafkaClients;
import java.time.Duration;
import io.lawmonitor.io.MergedLines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code load}: publishes JSONL files into the input topics in event-time order, at a chosen speed. */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Publish JSONL event files into the input topics, one per stream (by each event's stream, key = caseId),"
        + " merged in event-time order, as fast as possible or at --speed times real time, so that kafka mode"
        + " can be watched moving. Lines with no readable stream go to the hotline topic, to become dead letters there.")
public final class LoadCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOSTS")
  String bootstrapServers;

  @CommandLine.Mixin
  EventFiles eventFiles = new EventFiles();

  @Option(names = "--config", paramLabel = "FILE",
      description = "for the topic names and kafka.properties, the client's security settings (default: flink-conf/monitor.yaml if present)")
  Path config;

  @Option(names = "--speed", paramLabel = "X", defaultValue = "0",
      description = "X times real time (3600 = an hour of events per second); 0 = as fast as possible")
  double speed;

  @Override
  public Integer call() throws Exception {
    List<String> files;
    MonitorConfig cfg;
    try {
      files = eventFiles.files(spec.commandLine());
      cfg = ConfigFiles.config(config);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (speed < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--speed must be 0 or more");
    }
    KafkaSettings k = cfg.kafka().withBootstrapServers(bootstrapServers);
    try {
      KafkaClients.check(k, k.inputTopics(), Duration.ofSeconds(30)); // a missing topic: created on first write, where the brokers allow it
    } catch (KafkaClients.Unavailable e) {
      System.err.println("rule-of-law-monitor load: " + e.getMessage());
      return 2;
    }
    Properties p = KafkaClients.base(k);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(8 << 20));
    ObjectMapper json = new ObjectMapper();
    Map<String, Long> sent = new TreeMap<>();
    long firstEvent = Long.MIN_VALUE;
    long firstWall = 0;
    long lastReport = System.currentTimeMillis();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        MergedLines lines = new MergedLines(files, cfg.farFuture().toMillis(), eventFiles.reading(), false)) {
      MergedLines.Line l;
      while ((l = lines.next()) != null) {
        if (speed > 0 && l.eventTime() != Long.MIN_VALUE) {
          long now = System.currentTimeMillis();
          if (firstEvent == Long.MIN_VALUE) {
            firstEvent = l.eventTime();
            firstWall = now;
          }
          long due = firstWall + (long) ((l.eventTime() - firstEvent) / speed);
          if (due > now) {
            Thread.sleep(due - now);
          }
        }
        String stream = null;
        String caseId = null;
        try {
          JsonNode n = json.readTree(l.text());
          stream = n.path("stream").asText(null);
          caseId = n.path("caseId").asText(null);
        } catch (Exception unreadable) {
          // published as it is: the monitor turns it into a dead letter
        }
        // a line of no known stream goes with the first stream's events, to be the monitor's dead letter
        io.lawmonitor.events.StreamKind kind = io.lawmonitor.events.StreamKind.fromWire(stream);
        String topic = k.topicOf(kind == null ? io.lawmonitor.events.StreamKind.values()[0] : kind);
        // the monitor reads UTF-8: a line is sent in it, or, not valid in the files' encoding, as its bytes
        // (the monitor keeps it as a BAD_ENCODING dead letter)
        producer.send(new ProducerRecord<>(topic, caseId == null ? null : caseId.getBytes(StandardCharsets.UTF_8),
            l.raw() != null ? l.raw() : l.text().getBytes(StandardCharsets.UTF_8)));
        sent.merge(topic, 1L, Long::sum);
        if (System.currentTimeMillis() - lastReport > 5000) {
          lastReport = System.currentTimeMillis();
          System.out.println("sent " + sent.values().stream().mapToLong(Long::longValue).sum() + " so far, event time "
              + (l.eventTime() == Long.MIN_VALUE ? "?" : io.lawmonitor.events.EventJson.time(l.eventTime())));
        }
      }
      producer.flush();
    }
    System.out.println("Sent " + sent.values().stream().mapToLong(Long::longValue).sum() + " records: " + sent);
    return 0;
  }
}
