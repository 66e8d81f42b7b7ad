package io.lawmonitor.lifecycle;

import static io.lawmonitor.Fixtures.hotline;
import static io.lawmonitor.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.events.DeadLetter;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.ParseOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class CaseLifecycleFunctionTest {
  private static KeyedOneInputStreamOperatorTestHarness<String, Event, Fact> harness(long inputEnd) throws Exception {
    var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
        new CaseLifecycleFunction(LifecycleSettings.defaults(), WorkCalendar.bundled(), inputEnd), Event::caseKey, Types.STRING);
    h.open();
    return h;
  }

  /** Net count per fact, after withdrawals. */
  private static Map<String, Integer> net(List<Fact> facts) {
    Map<String, Integer> m = new TreeMap<>();
    for (Fact f : facts) {
      m.merge(f.kind() + (f.detail() == null ? "" : " " + f.detail()) + " @" + f.time(), f.sign(), Integer::sum);
    }
    m.values().removeIf(v -> v == 0);
    return m;
  }

  @Test
  void overdueAtTheDeadlineThenLateCompletionAndStateCleared() throws Exception {
    var h = harness(Long.MAX_VALUE);
    var c = hotline("HL-1");
    Event received = c.received("2026-10-12T09:00").event();
    h.processElement(received, received.eventTime);
    h.processWatermark(new Watermark(t("2026-10-15T23:59")));
    assertThat(net(h.extractOutputValues())).doesNotContainKey("OVERDUE HOTLINE_CLOSURE @" + t("2026-10-16T00:00"));
    h.processWatermark(new Watermark(t("2026-10-16T00:00")));
    assertThat(net(h.extractOutputValues())).containsEntry("OVERDUE HOTLINE_CLOSURE @" + t("2026-10-16T00:00"), 1)
        .containsEntry("OVERDUE_BEGAN HOTLINE_CLOSURE @" + t("2026-10-16T00:00"), 1);
    Event closed = c.closed("2026-10-16T10:00", true).event();
    h.processElement(closed, closed.eventTime);
    h.processWatermark(new Watermark(t("2026-10-16T11:00")));
    assertThat(net(h.extractOutputValues())).containsEntry("LATE_COMPLETION HOTLINE_CLOSURE @" + t("2026-10-16T10:00"), 1)
        .containsEntry("OVERDUE_ENDED HOTLINE_CLOSURE @" + t("2026-10-16T10:00"), 1);
    assertThat(h.numKeyedStateEntries()).isPositive();
    h.processWatermark(new Watermark(t("2026-10-24T00:00")));
    assertThat(h.numKeyedStateEntries()).as("cleared a grace period after the case ended").isZero();
    h.close();
  }

  @Test
  void arrivalOrderWithinTheBoundDoesNotChangeTheFacts() throws Exception {
    var c = hotline("HL-2");
    List<Event> events = List.of(c.received("2026-10-12T09:00").event(), c.responded("2026-10-12T09:30").event(),
        c.closed("2026-10-12T09:50", true).event());
    Map<String, Integer> expected = null;
    for (List<Integer> order : List.of(List.of(0, 1, 2), List.of(2, 1, 0), List.of(1, 2, 0))) {
      var h = harness(Long.MAX_VALUE);
      for (int i : order) {
        h.processElement(events.get(i), events.get(i).eventTime);
      }
      h.processWatermark(new Watermark(t("2026-10-20T00:00")));
      Map<String, Integer> got = net(h.extractOutputValues());
      assertThat(h.getSideOutput(ParseOperator.DEAD_LETTERS)).isNull();
      if (expected == null) {
        expected = got;
        assertThat(got).containsEntry("ONTIME HOTLINE_CLOSURE @" + t("2026-10-12T09:50"), 1);
      }
      assertThat(got).isEqualTo(expected);
      h.close();
    }
  }

  @Test
  void aContradictionIsADeadLetterAndAnOrphanStillCounts() throws Exception {
    var h = harness(Long.MAX_VALUE);
    var c = hotline("HL-3");
    for (Event e : List.of(c.received("2026-10-12T09:00").event(), c.event("REOPENED", "2026-10-12T10:00").event(),
        hotline("HL-OLD").closed("2026-10-12T11:00", false).event())) {
      h.processElement(e, e.eventTime);
    }
    h.processWatermark(new Watermark(t("2026-10-12T12:00")));
    List<DeadLetter> dead = new ArrayList<>();
    h.getSideOutput(ParseOperator.DEAD_LETTERS).forEach(r -> dead.add(((StreamRecord<DeadLetter>) r).getValue()));
    assertThat(dead).singleElement().satisfies(d -> {
      assertThat(d.reason()).isEqualTo(DeadLetter.ILLEGAL_TRANSITION);
      assertThat(d.detail()).contains("REOPENED");
    });
    assertThat(net(h.extractOutputValues())).containsEntry("RESOLVED false @" + t("2026-10-12T11:00"), 1);
    h.close();
  }

  @Test
  void theEndOfABoundedInputInventsNoOverdue() throws Exception {
    var h = harness(t("2026-10-14T12:00"));
    Event received = hotline("HL-4").received("2026-10-12T09:00").event();
    h.processElement(received, received.eventTime);
    h.processWatermark(new Watermark(Long.MAX_VALUE));
    Map<String, Integer> facts = net(h.extractOutputValues());
    assertThat(facts).containsKey("OVERDUE HOTLINE_RESPONSE @" + t("2026-10-14T00:00"));
    assertThat(facts.keySet()).noneMatch(k -> k.contains("HOTLINE_CLOSURE"));
    h.close();
  }
}
