package io.lawmonitor.job;

import io.lawmonitor.io.KafkaSettings;

import io.lawmonitor.io.KafkaTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One real Kafka broker (a combined KRaft node) in the test JVM, shared by the Kafka tests; each
 * test has topics of its own, under a prefix.
 */
public final class KafkaBroker {
  static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
  private static KafkaClusterTestKit kafka;

  private KafkaBroker() {}

  static synchronized String servers() throws Exception {
    if (kafka == null) {
      // a broker in the test JVM that meets a fatal error (at shutdown, its folder going) says so,
      // and does not end the JVM with it: the test runner would count that as a failed build
      org.apache.kafka.common.utils.Exit.Procedure noExit = (code, message) ->
          System.err.println("test broker asked to end the JVM (" + code + "): " + message);
      org.apache.kafka.common.utils.Exit.setExitProcedure(noExit);
      org.apache.kafka.common.utils.Exit.setHaltProcedure(noExit);
      KafkaClusterTestKit k = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
          .setNumBrokerNodes(1).setNumControllerNodes(1).build())
          .setConfigProp("offsets.topic.replication.factor", "1")
          .setConfigProp("transaction.state.log.replication.factor", "1")
          .setConfigProp("transaction.state.log.min.isr", "1")
          .setConfigProp("group.initial.rebalance.delay.ms", "0")
          .setConfigProp("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES))
          .setConfigProp("replica.fetch.max.bytes", String.valueOf(MAX_MESSAGE_BYTES))
          .build();
      k.format();
      k.startup();
      k.waitForReadyBrokers();
      kafka = k;
      // closed as the test JVM ends, for at most 20 s: a broker slow to stop must not hold the
      // JVM's exit past what the test runner waits for (it then fails the build)
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        Thread closer = new Thread(() -> {
          try {
            k.close();
          } catch (Exception ignored) {
            // the JVM is going anyway
          }
        }, "test-broker-close");
        closer.setDaemon(true);
        closer.start();
        try {
          closer.join(20_000);
        } catch (InterruptedException ignored) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    return kafka.bootstrapServers();
  }

  static Properties props() throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", servers());
    return p;
  }

  /** Settings whose topics, group and transactional ids all carry the prefix; the topics are created (inputs: 2 partitions). */
  static KafkaSettings topics(String prefix) throws Exception {
    return topics(prefix, 2);
  }

  /** The input topics of k as monitor.yaml's kafka.topics entries: "hotline: t1, enforcement: t2, …". */
  static String inputTopicsEntries(KafkaSettings k) {
    return k.inputs().entrySet().stream().map(e -> e.getKey().wireName() + ": " + e.getValue())
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** The input topics of k as monitor.yaml's kafka.topics map. */
  static String inputTopicsYaml(KafkaSettings k) {
    return "{" + inputTopicsEntries(k) + "}";
  }

  /**
   * Settings for a reference run: outputs, group and transactional ids of their own under the
   * prefix, reading {@code k}'s input topics from the earliest offsets.
   */
  static KafkaSettings readingTheInputsOf(KafkaSettings k, String prefix) throws Exception {
    KafkaSettings ref = topics(prefix, 1);
    return new KafkaSettings(ref.bootstrapServers(), k.inputs(), ref.metricsTopic(), ref.alertsTopic(),
        ref.deadLettersTopic(), ref.lateEventsTopic(), ref.deliveriesTopic(), ref.rulesTopic(), ref.ruleChangesTopic(),
        ref.caseWatchTopic(), ref.groupId(), "earliest", ref.transactionalIdPrefix(), ref.transactionTimeout(),
        ref.checkpointInterval(), ref.maxPartitionFetchBytes(), Map.of());
  }

  static KafkaSettings topics(String prefix, int inputPartitions) throws Exception {
    KafkaSettings d = KafkaSettings.defaults();
    java.util.Map<io.lawmonitor.events.StreamKind, String> inputs = new java.util.EnumMap<>(io.lawmonitor.events.StreamKind.class);
    d.inputs().forEach((s, t) -> inputs.put(s, prefix + t));
    KafkaSettings k = new KafkaSettings(servers(), inputs,
        prefix + d.metricsTopic(), prefix + d.alertsTopic(), prefix + d.deadLettersTopic(), prefix + d.lateEventsTopic(),
        prefix + d.deliveriesTopic(), prefix + d.rulesTopic(), prefix + d.ruleChangesTopic(),
        prefix + d.caseWatchTopic(), prefix + "group", "earliest", prefix + "tx", d.transactionTimeout(), Duration.ofSeconds(1),
        d.maxPartitionFetchBytes(), Map.of());
    List<NewTopic> topics = new ArrayList<>();
    for (String t : k.inputTopics()) {
      topics.add(new NewTopic(t, inputPartitions, (short) 1).configs(Map.of("max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES))));
    }
    for (String t : List.of(k.metricsTopic(), k.alertsTopic(), k.deadLettersTopic(), k.lateEventsTopic(), k.deliveriesTopic(), k.rulesTopic(),
        k.ruleChangesTopic(), k.caseWatchTopic())) {
      topics.add(new NewTopic(t, 1, (short) 1));
    }
    create(topics);
    return k;
  }

  /** Creates the topics and returns once each partition has a leader: a produce to a topic the broker does not host yet can hang. */
  static void create(List<NewTopic> topics) throws Exception {
    try (Admin admin = Admin.create(props())) {
      admin.createTopics(topics).all().get();
      List<String> names = topics.stream().map(NewTopic::name).toList();
      long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!hasLeaders(admin, names)) {
        if (System.nanoTime() > until) {
          throw new IllegalStateException("topics without a leader after 30 s: " + names);
        }
        Thread.sleep(100);
      }
    }
  }

  private static boolean hasLeaders(Admin admin, List<String> names) throws InterruptedException {
    try {
      return admin.describeTopics(names).allTopicNames().get().values().stream()
          .allMatch(t -> t.partitions().stream().allMatch(pi -> pi.leader() != null && !pi.leader().isEmpty()));
    } catch (java.util.concurrent.ExecutionException e) {
      return false; // not known to the broker yet
    }
  }

  /** A record for a topic: partition null for the key's partition. */
  record Rec(String topic, Integer partition, byte[] key, byte[] value) {
    static Rec of(String topic, String key, String value) {
      return new Rec(topic, null, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }
  }

  static void produce(List<Rec> records) throws Exception {
    Properties p = props();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(MAX_MESSAGE_BYTES));
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    // one request in flight keeps the order without an idempotent producer, which would first need a
    // producer id from the broker: one less thing that can keep a test's input from being written
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (Rec r : records) {
        var f = producer.send(new ProducerRecord<>(r.topic(), r.partition(), r.key(), r.value()));
        if (records.size() <= 100) {
          f.get(); // a few records, each acknowledged before the next: offsets as listed
        }
        sent.add(f);
      }
      producer.flush();
      for (var f : sent) {
        try {
          f.get(); // a record the broker refused fails the test here, not as a count that is off later
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("test input not written: " + e.getCause() + "\n" + state(producer, records), e);
        }
      }
    }
  }

  /** What the broker says of the topics and the producer of its requests, for a failure message. */
  private static String state(KafkaProducer<byte[], byte[]> producer, List<Rec> records) {
    StringBuilder b = new StringBuilder();
    producer.metrics().forEach((name, metric) -> {
      if (name.group().equals("producer-metrics") && List.of("connection-count", "metadata-age", "record-retry-total",
          "record-error-total", "requests-in-flight", "produce-throttle-time-max").contains(name.name())) {
        b.append("  producer ").append(name.name()).append(" = ").append(metric.metricValue()).append('\n');
      }
    });
    try (Admin admin = Admin.create(props())) {
      List<String> names = records.stream().map(Rec::topic).distinct().toList();
      admin.describeTopics(names).allTopicNames().get(10, java.util.concurrent.TimeUnit.SECONDS)
          .forEach((t, d) -> b.append("  ").append(t).append(": ").append(d.partitions()).append('\n'));
    } catch (Exception e) {
      b.append("  the broker does not describe the topics: ").append(e);
    }
    return b.toString();
  }

  /** Every committed record of a topic (all partitions), as text, in offset order per partition. */
  static List<String> consume(String topic) throws Exception {
    return consume(props(), topic);
  }

  /** Every committed record of a topic, read with these client settings (another broker's, a login). */
  static List<String> consume(Properties client, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.putAll(client);
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(MAX_MESSAGE_BYTES));
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
    List<String> out = new ArrayList<>();
    KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    try {
      List<TopicPartition> tps = new ArrayList<>();
      c.partitionsFor(topic).forEach(i -> tps.add(new TopicPartition(topic, i.partition())));
      c.assign(tps);
      c.seekToBeginning(tps);
      Map<TopicPartition, Long> end = c.endOffsets(tps);
      while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          out.add(new String(r.value(), StandardCharsets.UTF_8));
        }
      }
    } finally {
      c.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ZERO));
    }
    return out;
  }

  /** Whether the job's consumer group has committed (on a completed checkpoint) every record of the input topics. */
  static boolean caughtUp(KafkaSettings k) throws Exception {
    return caughtUp(props(), k);
  }

  /** The same, on the broker these client settings reach (a broker of the caller's own). */
  public static boolean caughtUp(Properties client, KafkaSettings k) throws Exception {
    try (Admin admin = Admin.create(client)) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(k.groupId()).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
      for (var d : admin.describeTopics(k.inputTopics()).allTopicNames().get().values()) {
        d.partitions().forEach(i -> ask.put(new TopicPartition(d.name(), i.partition()), OffsetSpec.latest()));
      }
      var ends = admin.listOffsets(ask).all().get();
      for (var e : ends.entrySet()) {
        long end = e.getValue().offset();
        OffsetAndMetadata c = committed.get(e.getKey());
        if (end > 0 && (c == null || c.offset() < end)) {
          return false;
        }
      }
      return true;
    }
  }
}
