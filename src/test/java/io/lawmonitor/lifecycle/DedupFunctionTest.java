package io.lawmonitor.lifecycle;

import static io.lawmonitor.Fixtures.hotline;
import static io.lawmonitor.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.events.Event;
import io.lawmonitor.events.LateEvent;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class DedupFunctionTest {
  private static final long HOUR = 3_600_000L;

  @Test
  void retriesAreDroppedLateEventsSetAsideAndStateExpires() throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, Event, Event> h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
        new DedupFunction(2 * HOUR, 24 * HOUR, Long.MAX_VALUE), Event::caseKey, Types.STRING);
    h.open();
    Event a = hotline("HL-1").received("2026-10-12T09:00").id("A").event();
    h.processElement(a, a.eventTime);
    h.processElement(a, a.eventTime);
    assertThat(h.extractOutputValues()).hasSize(1);

    h.processWatermark(new Watermark(t("2026-10-12T12:00")));
    Event inside = hotline("HL-2").received("2026-10-12T10:30").id("B").event();
    Event beyond = hotline("HL-3").received("2026-10-12T09:59").id("C").event();
    h.processElement(inside, inside.eventTime);
    h.processElement(beyond, beyond.eventTime);
    assertThat(h.extractOutputValues()).extracting(e -> e.eventId).containsExactly("A", "B");
    assertThat(h.extractOutputValues().get(1).lateWatermark).as("behind the watermark, inside the lateness")
        .isEqualTo(t("2026-10-12T12:00"));
    assertThat(h.extractOutputValues().get(0).lateWatermark).isEqualTo(Long.MIN_VALUE);
    assertThat(h.getSideOutput(DedupFunction.LATE_EVENTS)).extracting(r -> ((StreamRecord<LateEvent>) r).getValue())
        .singleElement().satisfies(l -> {
          assertThat(l.event().eventId).isEqualTo("C");
          assertThat(l.lateByMillis()).isEqualTo(2 * HOUR + 60_000);
        });

    // past A's retention (09:00 + 24 h): the same eventId is news again, though A's entry waits for
    // its case's cleanup at the end of the day
    h.processWatermark(new Watermark(t("2026-10-13T13:00")));
    Event again = hotline("HL-1").received("2026-10-13T12:30").id("A").event();
    h.processElement(again, again.eventTime);
    assertThat(h.extractOutputValues()).extracting(e -> e.eventId).containsExactly("A", "B", "A");

    h.processWatermark(new Watermark(t("2026-10-15T12:00")));
    assertThat(h.numKeyedStateEntries()).as("eventIds forgotten after the retention").isZero();
    h.close();
  }
}
