package io.lawmonitor.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lawmonitor.Integration;
import io.lawmonitor.generate.SampleGenerator;
import io.lawmonitor.io.KafkaSettings;
import io.lawmonitor.job.KafkaBroker.Rec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor on a real Flink cluster: a JobManager and two TaskManagers (two slots each) as
 * separate processes, made of Flink 2.2.1's own jars, the cluster jar in usrlib/ run in application
 * mode with {@code kafka} as its entry point, RocksDB with checkpoints on a local folder, the
 * in-process broker. A TaskManager is killed mid-stream and a new one started: the job recovers by
 * itself; then it is stopped with a savepoint and started again at parallelism 2. The committed
 * outputs are those of an uninterrupted run, each record once, and each process's Prometheus
 * reporter answers, a figure keeping one series across the TaskManager's loss.
 */
@Integration
class ClusterTest {
  private static final Pattern RATIO = Pattern.compile("(?m)^(lawmonitor_figure_ratio\\{[^}]*scope_level=\"city\"[^}]*}) ");

  @TempDir
  Path dir;

  @Test
  void aLostTaskManagerAndARescaleFromASavepointLeaveTheOutputsOfAnUninterruptedRun() throws Exception {
    Assumptions.assumeTrue(StandaloneCluster.available(),
        "skipped: the Flink jars (target/flink-home/lib) and the cluster and reporter jars are made by mvn verify");
    KafkaSettings k = KafkaBroker.topics("cluster-", 1);
    KafkaSettings ref = KafkaBroker.readingTheInputsOf(k, "cluster-ref-");
    List<SampleGenerator.Line> lines = KafkaProductionTest.sample(6000, 6);
    List<Rec> recs = KafkaProductionTest.generated(k, lines);
    int third = recs.size() / 3;

    // no partition is to go idle by the wall clock: the watermark moves with the data alone, in the
    // cluster and in the uninterrupted run alike (a 3 s idleness on two busy cores can pass a
    // partition over while its backlog waits to be fetched, and its events then revise windows)
    Path cfg = KafkaResumeTest.monitorYaml(dir.resolve("monitor.yaml"), k, "10m");
    Path rulesFile = Path.of("flink-conf/alert-rules.yaml").toAbsolutePath();
    Map<String, String> settings = StandaloneCluster.rocksDbWithRestarts(dir, 20, "1s");
    List<String> job = List.of("kafka", "--bootstrap-servers", k.bootstrapServers(), "--config", cfg.toString(),
        "--rules", rulesFile.toString());

    String savepoint;
    String series;
    try (StandaloneCluster cluster = new StandaloneCluster(dir.resolve("flink"), settings)) {
      // a third of the events, read by the job at parallelism 4 on two TaskManagers
      KafkaBroker.produce(recs.subList(0, third));
      StandaloneCluster.Node jm = cluster.jobManager("jobmanager", List.of(), concat(job, "--parallelism", "4"));
      StandaloneCluster.Node tm1 = cluster.taskManager("taskmanager-1");
      StandaloneCluster.Node tm2 = cluster.taskManager("taskmanager-2");
      await(cluster, "the job running on both TaskManagers", Duration.ofSeconds(180), cluster::allRunning);
      await(cluster, "the first third committed", Duration.ofSeconds(120), () -> KafkaBroker.caughtUp(k));

      // every process's reporter answers: Flink's own metrics, and on the TaskManagers the monitor's
      assertThat(StandaloneCluster.scrape(jm)).contains("flink_jobmanager_job_numRestarts")
          .contains("lawmonitor_build_info{version=\"" + io.lawmonitor.prometheus.Version.NUMBER + "\",} 1.0");
      await(cluster, "a city's figure in Prometheus", Duration.ofSeconds(60),
          () -> RATIO.matcher(StandaloneCluster.scrape(tm1) + StandaloneCluster.scrape(tm2)).find());
      for (StandaloneCluster.Node tm : List.of(tm1, tm2)) {
        List<String> own = StandaloneCluster.scrape(tm).lines().filter(l -> l.startsWith("lawmonitor_")).toList();
        assertThat(own).anyMatch(l -> l.startsWith("lawmonitor_events_read_total{stream=\"hotline\""))
            .noneMatch(l -> l.contains("tm_id=") || l.contains("task_attempt_id=") || l.contains("subtask_index="));
      }
      Matcher m = RATIO.matcher(StandaloneCluster.scrape(tm1) + StandaloneCluster.scrape(tm2));
      assertThat(m.find()).isTrue();
      series = m.group(1);

      // the second third arrives; a TaskManager is lost (SIGKILL) and another one started
      KafkaBroker.produce(recs.subList(third, 2 * third));
      StandaloneCluster.kill(tm2);
      StandaloneCluster.Node tm3 = cluster.taskManager("taskmanager-3");
      await(cluster, "the job restarted by itself", Duration.ofSeconds(120), () -> cluster.restarts() >= 1);
      await(cluster, "the job running again", Duration.ofSeconds(180), cluster::allRunning);
      await(cluster, "the second third committed", Duration.ofSeconds(120), () -> KafkaBroker.caughtUp(k));
      await(cluster, "the figure served again after the restore", Duration.ofSeconds(60),
          () -> occurrences(StandaloneCluster.scrape(tm1) + StandaloneCluster.scrape(tm3), series) == 1);

      // stopped with a savepoint: the application ends, the JobManager with it
      String jid = cluster.job()[0];
      JsonNode trigger = cluster.post("/jobs/" + jid + "/stop",
          "{\"drain\": false, \"targetDirectory\": \"" + dir.resolve("savepoints").toUri() + "\"}");
      String triggerId = trigger.path("request-id").asText();
      String[] location = {null};
      await(cluster, "the savepoint", Duration.ofSeconds(120), () -> {
        JsonNode s = cluster.rest("/jobs/" + jid + "/savepoints/" + triggerId);
        if (s != null && "COMPLETED".equals(s.path("status").path("id").asText())) {
          JsonNode op = s.path("operation");
          if (op.has("failure-cause")) {
            throw new AssertionError("the savepoint failed: " + op.path("failure-cause"));
          }
          location[0] = op.path("location").asText();
        }
        return location[0] != null;
      });
      savepoint = location[0];
      assertThat(jm.process().waitFor(60, TimeUnit.SECONDS)).as("the JobManager ends with its application").isTrue();
    }

    // the last third while it is down; a new cluster from the savepoint at parallelism 2
    KafkaBroker.produce(recs.subList(2 * third, recs.size()));
    try (StandaloneCluster cluster = new StandaloneCluster(dir.resolve("flink-2"), settings)) {
      cluster.jobManager("jobmanager", List.of("--fromSavepoint", savepoint), concat(job, "--parallelism", "2"));
      StandaloneCluster.Node tm = cluster.taskManager("taskmanager-1");
      await(cluster, "the job running from the savepoint", Duration.ofSeconds(180), cluster::allRunning);
      KafkaProductionTest.awaitQuiet(k, Duration.ofSeconds(5));
      // the figure is served again once its window next closes, as one series whichever subtask has it
      String after = StandaloneCluster.scrape(tm);
      assertThat(after).contains("lawmonitor_build_info");
      assertThat(occurrences(after, series)).as("the figure's series, after the rescale").isLessThanOrEqualTo(1);
    }

    // the same events, uninterrupted, in this JVM
    List<String> expected = KafkaResumeTest.assertAsUninterrupted(k, ref, dir.resolve("ref-checkpoints"),
        Duration.ofMinutes(10));
    assertThat(expected).hasSizeGreaterThan(1000);
  }

  private static List<String> concat(List<String> a, String... b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(List.of(b));
    return all;
  }

  /** How many series of this name and labels a scrape holds. */
  private static int occurrences(String scrape, String series) {
    int n = 0;
    for (String l : scrape.split("\n")) {
      if (l.startsWith(series + " ")) {
        n++;
      }
    }
    return n;
  }

  /** Waits for the condition; on time out, fails with what the cluster's logs say went wrong. */
  private static void await(StandaloneCluster cluster, String what, Duration timeout, KafkaProductionTest.Check c)
      throws Exception {
    try {
      KafkaProductionTest.await(what, timeout, c);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + cluster.logTail(), e);
    }
  }
}
