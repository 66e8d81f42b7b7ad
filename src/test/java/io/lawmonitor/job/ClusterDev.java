package io.lawmonitor.job;

import io.lawmonitor.dev.KafkaDev;
import io.lawmonitor.io.KafkaTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.test.KafkaClusterTestKit;

/**
 * The monitor on a Flink cluster of separate processes on this machine, to try by hand what
 * ClusterTest checks: {@code mvn -q -Pcluster-dev}. A single-node broker with the monitor's
 * topics, a JobManager running {@code kafka} in application mode (parallelism 4, the shipped
 * settings and rules, RocksDB) and two TaskManagers of two slots. Feed it with {@code bin/monitor
 * load}, kill a TaskManager with {@code kill -9}: a new one is started in its place, as Kubernetes
 * would, and the job recovers from its last checkpoint by itself. Ctrl-C writes every committed
 * record of the output topics to {@code target/cluster-dev/outputs/} and stops it all.
 */
public final class ClusterDev {
  private ClusterDev() {}

  public static void main(String[] args) throws Exception {
    if (!StandaloneCluster.available()) {
      System.err.println("the Flink jars and the cluster jar are missing: run it as mvn -q -Pcluster-dev");
      System.exit(2);
    }
    Path dir = Path.of("target/cluster-dev").toAbsolutePath();
    deleteTree(dir);
    KafkaClusterTestKit kafka = KafkaDev.start();
    String servers = kafka.bootstrapServers();
    StandaloneCluster cluster = new StandaloneCluster(dir.resolve("flink"),
        StandaloneCluster.rocksDbWithRestarts(dir, 100, "2s"));
    // the shipped settings, their relative calendar folder made absolute (the JobManager runs elsewhere)
    Path settings = Files.writeString(dir.resolve("monitor.yaml"), Files.readString(Path.of("flink-conf/monitor.yaml"))
        .replace("dir: flink-conf/calendars", "dir: " + Path.of("flink-conf/calendars").toAbsolutePath()));
    StandaloneCluster.Node jm = cluster.jobManager("jobmanager", List.of(), List.of("kafka", "--bootstrap-servers", servers,
        "--config", settings.toString(),
        "--rules", Path.of("flink-conf/alert-rules.yaml").toAbsolutePath().toString(), "--parallelism", "4"));
    List<StandaloneCluster.Node> taskManagers = new ArrayList<>(List.of(cluster.taskManager("taskmanager-1"),
        cluster.taskManager("taskmanager-2")));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        cluster.close();
        Path out = Files.createDirectories(dir.resolve("outputs"));
        Properties client = new Properties();
        client.put("bootstrap.servers", servers);
        for (String topic : List.of(KafkaTopics.RATE_METRICS, KafkaTopics.ALERTS, KafkaTopics.DEAD_LETTERS,
            KafkaTopics.LATE_EVENTS, KafkaTopics.CASE_WATCH)) {
          Files.write(out.resolve(topic + ".jsonl"), KafkaBroker.consume(client, topic));
        }
        System.out.println("The committed outputs: " + out);
        kafka.close();
      } catch (Exception e) {
        System.err.println("stopping: " + e);
      }
    }));

    System.out.println();
    System.out.println("Kafka at " + servers + "; the Flink web UI at http://127.0.0.1:" + cluster.restPort
        + "; logs in " + cluster.logs);
    System.out.println("Feed it:            bin/monitor load --bootstrap-servers " + servers + " --speed 3600");
    for (StandaloneCluster.Node tm : taskManagers) {
      System.out.println("Lose a TaskManager: kill -9 " + tm.process().pid() + "   (" + tm.name() + ", metrics on :"
          + tm.metricsPort() + ")");
    }
    System.out.println("Ctrl-C writes the committed outputs and stops it all. The JobManager's metrics: :"
        + jm.metricsPort());
    int next = 3;
    while (true) {
      Thread.sleep(1000);
      for (int i = 0; i < taskManagers.size(); i++) {
        StandaloneCluster.Node tm = taskManagers.get(i);
        if (!tm.process().isAlive()) {
          StandaloneCluster.Node fresh = cluster.taskManager("taskmanager-" + next++);
          taskManagers.set(i, fresh);
          System.out.println(tm.name() + " is gone; " + fresh.name() + " started in its place (kill -9 "
              + fresh.process().pid() + ", metrics on :" + fresh.metricsPort() + "); the job restarts "
              + "from its last checkpoint (its restarts: the web UI, or numRestarts on the JobManager's metrics)");
        }
      }
    }
  }

  private static void deleteTree(Path p) throws java.io.IOException {
    if (Files.exists(p)) {
      try (var all = Files.walk(p)) {
        all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
