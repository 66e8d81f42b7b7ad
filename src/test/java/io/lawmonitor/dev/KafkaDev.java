package io.lawmonitor.dev;

import io.lawmonitor.io.KafkaTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A single-node KRaft Kafka broker from the Kafka jars, with the monitor's topics, for trying
 * kafka mode on one machine without installing Kafka: {@code mvn -q -Pkafka-dev}. Runs until
 * Ctrl-C; its data lives in a temporary folder and goes with it.
 */
public final class KafkaDev {
  private KafkaDev() {}

  public static void main(String[] args) throws Exception {
    KafkaClusterTestKit kafka = start();
    String servers = kafka.bootstrapServers();
    System.out.println();
    System.out.println("Kafka is up at " + servers + " with the monitor's topics. In another terminal:");
    System.out.println("  bin/monitor kafka --bootstrap-servers " + servers);
    System.out.println("  bin/monitor load  --bootstrap-servers " + servers + " --speed 3600");
    System.out.println("Ctrl-C stops it.");
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        kafka.close();
      } catch (Exception ignored) {
        // stopping anyway
      }
      stop.countDown();
    }));
    stop.await();
  }

  /** A started single-node broker holding the monitor's topics (2 partitions per input); close it when done. */
  public static KafkaClusterTestKit start() throws Exception {
    KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
        .setNumBrokerNodes(1).setNumControllerNodes(1).build())
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .build();
    kafka.format();
    kafka.startup();
    kafka.waitForReadyBrokers();
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      List<NewTopic> topics = new ArrayList<>();
      KafkaTopics.INPUTS.forEach(t -> topics.add(new NewTopic(t, 2, (short) 1)));
      for (String t : List.of(KafkaTopics.RATE_METRICS, KafkaTopics.ALERTS, KafkaTopics.DEAD_LETTERS, KafkaTopics.LATE_EVENTS,
          KafkaTopics.ALERT_DELIVERIES, KafkaTopics.ALERT_RULES, KafkaTopics.RULE_CHANGES, KafkaTopics.CASE_WATCH)) {
        topics.add(new NewTopic(t, 1, (short) 1));
      }
      admin.createTopics(topics).all().get();
    }
    return kafka;
  }
}
