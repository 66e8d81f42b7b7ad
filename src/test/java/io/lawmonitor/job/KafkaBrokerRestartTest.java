package io.lawmonitor.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.generate.SampleGenerator;
import io.lawmonitor.job.KafkaBroker.Rec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.BrokerServer;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;

/**
 * The broker goes away for 40 s while a live job runs (a broker restart), and comes back with the
 * rest of the events: the job's committed outputs are those of a run on a broker that never went
 * away, with the idleness as shipped (1 min). The checkpoints taken while it is away fail; the job
 * rides them out rather than restarting.
 */
class KafkaBrokerRestartTest {
  @Test
  void aJobThatLivedThroughABrokerRestartEndsAsAnUninterruptedRun() throws Exception {
    List<SampleGenerator.Line> lines = KafkaProductionTest.sample(3000, 4);
    RuleSet rules = RuleSet.load(Path.of("flink-conf/alert-rules.yaml"), MonitorConfig.defaults().windowNames());

    List<String> metrics;
    List<String> alerts;
    List<String> late;
    List<String> dead;
    try (KafkaClusterTestKit broker = io.lawmonitor.dev.KafkaDev.start()) {
      KafkaSettings k = KafkaSettings.defaults().withBootstrapServers(broker.bootstrapServers())
          .withCheckpointInterval(Duration.ofSeconds(5));
      List<Rec> recs = KafkaProductionTest.generated(k, lines);
      int half = recs.size() / 2;
      send(k, recs.subList(0, half));
      MonitorConfig cfg = MonitorConfig.defaults().withKafka(k);
      JobClient job = KafkaRun.prepare(cfg, rules, WorkCalendar.bundled(), KafkaProductionTest.flink(),
          KafkaRun.Options.of(2, false, Long.MAX_VALUE)).executeAsync("broker restart");
      try {
        KafkaProductionTest.await("the first half committed", Duration.ofSeconds(120), () -> KafkaBroker.caughtUp(client(k), k));
        BrokerServer b = broker.brokers().values().iterator().next();
        b.shutdown();
        b.awaitShutdown();
        Thread.sleep(40_000); // the outage itself
        b.startup();
        broker.waitForReadyBrokers();
        send(k, recs.subList(half, recs.size()));
        KafkaProductionTest.await("the second half committed", Duration.ofSeconds(180), () -> KafkaBroker.caughtUp(client(k), k));
        int[] seen = {-1};
        KafkaProductionTest.await("the outputs to settle", Duration.ofSeconds(60), () -> {
          int n = consume(k, k.metricsTopic()).size() + consume(k, k.alertsTopic()).size();
          boolean same = n == seen[0];
          seen[0] = n;
          if (!same) {
            Thread.sleep(3000);
          }
          return same;
        });
      } finally {
        job.cancel().get(60, TimeUnit.SECONDS);
      }
      metrics = consume(k, k.metricsTopic());
      alerts = consume(k, k.alertsTopic());
      late = consume(k, k.lateEventsTopic());
      dead = consume(k, k.deadLettersTopic());
    }

    KafkaSettings ref = KafkaBroker.topics("restart-ref-");
    KafkaBroker.produce(KafkaProductionTest.generated(ref, lines));
    JobClient whole = KafkaRun.prepare(MonitorConfig.defaults().withKafka(ref), rules, WorkCalendar.bundled(),
        KafkaProductionTest.flink(), KafkaRun.Options.of(2, false, Long.MAX_VALUE)).executeAsync("no restart");
    try {
      KafkaProductionTest.awaitQuiet(ref);
    } finally {
      whole.cancel().get(30, TimeUnit.SECONDS);
    }
    assertThat(metrics).isNotEmpty();
    KafkaProductionTest.assertSameRecords("metrics", metrics, KafkaBroker.consume(ref.metricsTopic()));
    KafkaProductionTest.assertSameRecords("alerts", alerts, KafkaBroker.consume(ref.alertsTopic()));
    KafkaProductionTest.assertSameRecords("late events", late, KafkaBroker.consume(ref.lateEventsTopic()));
    KafkaProductionTest.assertSameRecords("dead letters", dead, KafkaBroker.consume(ref.deadLettersTopic()));
  }

  private static Properties client(KafkaSettings k) {
    Properties p = new Properties();
    p.put("bootstrap.servers", k.bootstrapServers());
    return p;
  }

  private static void send(KafkaSettings k, List<Rec> recs) throws Exception {
    Properties c = client(k);
    // an idempotent producer's first request after the restart waits on the broker's producer ids
    c.put("enable.idempotence", "false");
    c.put("acks", "1");
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (Rec r : recs) {
        sent.add(p.send(new ProducerRecord<>(r.topic(), r.key(), r.value())));
      }
      p.flush();
      for (var f : sent) {
        f.get(60, TimeUnit.SECONDS);
      }
    }
  }

  private static List<String> consume(KafkaSettings k, String topic) {
    return KafkaBroker.consume(client(k), topic);
  }
}
