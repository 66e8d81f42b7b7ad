package io.lawmonitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.generate.SampleGenerator;
import io.lawmonitor.job.KafkaBroker;
import io.lawmonitor.io.KafkaSettings;
import io.lawmonitor.job.Main;
import io.lawmonitor.config.MonitorConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;

/**
 * Catch-up after downtime, measured: generated events of the last day, then of the last week, up
 * to the start of today, wait in the topics of an in-process broker; {@code bin/monitor kafka}
 * (the settings as shipped: idleness 1 min, a checkpoint every 30 s, RocksDB state) starts on them.
 * Prints how long it took to read and commit the whole backlog (and so the catch-up rate), and
 * how long until the newest full hour's figure was out in the metrics topic.
 *
 * <p>{@code mvn -q -Pbench -Dbench.main=io.lawmonitor.bench.CatchUp -Dbench.args=30000} (events a day).
 */
public final class CatchUp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long HOUR = 3_600_000L;

  private CatchUp() {}

  public static void main(String[] args) throws Exception {
    int perDay = args.length > 0 ? Integer.parseInt(args[args.length - 1]) : 30_000;
    Path dir = Files.createTempDirectory("catch-up");
    List<String> rows = new ArrayList<>();
    for (int days : new int[] {1, 7}) {
      try (KafkaClusterTestKit broker = io.lawmonitor.dev.KafkaDev.start()) {
        rows.add(run(broker.bootstrapServers(), dir, days, perDay));
      }
    }
    System.out.println();
    System.out.println("| backlog | events | read and committed | catch-up rate | newest full hour out |");
    System.out.println("|---|---|---|---|---|");
    rows.forEach(System.out::println);
    System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + "; the broker in the benchmark's JVM, the job in its own");
    System.exit(0);
  }

  private static String run(String servers, Path dir, int days, int perDay) throws Exception {
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    var g = new SampleGenerator(new SampleGenerator.Options(today.minusDays(days), days, (long) perDay * days, 7, true),
        WorkCalendar.bundled());
    List<SampleGenerator.Line> lines = new ArrayList<>();
    g.generate().values().forEach(lines::addAll);
    lines.sort(Comparator.comparingLong(SampleGenerator.Line::time));
    Path file = dir.resolve("backlog-" + days + "d.jsonl");
    Files.write(file, lines.stream().map(SampleGenerator.Line::json).toList(), StandardCharsets.UTF_8);
    Map<String, Long> last = new HashMap<>();
    for (var l : lines) {
      last.merge(JSON.readTree(l.json()).get("stream").asText(), l.time(), Math::max);
    }
    long lastHour = Math.floorDiv(last.get("hotline") - MonitorConfig.defaults().outOfOrderness().toMillis() - 1, HOUR)
        * HOUR;
    if (Main.execute("load", "--bootstrap-servers", servers, "--events", file.toString(), "--speed", "0") != 0) {
      throw new IllegalStateException("load failed");
    }

    KafkaSettings k = KafkaSettings.defaults().withBootstrapServers(servers);
    Properties p = new Properties();
    p.put("bootstrap.servers", servers);
    p.put("isolation.level", "read_committed");
    p.put("group.id", "catch-up-watch-" + days);
    p.put("auto.offset.reset", "earliest");
    // the job as a user starts it: bin/monitor, the settings as shipped, its state in a folder of its own
    Path logs = Files.createDirectories(dir.resolve("logs-" + days));
    ProcessBuilder pb = new ProcessBuilder("bin/monitor", "kafka", "--bootstrap-servers", servers, "--quiet",
        "--web-ui-port", "0", "--state-dir", dir.resolve("state-" + days).toString())
        .redirectOutput(logs.resolve("kafka.out").toFile()).redirectError(logs.resolve("kafka.err").toFile());
    long t0 = System.nanoTime();
    Process job = pb.start();
    double read = -1;
    double current = -1;
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      c.subscribe(List.of(k.metricsTopic()));
      long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
      while ((read < 0 || current < 0) && System.nanoTime() < until && job.isAlive()) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          JsonNode m = JSON.readTree(r.value());
          if (current < 0 && m.get("metric").asText().startsWith("hotline.") && m.get("scope").asText().equals("all")
              && m.get("window").asText().equals("sliding_24h")
              && EventJson.parseTime(m.get("windowEnd").asText()) >= lastHour) {
            current = (System.nanoTime() - t0) / 1e9;
          }
        }
        if (read < 0 && KafkaBroker.caughtUp(p, k)) {
          read = (System.nanoTime() - t0) / 1e9;
        }
      }
    } finally {
      job.destroy();
      job.waitFor(60, TimeUnit.SECONDS);
      job.destroyForcibly();
    }
    if (read < 0 || current < 0) {
      throw new IllegalStateException("the job did not catch up; see " + logs);
    }
    return String.format(Locale.ROOT, "| %d day%s up to today | %,d | %.1f s | %,.0f events/s | %.1f s |", days,
        days == 1 ? "" : "s", lines.size(), read, lines.size() / read, current);
  }
}
