package io.lawmonitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class WakeHoldTest {
  static OneInputStreamOperatorTestHarness<String, String> harness() throws Exception {
    var h = new OneInputStreamOperatorTestHarness<>(new WakeHold<String>(2_000));
    h.setProcessingTime(0);
    h.open();
    return h;
  }

  /** What came out, in order: records by value, "wm <t>", "idle", "active". */
  static List<String> seen(OneInputStreamOperatorTestHarness<String, String> h) {
    List<String> out = new ArrayList<>();
    for (Object o : h.getOutput()) {
      if (o instanceof StreamRecord<?> r) {
        out.add(String.valueOf(r.getValue()));
      } else if (o instanceof Watermark w) {
        out.add("wm " + w.getTimestamp());
      } else if (o instanceof WatermarkStatus s) {
        out.add(s.isIdle() ? "idle" : "active");
      }
    }
    return out;
  }

  @Test
  void anInputThatWasNeverIdlePassesEverythingAtOnce() throws Exception {
    try (var h = harness()) {
      h.processElement(new StreamRecord<>("a", 10));
      h.processWatermark(new Watermark(5));
      h.processElement(new StreamRecord<>("b", 20));
      h.processWatermark(new Watermark(15));
      assertThat(seen(h)).containsExactly("a", "wm 5", "b", "wm 15");
    }
  }

  @Test
  void onWakingTheTurnToActiveAndTheEventsPassAtOnceTheWatermarkAfterTheHold() throws Exception {
    try (var h = harness()) {
      h.processWatermarkStatus(WatermarkStatus.IDLE);
      h.setProcessingTime(10_000);
      h.processElement(new StreamRecord<>("a", 100_000));
      h.processWatermarkStatus(WatermarkStatus.ACTIVE);
      h.processWatermark(new Watermark(95_000));
      h.processElement(new StreamRecord<>("b", 101_000));
      h.processWatermark(new Watermark(96_000));
      assertThat(seen(h)).containsExactly("idle", "a", "active", "b");
      h.setProcessingTime(11_999);
      assertThat(seen(h)).containsExactly("idle", "a", "active", "b");
      h.setProcessingTime(12_000);
      assertThat(seen(h)).containsExactly("idle", "a", "active", "b", "wm 96000");
      h.processWatermark(new Watermark(97_000));
      assertThat(seen(h)).containsExactly("idle", "a", "active", "b", "wm 96000", "wm 97000");
    }
  }

  @Test
  void theEndOfABoundedInputIsNeverHeld() throws Exception {
    try (var h = harness()) {
      h.processWatermarkStatus(WatermarkStatus.IDLE);
      h.processWatermarkStatus(WatermarkStatus.ACTIVE);
      h.processWatermark(new Watermark(95_000));
      h.processWatermark(Watermark.MAX_WATERMARK);
      assertThat(seen(h)).containsExactly("idle", "active", "wm 95000", "wm " + Long.MAX_VALUE);
    }
  }

  @Test
  void goingIdleAgainWhileHoldingWaitsForTheHoldThenPassesTheWatermarkBeforeTheIdle() throws Exception {
    // a backlog read in one go: the reader wakes and is quiet again within the hold; the watermark
    // it reached must still come after every path has turned active, and the idle after it
    try (var h = harness()) {
      h.processWatermarkStatus(WatermarkStatus.IDLE);
      h.processWatermarkStatus(WatermarkStatus.ACTIVE);
      h.processElement(new StreamRecord<>("a", 100_000));
      h.processWatermark(new Watermark(95_000));
      h.setProcessingTime(200);
      h.processWatermarkStatus(WatermarkStatus.IDLE);
      assertThat(seen(h)).containsExactly("idle", "active", "a");
      h.setProcessingTime(1_999);
      assertThat(seen(h)).containsExactly("idle", "active", "a");
      h.setProcessingTime(2_000);
      assertThat(seen(h)).containsExactly("idle", "active", "a", "wm 95000", "idle");
    }
  }

  @Test
  void wakingAgainBeforeAHeldIdleIsPassedOnStaysActive() throws Exception {
    try (var h = harness()) {
      h.processWatermarkStatus(WatermarkStatus.IDLE);
      h.processWatermarkStatus(WatermarkStatus.ACTIVE);
      h.processWatermark(new Watermark(95_000));
      h.processWatermarkStatus(WatermarkStatus.IDLE);
      h.processWatermarkStatus(WatermarkStatus.ACTIVE);
      h.processWatermark(new Watermark(96_000));
      h.setProcessingTime(2_000);
      h.processWatermark(new Watermark(97_000));
      assertThat(seen(h)).containsExactly("idle", "active", "wm 96000", "wm 97000");
    }
  }

  @Test
  void aLongHoldDelaysAnIdleOnlyAsLongAsAWakeTakesToCrossTheGraph() throws Exception {
    // a hold as long as an idleness of a minute: the idle that comes 5 s after the wake passes at
    // once, the held watermark before it
    try (var h = new OneInputStreamOperatorTestHarness<>(new WakeHold<String>(60_000))) {
      h.setProcessingTime(0);
      h.open();
      h.processWatermarkStatus(WatermarkStatus.IDLE);
      h.processWatermarkStatus(WatermarkStatus.ACTIVE);
      h.processWatermark(new Watermark(95_000));
      h.setProcessingTime(5_000);
      h.processWatermarkStatus(WatermarkStatus.IDLE);
      assertThat(seen(h)).containsExactly("idle", "active", "wm 95000", "idle");
    }
  }
}
