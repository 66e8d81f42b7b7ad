package io.lawmonitor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.metrics.MetricRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A metric line written field by field is byte for byte what Jackson writes for the same fields. */
class OutputJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void aMetricLineIsWhatJacksonWrites() {
    long end = 1_795_000_000_000L / 3_600_000L * 3_600_000L;
    List<MetricRecord> records = List.of(
        new MetricRecord("hotline.satisfaction_rate", "sliding_24h", end - 86_400_000L, end, "district", "宜昌市/西陵区",
            997L, 1000L, 0.997, 0.9912, 0.999, 0, "live"),
        new MetricRecord("review.correction_rate", "day_to_date", end - 3_600_000L, end, "agency", "a \"quoted\" \\ name\t\u0001",
            1L, 3L, 1.0 / 3, 0.0615, 0.7923, 12, "replay"),
        new MetricRecord("hotline.open_cases", "day_to_date", end - 7_200_000L, end + 1, "all", "all",
            null, null, -4, null, null, 1, "replay"),
        new MetricRecord("enforcement.transfer_count", "month", end - 86_400_000L * 30, end, "city", "秦皇岛市",
            null, null, 1234567, null, null, 0, "replay"));
    for (MetricRecord m : records) {
      assertEquals(jackson(m), OutputJson.metric(m));
    }
  }

  @Test
  void ratesAndBoundsAreWrittenAsTheirPlainText() {
    for (int k = 0; k <= 10_000; k++) {
      double bound = k / 10_000.0;
      assertEquals(String.valueOf(bound), ascii(RateText.bound(bound)));
    }
    for (double odd : new double[] {-0.0001, 1.0001, 0.12345, Double.NaN, 1e-7}) {
      assertEquals(String.valueOf(odd), ascii(RateText.bound(odd)));
    }
    // every n/d up to 400, twice (the second time from the cache), and values colliding in it
    for (int round = 0; round < 2; round++) {
      for (long d = 1; d <= 400; d++) {
        for (long n = 0; n <= d; n++) {
          double v = (double) n / d;
          assertEquals(Double.toString(io.lawmonitor.metrics.MetricRecord.rounded(v)), ascii(RateText.value(v)), n + "/" + d);
        }
      }
    }
  }

  private static String ascii(byte[] b) {
    return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
  }

  private static String jackson(MetricRecord m) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("metric", m.metric());
    n.put("window", m.window());
    n.put("windowStart", EventJson.time(m.windowStart()));
    n.put("windowEnd", EventJson.time(m.windowEnd()));
    n.put("scopeLevel", m.scopeLevel());
    n.put("scope", m.scope());
    if (m.isRate()) {
      n.put("numerator", m.numerator());
      n.put("denominator", m.denominator());
      n.put("value", io.lawmonitor.metrics.MetricRecord.rounded(m.value()));
      n.put("wilsonLow", m.wilsonLow());
      n.put("wilsonHigh", m.wilsonHigh());
    } else {
      n.put("value", (long) m.value());
    }
    n.put("revision", m.revision());
    n.put("mode", m.mode());
    return n.toString();
  }
}
