package io.lawmonitor.io;

import static io.lawmonitor.Fixtures.hotline;
import static io.lawmonitor.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.events.RawEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

/** One partition's watermark: only event times move it, and a first or far-ahead record waits for confirmation. */
class RawEventWatermarksTest {
  static final long MIN5 = 300_000L;
  static final long H24 = 86_400_000L;
  final List<Long> marks = new ArrayList<>();
  final WatermarkOutput out = new WatermarkOutput() {
    @Override
    public void emitWatermark(Watermark w) {
      marks.add(w.getTimestamp());
    }

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}
  };

  void feed(RawEventWatermarks g, String text) {
    RawEvent r = new RawEvent(text, "law.hotline.events/0@0", text.length());
    g.onEvent(r, RawEventWatermarks.timestamp(r, t("2026-11-25T08:00")), out);
  }

  @Test
  void unreadableRecordsDoNotTakeTheBrokersTimestamp() {
    var g = new RawEventWatermarks(MIN5, H24);
    feed(g, "not json at all");
    feed(g, "[1,2,3]");
    feed(g, hotline("HL-1").received("2026-09-26T07:00").json());
    assertThat(marks).as("a first record alone does not move it").isEmpty();
    feed(g, hotline("HL-2").received("2026-09-26T07:01").json());
    assertThat(marks).containsExactly(t("2026-09-26T06:56") - 1000);
  }

  @Test
  void aFarJumpWaitsForTheNextRecord() {
    var g = new RawEventWatermarks(MIN5, H24);
    feed(g, hotline("HL-1").received("2026-09-26T07:00").json());
    feed(g, hotline("HL-2").received("2026-09-26T08:00").json());
    marks.clear();
    feed(g, hotline("HL-3").received("2027-09-26T08:00").json());
    feed(g, hotline("HL-4").received("2026-09-26T09:00").json());
    assertThat(marks).containsExactly(t("2026-09-26T08:55") - 1000);
  }
}
