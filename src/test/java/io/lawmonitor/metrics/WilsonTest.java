package io.lawmonitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WilsonTest {
  @Test
  void knownIntervals() {
    double[] ci = Wilson.interval(3, 4, Wilson.Z95);
    assertThat(ci[0]).isCloseTo(0.30064, within(1e-5));
    assertThat(ci[1]).isCloseTo(0.95441, within(1e-5));
    ci = Wilson.interval(997, 1000, Wilson.Z95);
    assertThat(ci[0]).isCloseTo(0.99121, within(1e-5));
    assertThat(ci[1]).isCloseTo(0.99898, within(1e-5));
    ci = Wilson.interval(1, 1, Wilson.Z95);
    assertThat(ci[0]).isCloseTo(0.20654, within(1e-5));
    assertThat(ci[1]).isEqualTo(1.0);
  }

  @Test
  void roundingOutwardKeepsTheValueInside() {
    assertThat(Wilson.floor4(0.300649)).isEqualTo(0.3006);
    assertThat(Wilson.ceil4(0.954401)).isEqualTo(0.9545);
    assertThat(Wilson.ceil4(1.0)).isEqualTo(1.0);
    assertThat(Wilson.zFor(0.95)).isCloseTo(1.95996, within(1e-5));
    assertThat(Wilson.zFor(0.99)).isCloseTo(2.57583, within(1e-4));
  }
}
