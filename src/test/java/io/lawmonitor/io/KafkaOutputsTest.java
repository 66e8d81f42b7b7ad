package io.lawmonitor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lawmonitor.metrics.MetricRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** A metric record goes to its topic as the bytes of the line the file outputs write, keyed as before. */
class KafkaOutputsTest {
  @Test
  void aMetricRecordIsItsLineAndItsKey() {
    long end = 1_795_000_000_000L / 3_600_000L * 3_600_000L;
    KafkaOutputs.Lines<MetricRecord> lines = new KafkaOutputs.Lines<>("law.rate-metrics", KafkaTopics::metricKey,
        (m, line) -> OutputJson.metric(m, line));
    List<MetricRecord> records = List.of(
        new MetricRecord("hotline.satisfaction_rate", "sliding_24h", end - 86_400_000L, end, "district", "宜昌市/西陵区",
            997L, 1000L, 0.997, 0.9912, 0.999, 0, "live"),
        new MetricRecord("review.correction_rate", "day_to_date", end - 3_600_000L, end, "agency", "a \"quoted\" \\ name",
            1L, 3L, 1.0 / 3, 0.0615, 0.7923, 12, "live"),
        new MetricRecord("hotline.open_cases", "day_to_date", end - 7_200_000L, end, "all", "all",
            null, null, 4, null, null, 1, "live"));
    for (int round = 0; round < 2; round++) { // the buffer reused: each record's bytes its own
      for (MetricRecord m : records) {
        ProducerRecord<byte[], byte[]> r = lines.serialize(m, null, null);
        assertEquals("law.rate-metrics", r.topic());
        assertEquals(OutputJson.metric(m), new String(r.value(), StandardCharsets.UTF_8));
        assertArrayEquals(m.key().getBytes(StandardCharsets.UTF_8), r.key());
        assertEquals(null, r.partition());
        assertEquals(null, r.timestamp());
      }
    }
  }
}
