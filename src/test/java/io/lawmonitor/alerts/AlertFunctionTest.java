package io.lawmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.metrics.MetricRecord;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

class AlertFunctionTest {
  private static final long HOUR = 3_600_000L;
  private static final AlertRule RULE = new AlertRule("sat-low", "hotline.satisfaction_rate", "sliding_24h", "district",
      true, 0.90, 0.95, 4, 0, 2, "critical", List.of());

  private static RuleInput in(long endHour, long n, long d, int revision) {
    return in(RULE, endHour, n, d, revision);
  }

  private static RuleInput in(AlertRule rule, long endHour, long n, long d, int revision) {
    return in(rule, "宜昌市/西陵区", endHour, n, d, revision);
  }

  private static RuleInput in(AlertRule rule, String scope, long endHour, long n, long d, int revision) {
    return new RuleInput(rule, new MetricRecord("hotline.satisfaction_rate", "sliding_24h", (endHour - 24) * HOUR,
        endHour * HOUR, "district", scope, n, d, (double) n / d, 0.0, 1.0, revision, "live"));
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
    return harness(10_000, null);
  }

  /** A harness keeping at most {@code kept} keys' state in memory, restored from {@code snapshot} when one is given. */
  private static KeyedBroadcastOperatorTestHarness<String, RuleInput, String, AlertRecord> harness(int kept,
      org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot) throws Exception {
    RuleSet rules = RuleSet.parse(RULES_YAML, List.of("sliding_24h", "day_to_date"), "test");
    var h = new KeyedBroadcastOperatorTestHarness<>(new org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator<>(
        new AlertFunction(new RulesInForce(rules, List.of("sliding_24h", "day_to_date")), "live").keptAtMost(kept),
        List.of(RulesInForce.STATE)), RuleInput::key, Types.STRING, 1, 1, 0);
    if (snapshot != null) {
      h.initializeState(snapshot);
    } else {
      h.setup();
    }
    h.open();
    return h;
  }

  /**
   * Three districts' figures over five days (past the 48 windows kept, so the oldest fold into the
   * anchor), each scope slipping and recovering on a day of its own, some windows revised, and the
   * threshold changed on the fourth day: every alert, in order.
   */
  private static List<String> fiveDays(int kept, int restoreAtHour) throws Exception {
    var h = harness(kept, null);
    List<AlertRecord> out = new java.util.ArrayList<>();
    String changedYaml = RULES_YAML.replace("fireWhen: below 0.90\n    clearWhen: above 0.95",
        "fireWhen: below 0.80\n    clearWhen: above 0.85");
    AlertRule rule = RULE;
    List<String> scopes = List.of("宜昌市/西陵区", "宜昌市/伍家岗区", "宜昌市/点军区");
    for (long hour = 10; hour < 10 + 5 * 24; hour++) {
      if (hour == restoreAtHour) {
        var snapshot = h.snapshot(1L, 1L);
        out.addAll(h.extractOutputValues());
        h.close();
        h = harness(kept, snapshot);
      }
      if (hour == 10 + 3 * 24) {
        h.processBroadcastElement(changedYaml, 0);
        rule = RuleSet.parse(changedYaml, List.of("sliding_24h"), "t").rule("sat-low");
      }
      for (int i = 0; i < scopes.size(); i++) {
        h.processElement(in(rule, scopes.get(i), hour, satisfied(i, hour, false), 100, 0), 0);
        if (hour % 7 == i) { // a late outcome revises the window before
          h.processElement(in(rule, scopes.get(i), hour - 1, satisfied(i, hour - 1, true), 100, 1), 0);
        }
      }
    }
    out.addAll(h.extractOutputValues());
    h.close();
    return out.stream().map(a -> a.scope() + " " + a.state() + " " + a.at() / HOUR + " since " + a.activeSince() / HOUR)
        .toList();
  }

  /**
   * Of 100, in scope {@code i}'s window ending at {@code hour}: low on the morning of a day of its
   * own, and the third scope at 85 across the threshold's change (firing under the old rule, neither
   * firing nor clear under the new one).
   */
  private static long satisfied(int i, long hour, boolean revised) {
    if ((hour - 10) / 24 == i + 1 && hour % 24 < 12) {
      return revised ? 60 : 70;
    }
    if (i == 2 && hour >= 76 && hour < 86) {
      return 85;
    }
    return revised ? 99 : 97 + (hour + i) % 3;
  }

  /**
   * The alerts are the same whether a key's state is read from memory, from Flink's state (room for
   * one key: the first district's is held, the others' read at every call) or after a restore.
   */
  @Test
  void theAlertsAreTheSameWhereverTheirStateIsKept() throws Exception {
    List<String> expected = fiveDays(10_000, -1);
    assertThat(expected).containsExactly(
        "宜昌市/西陵区 FIRING 35 since 33", "宜昌市/西陵区 RESOLVED 36 since 33",
        "宜昌市/西陵区 FIRING 49 since 47", "宜昌市/西陵区 RESOLVED 58 since 47",
        "宜昌市/伍家岗区 FIRING 59 since 57", "宜昌市/伍家岗区 RESOLVED 60 since 57",
        "宜昌市/伍家岗区 FIRING 73 since 71",
        // firing at 85 under the old rule, and still under the changed one (below 0.80, clear above
        // 0.85) from hour 82 on, which judges the windows after the change only
        "宜昌市/点军区 FIRING 77 since 75",
        "宜昌市/伍家岗区 RESOLVED 82 since 71",
        "宜昌市/点军区 RESOLVED 86 since 75",
        "宜昌市/点军区 FIRING 97 since 95", "宜昌市/点军区 RESOLVED 106 since 95");
    assertThat(fiveDays(1, -1)).isEqualTo(expected);
    assertThat(fiveDays(10_000, 70)).isEqualTo(expected);
    assertThat(fiveDays(1, 100)).isEqualTo(expected);
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
