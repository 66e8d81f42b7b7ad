package io.lawmonitor.runtime;

import static io.lawmonitor.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The far-future rule as the input scans apply it, lane by lane. */
class FarJumpTest {
  static final long MIN5 = 300_000L;
  static final long H24 = 86_400_000L;

  @Test
  void aJumpTheNextEventDoesNotFollowIsNotTheInputsEnd() {
    FarJump.LastUsed u = new FarJump.LastUsed(MIN5, H24);
    u.add("p0", t("2026-10-12T09:00"));
    u.add("p0", t("2026-10-15T09:00")); // three days ahead: a wrong clock, unless the next event follows
    u.add("p0", t("2026-10-12T10:00"));
    assertThat(u.result()).isEqualTo(t("2026-10-12T10:00"));
  }

  @Test
  void aJumpTheNextEventFollowsCountsAndEachLaneHasItsOwnClock() {
    FarJump.LastUsed u = new FarJump.LastUsed(MIN5, H24);
    u.add("p0", t("2026-10-12T09:00"));
    u.add("p1", t("2026-10-20T09:00")); // another partition's first event: nothing says it is ahead
    u.add("p0", t("2026-10-15T09:00"));
    u.add("p0", t("2026-10-15T09:30")); // confirmed: time moved on (a quiet holiday)
    assertThat(u.result()).isEqualTo(t("2026-10-20T09:00"));
  }

  @Test
  void aHeldLastEventCountsAtTheEndOfABoundedInput() {
    FarJump.LastUsed u = new FarJump.LastUsed(MIN5, H24);
    u.add("", t("2026-10-12T09:00"));
    u.add("", t("2026-10-18T09:00"));
    assertThat(u.result()).isEqualTo(t("2026-10-18T09:00"));
  }

  @Test
  void thePredicates() {
    assertThat(FarJump.ahead(Long.MIN_VALUE, 5, 1)).isFalse();
    assertThat(FarJump.ahead(0, H24, H24)).isFalse();
    assertThat(FarJump.ahead(0, H24 + 1, H24)).isTrue();
    assertThat(FarJump.confirms(H24 * 2 - H24, H24 * 2, H24)).isTrue();
    assertThat(FarJump.confirms(H24 * 2 - H24 - 1, H24 * 2, H24)).isFalse();
  }
}
