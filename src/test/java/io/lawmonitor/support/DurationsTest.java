package io.lawmonitor.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durations in the job's settings: Flink's notation or ISO-8601, never a bare number. */
class DurationsTest {
  @Test
  void flinksNotationAndIso() {
    assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("5 min")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
  }

  @Test
  void aNumberWithoutItsUnitOrAWordIsRefused() {
    for (String bad : new String[] {"30", "", "soon", "5 fortnights"}) {
      assertThatThrownBy(() -> Durations.parse(bad)).hasMessageContaining("is not a duration");
    }
  }
}
