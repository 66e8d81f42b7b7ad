package io.lawmonitor.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

class QuietWatermarksTest {
  /** What reached the output: "wm <millis>", "idle" or "active". */
  static final class Seen implements WatermarkOutput {
    final List<String> log = new ArrayList<>();

    @Override
    public void emitWatermark(Watermark w) {
      log.add("wm " + w.getTimestamp());
    }

    @Override
    public void markIdle() {
      log.add("idle");
    }

    @Override
    public void markActive() {
      log.add("active");
    }

    String last() {
      return log.isEmpty() ? "" : log.get(log.size() - 1);
    }
  }

  final ManualClock clock = new ManualClock(1_000_000_000L);
  final Seen out = new Seen();
  // out of order by 5 s; quiet after 10 s
  final QuietWatermarks<Long> q = new QuietWatermarks<>(new OutOfOrder(), 10_000, clock);

  /** Like the monitor's generators: out of order by 5 s, whole seconds, emitted as events arrive. */
  static final class OutOfOrder implements WatermarkGenerator<Long> {
    long max = Long.MIN_VALUE;
    long emitted = Long.MIN_VALUE;

    @Override
    public void onEvent(Long e, long ts, WatermarkOutput output) {
      max = Math.max(max, ts);
      long wm = Math.floorDiv(max - 5_000 - 1, 1000L) * 1000L;
      if (wm > emitted) {
        emitted = wm;
        output.emitWatermark(new Watermark(wm));
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      if (emitted != Long.MIN_VALUE) {
        output.emitWatermark(new Watermark(emitted));
      }
    }
  }

  void after(long millis) {
    clock.advanceTime(java.time.Duration.ofMillis(millis));
    q.onPeriodicEmit(out);
  }

  void event(long t) {
    q.onEvent(t, t, out);
  }

  @Test
  void anInputWithoutEventsIsIdleOnceTheIdlenessHasPassed() {
    after(9_999);
    assertThat(out.log).isEmpty();
    after(1);
    assertThat(out.log).containsExactly("idle");
    after(60_000);
    assertThat(out.log).containsExactly("idle");
    event(100_000);
    assertThat(out.last()).isEqualTo("wm 94000");
  }

  @Test
  void aQuietInputMovesOnFromItsLastEventAndIsNeverIdle() {
    event(100_000);
    assertThat(out.last()).isEqualTo("wm 94000");
    after(10_000);
    assertThat(out.last()).isEqualTo("wm 94000");
    after(3_500);
    assertThat(out.last()).isEqualTo("wm 97000"); // 3.5 s past the idleness, in whole seconds
    after(60_000);
    assertThat(out.last()).isEqualTo("wm 157000");
    assertThat(out.log).doesNotContain("idle");
    // an event behind the advanced watermark does not take it back
    event(120_000);
    assertThat(out.last()).isEqualTo("wm 157000");
    // and the quiet is measured again from that event
    after(9_000);
    assertThat(out.last()).isEqualTo("wm 157000");
    event(200_000);
    assertThat(out.last()).isEqualTo("wm 194000");
  }
}
