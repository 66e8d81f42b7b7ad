package io.lawmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.metrics.MetricRecord;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class AlertFunctionTest {
  private static final long HOUR = 3_600_000L;
  private static final AlertRule RULE = new AlertRule("sat-low", "hotline.satisfaction_rate", "sliding_24h", "district",
      true, 0.90, 0.95, 4, 0, 2, "critical", List.of());

  private static RuleInput in(long endHour, long n, long d, int revision) {
    return in(RULE, endHour, n, d, revision);
  }

  private static RuleInput in(AlertRule rule, long endHour, long n, long d, int revision) {
    return new RuleInput(rule, new MetricRecord("hotline.satisfaction_rate", "sliding_24h", (endHour - 24) * HOUR,
        endHour * HOUR, "district", "宜昌市/西陵区", n, d, (double) n / d, 0.0, 1.0, revision, "live"));
  }

  static final String RULES_YAML = """
      rules:
        - id: sat-low
          metric: hotline.satisfaction_rate
          window: sliding_24h
          scopeLevel: district
          fireWhen: below 0.90
          clearWhen: above 0.95
          minSample: 4
          for: 2
          severity: critical
        - id: sat-city
          metric: hotline.satisfaction_rate
          window: sliding_24h
          scopeLevel: city
          fireWhen: below 0.90
      """;

  private static KeyedBroadcastOperatorTestHarness<String, RuleInput, String, AlertRecord> harness() throws Exception {
    RuleSet rules = RuleSet.parse(RULES_YAML, List.of("sliding_24h", "day_to_date"), "test");
    var h = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
        new AlertFunction(new RulesInForce(rules, List.of("sliding_24h", "day_to_date")), "live"), RuleInput::key,
        Types.STRING, RulesInForce.STATE);
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

  @Test
  void aRemovedRulesFiringAlertEndsSayingSo() throws Exception {
    var h = harness();
    h.processElement(in(10, 4, 8, 0), 0);
    h.processElement(in(11, 4, 8, 0), 0);
    assertThat(h.extractOutputValues()).extractingResultOf("state").containsExactly("FIRING");
    h.processBroadcastElement(RULES_YAML.substring(0, RULES_YAML.indexOf("  - id: sat-city")).replace("sat-low", "other")
        .replace("scopeLevel: district", "scopeLevel: all"), 0);
    List<AlertRecord> out = h.extractOutputValues();
    assertThat(out).extracting(AlertRecord::state).containsExactly("FIRING", "RESOLVED");
    assertThat(out.get(1).at()).isEqualTo(11 * HOUR);
    assertThat(out.get(1).summary()).isEqualTo("告警结束（规则 sat-low 已删除）：宜昌市/西陵区 近24小时12345满意率");
    assertThat(out.get(1).fingerprint()).isEqualTo(out.get(0).fingerprint());
    h.close();
  }

  @Test
  void aChangedThresholdJudgesFromTheNextWindowOnAndWhatFiresKeepsFiring() throws Exception {
    var h = harness();
    h.processElement(in(10, 4, 8, 0), 0);
    h.processElement(in(11, 4, 8, 0), 0);
    assertThat(h.extractOutputValues()).extracting(AlertRecord::state).containsExactly("FIRING");
    String changedYaml = RULES_YAML.replace("fireWhen: below 0.90\n    clearWhen: above 0.95",
        "fireWhen: below 0.80\n    clearWhen: above 0.85");
    h.processBroadcastElement(changedYaml, 0);
    AlertRule changed = RuleSet.parse(changedYaml, List.of("sliding_24h"), "t").rule("sat-low");
    h.processElement(in(changed, 12, 82, 100, 0), 0); // not past 0.80, not yet back above 0.85: still firing
    assertThat(h.extractOutputValues()).as("no second FIRING").hasSize(1);
    h.processElement(in(changed, 13, 90, 100, 0), 0); // above the new 0.85 (the old rule wanted 0.95)
    List<AlertRecord> out = h.extractOutputValues();
    assertThat(out).extracting(AlertRecord::state).containsExactly("FIRING", "RESOLVED");
    assertThat(out.get(1).at()).isEqualTo(13 * HOUR);
    h.close();
  }
}
