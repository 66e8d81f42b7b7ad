package io.lawmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSetTest {
  private static final List<String> WINDOWS = List.of("sliding_24h", "day_to_date");

  private static String rule(String body) {
    return "rules:\n  - id: r1\n    metric: hotline.satisfaction_rate\n    window: sliding_24h\n    scopeLevel: district\n"
        + "    fireWhen: below 0.95\n" + body + "subscribers:\n  ops: {type: kafka}\n";
  }

  private static void invalid(String yaml, String... fragments) {
    assertThatThrownBy(() -> RuleSet.parse(yaml, WINDOWS, "rules.yaml"))
        .isInstanceOf(RuleSet.InvalidRules.class)
        .satisfies(e -> {
          for (String f : fragments) {
            assertThat(e.getMessage()).contains(f);
          }
        });
  }

  @Test
  void theDefaultRuleFileValidates() {
    RuleSet rules = RuleSet.load(Path.of("flink-conf/alert-rules.yaml"), WINDOWS);
    assertThat(rules.rules()).hasSizeGreaterThanOrEqualTo(8);
    assertThat(rules.rule("review-overdue").severity()).isEqualTo("critical");
    assertThat(rules.rule("mediation-prelitigation-low").fireThreshold())
        .isLessThan(rules.rule("mediation-success-low").fireThreshold());
  }

  @Test
  void aGoodRule() {
    RuleSet rs = RuleSet.parse(rule("    clearWhen: above 0.96\n    minSample: 30\n    confidence: 0.95\n    for: 2\n"
        + "    severity: critical\n    notify: [ops]\n"), WINDOWS, "rules.yaml");
    AlertRule r = rs.rule("r1");
    assertThat(r.below()).isTrue();
    assertThat(r.fireThreshold()).isEqualTo(0.95);
    assertThat(r.clearThreshold()).isEqualTo(0.96);
    assertThat(r.minSample()).isEqualTo(30);
    assertThat(r.forWindows()).isEqualTo(2);
    assertThat(r.subscribers()).containsExactly("ops");
  }

  @Test
  void errorsNameTheRuleAndTheField() {
    invalid(rule("    clearWhen: below 0.90\n"), "rule 'r1'", "field 'clearWhen'", "other way");
    invalid(rule("    clearWhen: above 0.90\n"), "rule 'r1'", "field 'clearWhen'", "recovered side");
    invalid(rule("    minSample: -3\n"), "rule 'r1'", "field 'minSample'");
    invalid(rule("    confidence: 1.5\n"), "field 'confidence'");
    invalid(rule("    for: 0\n"), "field 'for'");
    invalid(rule("    severity: loud\n"), "field 'severity'", "loud");
    invalid(rule("    notify: [nobody]\n"), "field 'notify'", "nobody");
    invalid(rule("    thresold: 3\n"), "field 'thresold'", "unknown field");
    invalid(rule("").replace("hotline.satisfaction_rate", "hotline.happiness"), "field 'metric'", "hotline.happiness");
    invalid(rule("").replace("below 0.95", "under 95%"), "field 'fireWhen'", "under 95%");
    invalid(rule("").replace("below 0.95", "below 95"), "field 'fireWhen'", "between 0 and 1");
    invalid(rule("").replace("district", "province"), "field 'scopeLevel'", "province");
    invalid(rule("").replace("sliding_24h", "month"), "field 'window'", "not computed by this job");
    invalid(rule("    for: 1\n  - id: r1\n    metric: hotline.satisfaction_rate\n    scopeLevel: all\n    fireWhen: below 0.9\n"),
        "rule 'r1'", "same id");
    invalid("rules: [\n", "rules.yaml", "not YAML");
    invalid("subscribers:\n  w: {type: webhook}\n", "subscriber 'w'", "field 'url'");
  }

  @Test
  void eachValueHasItsType() {
    invalid(rule("    minSample: '30'\n"), "rules.yaml: rule 'r1': field 'minSample': a whole number");
    invalid(rule("    for: 1.5\n"), "rules.yaml: rule 'r1': field 'for': a whole number");
    invalid(rule("    confidence: high\n"), "rules.yaml: rule 'r1': field 'confidence': a number");
    invalid(rule("    notify: {ops: true}\n"), "rules.yaml: rule 'r1': field 'notify[1]': a text value");
    invalid(rule("    thresold: 3\n"), "rules.yaml: rule 'r1': field 'thresold': unknown field (known here: clearWhen,");
    invalid("rules:\n  - [r1]\n", "rules.yaml: rule #1 is not a map");
    invalid("rules: r1\n", "rules.yaml: 'rules' must be a list");
    invalid("subscribers:\n  w: {type: webhook, url: 'http://x', retries: 3}\n",
        "rules.yaml: subscriber 'w': field 'retries': unknown field (known here: headers, perMinute, secret, type, url, urls)");
    invalid("subscribers:\n  w: {type: webhook, url: 'http://x', perMinute: ten}\n",
        "rules.yaml: subscriber 'w': field 'perMinute': a whole number");
    invalid("rule:\n  - id: r1\n", "rules.yaml: field 'rule': unknown field (known here: caseWatch, rules, subscribers)");
    // a single subscriber name is a list of one; a number where text goes is its text
    RuleSet rs = RuleSet.parse(rule("    notify: ops\n").replace("id: r1", "id: 2026"), WINDOWS, "rules.yaml");
    assertThat(rs.rule("2026").subscribers()).containsExactly("ops");
    RuleSet headers = RuleSet.parse("subscribers:\n  w: {type: webhook, url: 'http://x', headers: {X-Tenant: 42}}\n",
        WINDOWS, "rules.yaml");
    assertThat(headers.subscribers().get("w").headers()).containsEntry("X-Tenant", "42");
  }

  /** An alertmanager subscriber takes the server's url, as Prometheus and Grafana do, or the API's. */
  @Test
  void anAlertmanagerUrlReachesItsAlertsApi() {
    assertThat(RuleSet.alertsApi("http://am-0:9093")).isEqualTo("http://am-0:9093/api/v2/alerts");
    assertThat(RuleSet.alertsApi("http://am-0:9093/")).isEqualTo("http://am-0:9093/api/v2/alerts");
    assertThat(RuleSet.alertsApi("https://ops.example.gov.cn/alertmanager/")).isEqualTo("https://ops.example.gov.cn/alertmanager/api/v2/alerts");
    assertThat(RuleSet.alertsApi("http://am-0:9093/api/v2/alerts")).isEqualTo("http://am-0:9093/api/v2/alerts");
    assertThat(RuleSet.alertsApi("http://am-0:9093/api/v2/alerts/")).isEqualTo("http://am-0:9093/api/v2/alerts");
    RuleSet rs = RuleSet.parse(rule("").replace("ops: {type: kafka}",
        "ops: {type: alertmanager, urls: [\"http://am-0:9093\", \"http://am-1:9093/api/v2/alerts\"]}"), WINDOWS, "rules.yaml");
    assertThat(rs.subscribers().get("ops").urls()).containsExactly("http://am-0:9093/api/v2/alerts", "http://am-1:9093/api/v2/alerts");
  }

  @Test
  void aCaseWatchRuleIsADigestOrAMessagePerCaseToSubscribersThatExist() {
    String subs = "subscribers:\n  robot: {type: wecom, url: 'http://x'}\n  ops: {type: kafka}\n";
    RuleSet rs = RuleSet.parse("caseWatch:\n  - {id: d, digest: '8:30', notify: robot, agencies: {宜昌市司法局: [robot]}}\n"
        + "  - {id: o, overdue: [review.acceptance, hotline.closure], notify: [robot]}\n" + subs, null, "rules.yaml");
    assertThat(rs.caseWatch()).hasSize(2);
    assertThat(rs.caseWatch().get(0).digestAt()).isEqualTo(java.time.LocalTime.of(8, 30));
    assertThat(rs.caseWatch().get(0).subscribersOf("宜昌市司法局")).containsExactly("robot");
    assertThat(rs.caseWatch().get(1).overdueClocks()).containsExactlyInAnyOrder("review.acceptance", "hotline.closure");
    invalid("caseWatch:\n  - {id: d, notify: robot}\n" + subs, "rules.yaml: caseWatch rule 'd': field 'digest': missing");
    invalid("caseWatch:\n  - {id: d, digest: '25:00', notify: robot}\n" + subs,
        "rules.yaml: caseWatch rule 'd': field 'digest': '25:00' is not a time of day such as 08:30");
    invalid("caseWatch:\n  - {id: d, digest: '08:30', overdue: review.acceptance, notify: robot}\n" + subs,
        "rules.yaml: caseWatch rule 'd': field 'overdue': a rule is a digest or a message per overdue case, not both");
    invalid("caseWatch:\n  - {id: o, overdue: review.intake, notify: robot}\n" + subs,
        "rules.yaml: caseWatch rule 'o': field 'overdue': 'review.intake' is not a clock (");
    invalid("caseWatch:\n  - {id: o, overdue: review.acceptance, notify: pager}\n" + subs,
        "rules.yaml: caseWatch rule 'o': field 'notify': subscriber 'pager' is not defined under 'subscribers'");
    invalid("caseWatch:\n  - {id: o, overdue: review.acceptance, notify: ops}\n" + subs,
        "rules.yaml: caseWatch rule 'o': field 'notify': subscriber 'ops' is the alerts topic");
  }
}
