package io.lawmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.metrics.MetricRecord;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class AlertFunctionTest {
  private static final long HOUR = 3_600_000L;
  private static final AlertRule RULE = new AlertRule("sat-low", "hotline.satisfaction_rate", "sliding_24h", "district",
      true, 0.90, 0.95, 4, 0, 2, "critical", List.of());

  private static RuleInput in(long endHour, long n, long d, int revision) {
    return new RuleInput("sat-low", new MetricRecord("hotline.satisfaction_rate", "sliding_24h", (endHour - 24) * HOUR,
        endHour * HOUR, "district", "宜昌市/西陵区", n, d, (double) n / d, 0.0, 1.0, revision, "live"));
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, RuleInput, AlertRecord> harness() throws Exception {
    var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
        new AlertFunction(new RuleSet(List.of(RULE), Map.of()), "live"), RuleInput::key, Types.STRING);
    h.open();
    return h;
  }

  @Test
  void firesAfterTwoWindowsResolvesOnceAndNeverRepeats() throws Exception {
    var h = harness();
    h.processElement(in(10, 8, 8, 0), 0);
    h.processElement(in(11, 4, 8, 0), 0);
    h.processElement(in(12, 4, 8, 0), 0);
    h.processElement(in(13, 3, 8, 0), 0);
    h.processElement(in(14, 90, 99, 0), 0); // 0.909: recovering, not yet past 0.95
    h.processElement(in(15, 99, 100, 0), 0);
    h.processElement(in(16, 100, 100, 0), 0);
    List<AlertRecord> out = h.extractOutputValues();
    assertThat(out).extracting(AlertRecord::state).containsExactly("FIRING", "RESOLVED");
    assertThat(out.get(0).at()).isEqualTo(12 * HOUR);
    assertThat(out.get(0).activeSince()).isEqualTo(10 * HOUR);
    assertThat(out.get(0).numerator()).isEqualTo(4);
    assertThat(out.get(0).summary()).isEqualTo("宜昌市/西陵区 近24小时12345满意率 50.0%（8件）低于 90%");
    assertThat(out.get(1).at()).isEqualTo(15 * HOUR);
    assertThat(out.get(1).activeSince()).isEqualTo(10 * HOUR);
    assertThat(out.get(1).fingerprint()).isEqualTo(out.get(0).fingerprint());
    h.close();
  }

  @Test
  void aRevisionThatChangesTheVerdictChangesTheAlert() throws Exception {
    var h = harness();
    h.processElement(in(10, 4, 8, 0), 0);
    h.processElement(in(11, 4, 8, 0), 0);
    assertThat(h.extractOutputValues()).extracting(AlertRecord::state).containsExactly("FIRING");
    // late outcomes show the second window was fine after all
    h.processElement(in(11, 8, 8, 1), 0);
    assertThat(h.extractOutputValues()).extracting(AlertRecord::state).containsExactly("FIRING", "RESOLVED");
    // an older revision arriving late changes nothing
    h.processElement(in(11, 4, 8, 0), 0);
    assertThat(h.extractOutputValues()).hasSize(2);
    h.close();
  }
}
