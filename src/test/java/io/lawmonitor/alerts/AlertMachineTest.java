package io.lawmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.metrics.MetricRecord;
import io.lawmonitor.metrics.Wilson;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertMachineTest {
  private static final long HOUR = 3_600_000L;

  private static AlertRule rule(double confidence, int forWindows, long minSample) {
    return new AlertRule("r", "hotline.satisfaction_rate", "sliding_24h", "district", true, 0.95, 0.96, minSample,
        confidence, forWindows, "critical", List.of());
  }

  private static MetricRecord rate(long end, long n, long d) {
    double[] ci = Wilson.interval(n, d, Wilson.Z95);
    return new MetricRecord("hotline.satisfaction_rate", "sliding_24h", end - 24 * HOUR, end, "district", "d",
        n, d, (double) n / d, ci[0], ci[1], 0, "live");
  }

  @Test
  void confidenceTellsOneOfOneFromNineHundredNinetyOfAThousand() {
    AlertRule r = rule(0.95, 1, 0);
    assertThat(AlertMachine.verdict(r, rate(HOUR, 9, 10))).as("9 of 10: the interval reaches past 95%")
        .isEqualTo(AlertMachine.Verdict.HOLD);
    assertThat(AlertMachine.verdict(r, rate(HOUR, 900, 1000))).as("900 of 1000: surely below")
        .isEqualTo(AlertMachine.Verdict.BREACH);
    assertThat(AlertMachine.verdict(r, rate(HOUR, 367, 412))).isEqualTo(AlertMachine.Verdict.BREACH);
    assertThat(AlertMachine.verdict(rule(0, 1, 0), rate(HOUR, 9, 10))).as("point value").isEqualTo(AlertMachine.Verdict.BREACH);
    assertThat(AlertMachine.verdict(rule(0, 1, 30), rate(HOUR, 0, 29))).isEqualTo(AlertMachine.Verdict.NO_VERDICT);
  }

  @Test
  void forHysteresisAndRecovery() {
    AlertRule r = rule(0, 2, 0);
    AlertStatus s = AlertStatus.INITIAL;
    s = AlertMachine.step(s, r, rate(10 * HOUR, 90, 100));
    assertThat(s.state()).isEqualTo(AlertStatus.PENDING);
    s = AlertMachine.step(s, r, rate(11 * HOUR, 96, 100));
    assertThat(s.state()).as("a window out of breach resets the count").isEqualTo(AlertStatus.OK);
    s = AlertMachine.step(s, r, rate(12 * HOUR, 90, 100));
    s = AlertMachine.step(s, r, rate(13 * HOUR, 91, 100));
    assertThat(s.state()).isEqualTo(AlertStatus.FIRING);
    assertThat(s.since()).as("the hour before the first breaching window's end").isEqualTo(11 * HOUR);
    s = AlertMachine.step(s, r, rate(14 * HOUR, 955, 1000));
    assertThat(s.state()).as("between fire and clear: still firing").isEqualTo(AlertStatus.FIRING);
    s = AlertMachine.step(s, r, rate(15 * HOUR, 961, 1000));
    assertThat(s.state()).isEqualTo(AlertStatus.OK);
  }
}
