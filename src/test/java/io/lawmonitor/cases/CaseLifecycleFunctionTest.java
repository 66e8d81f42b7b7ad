package io.lawmonitor.cases;

import io.lawmonitor.lifecycle.Fact;
import io.lawmonitor.lifecycle.FactKind;
import io.lawmonitor.lifecycle.CaseState;

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
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class CaseLifecycleFunctionTest {
  private static KeyedOneInputStreamOperatorTestHarness<String, Event, Fact> harness(long inputEnd) throws Exception {
    return harness(inputEnd, null);
  }

  /** The function with the default settings: 2 h allowed lateness, eventIds remembered 7 days. */
  static CaseLifecycleFunction lifecycle(long inputEnd) {
    io.lawmonitor.config.MonitorConfig c = io.lawmonitor.config.MonitorConfig.defaults();
    return new CaseLifecycleFunction(LifecycleSettings.defaults(), WorkCalendar.bundled(), inputEnd,
        c.allowedLateness().toMillis(), c.dedupRetention().toMillis());
  }

  /** A harness, restored from {@code snapshot} when one is given. */
  private static KeyedOneInputStreamOperatorTestHarness<String, Event, Fact> harness(long inputEnd,
      OperatorSubtaskState snapshot) throws Exception {
    var h = new KeyedOneInputStreamOperatorTestHarness<>(new io.lawmonitor.runtime.HeldSteps<>(
        lifecycle(inputEnd)), Event::caseKey, Types.STRING);
    if (snapshot != null) {
      h.initializeState(snapshot);
    }
    h.open();
    return h;
  }

  /**
   * Three cases: one closed at the very moment its clock runs out (24:00 Oct 15: a timer and its
   * event at one time), one closed a day late, one answered and closed on time, an event of it
   * arriving before an earlier one.
   */
  private static List<Event> threeCases() {
    var a = hotline("HL-A");
    var b = hotline("HL-B");
    var c = hotline("HL-C");
    return List.of(a.received("2026-10-12T09:00").attr("kind", "HELP").event(),
        b.received("2026-10-12T09:05").attr("kind", "HELP").event(),
        c.responded("2026-10-12T09:30").event(),
        c.received("2026-10-12T09:10").attr("kind", "HELP").event(),
        c.closed("2026-10-13T10:00", true).event(),
        a.closed("2026-10-16T00:00", true).event(),
        b.closed("2026-10-16T23:00", true).event());
  }

  /**
   * The facts of {@link #threeCases()}, the watermark moving to each given time after the events
   * before it (up to an hour ahead of it), restored from a snapshot just before it moves to
   * {@code restoreAt} (none: Long.MIN_VALUE), with events held then.
   */
  private static List<Fact> run(List<Long> watermarks, long restoreAt) throws Exception {
    List<Event> events = threeCases();
    List<Fact> out = new ArrayList<>();
    var h = harness(Long.MAX_VALUE);
    int next = 0;
    for (long w : watermarks) {
      while (next < events.size() && (w == Long.MAX_VALUE || events.get(next).eventTime <= w + 3_600_000L)) {
        h.processElement(events.get(next), events.get(next).eventTime);
        next++;
      }
      if (w == restoreAt) {
        int timers = h.numEventTimeTimers();
        h.prepareSnapshotPreBarrier(1L); // as a task does before every checkpoint
        assertThat(h.numEventTimeTimers()).as("the events held go into the snapshot").isGreaterThan(timers);
        OperatorSubtaskState snapshot = h.snapshot(1L, 1L);
        out.addAll(h.extractOutputValues());
        h.close();
        h = harness(Long.MAX_VALUE, snapshot);
      }
      h.processWatermark(new Watermark(w));
    }
    out.addAll(h.extractOutputValues());
    h.close();
    return out;
  }

  @Test
  void theFactsDoNotDependOnHowTheWatermarkMovesNorOnARestore() throws Exception {
    List<Long> oneStep = List.of(Long.MAX_VALUE);
    List<Long> hourly = new ArrayList<>();
    for (long w = t("2026-10-12T08:00"); w <= t("2026-10-25T00:00"); w += 3_600_000L) {
      hourly.add(w);
    }
    hourly.add(Long.MAX_VALUE);
    List<Long> atTheDeadline = List.of(t("2026-10-12T09:20"), t("2026-10-15T23:59"), t("2026-10-16T00:00"),
        t("2026-10-16T00:01"), t("2026-10-17T00:00"), Long.MAX_VALUE);
    Map<String, Integer> expected = net(run(oneStep, Long.MIN_VALUE));
    assertThat(expected)
        .containsEntry("OVERDUE_BEGAN HOTLINE_CLOSURE @" + t("2026-10-16T00:00"), 2)
        .containsEntry("LATE_COMPLETION HOTLINE_CLOSURE @" + t("2026-10-16T00:00"), 1)
        .containsEntry("LATE_COMPLETION HOTLINE_CLOSURE @" + t("2026-10-16T23:00"), 1)
        .containsEntry("ONTIME HOTLINE_CLOSURE @" + t("2026-10-13T10:00"), 1);
    assertThat(net(run(hourly, Long.MIN_VALUE))).isEqualTo(expected);
    assertThat(net(run(atTheDeadline, Long.MIN_VALUE))).isEqualTo(expected);
    // restored with the late closure held, and with the closure at the moment its clock runs out held
    assertThat(net(run(hourly, t("2026-10-16T22:00")))).isEqualTo(expected);
    assertThat(net(run(atTheDeadline, t("2026-10-15T23:59")))).isEqualTo(expected);
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

  /**
   * Events more than the allowed lateness (2 h) behind the time reached are folded into the case:
   * it keeps their clocks and agency, not them, and an event that arrives late but inside the
   * lateness, after them, still counts as if it had come in order, with the agency they assigned.
   * A case with no region yet keeps its events: a later one may still name the region of all.
   */
  @Test
  void oldEventsAreFoldedAndALateOneInsideTheLatenessStillCounts() throws Exception {
    var c = hotline("HL-F").by("宜昌市12345政务服务便民热线");
    Event received = c.received("2026-10-12T09:00").attr("kind", "HELP").event();
    Event assigned = c.event("ASSIGNED", "2026-10-12T09:20").attr("agency", "宜昌市生态环境局").event();
    c.by(null);
    Event responded = c.responded("2026-10-12T10:30").event();
    Event closed = c.closed("2026-10-12T11:00", true).event();
    var noRegion = hotline("HL-N").in(null);
    Event unplaced = noRegion.responded("2026-10-12T09:00").event(); // its RECEIVED not come yet

    var inOrder = harness(Long.MAX_VALUE);
    for (Event e : List.of(received, assigned, responded, closed)) {
      inOrder.processElement(e, e.eventTime);
    }
    inOrder.processWatermark(new Watermark(t("2026-10-12T13:00")));
    List<Fact> expected = inOrder.extractOutputValues();
    inOrder.close();

    var h = harness(Long.MAX_VALUE);
    for (Event e : List.of(received, assigned, unplaced)) {
      h.processElement(e, e.eventTime);
    }
    h.processWatermark(new Watermark(t("2026-10-12T12:00")));
    CaseState st = DedupFunctionTest.state(h, received.caseKey());
    assertThat(st.folded.events()).as("both more than 2 h behind 12:00").isEqualTo(2);
    assertThat(st.accepted).isEmpty();
    assertThat(st.emitted).as("the facts still open to revision: the clocks' outcomes, none yet").isEmpty();
    assertThat(DedupFunctionTest.state(h, unplaced.caseKey()).folded).isNull();
    assertThat(DedupFunctionTest.state(h, unplaced.caseKey()).accepted).hasSize(1);
    for (Event e : List.of(responded, closed)) { // 10:30 and 11:00: behind 12:00, inside the lateness
      h.processElement(e, e.eventTime);
    }
    h.processWatermark(new Watermark(t("2026-10-12T13:00")));
    List<Fact> got = h.extractOutputValues().stream().filter(f -> f.region() != null).toList();
    assertThat(net(got)).isEqualTo(net(expected));
    assertThat(got).filteredOn(f -> f.kind() == FactKind.RESOLVED).singleElement().satisfies(f -> {
      assertThat(f.agency()).isEqualTo("宜昌市生态环境局");
      assertThat(f.lateWatermark()).isEqualTo(t("2026-10-12T12:00"));
    });
    assertThat(h.getSideOutput(CaseLifecycleFunction.LATE_EVENTS)).isNull();
    assertThat(DedupFunctionTest.state(h, received.caseKey()).folded.events()).as("10:30 is 2 h behind 13:00, 11:00 not")
        .isEqualTo(3);
    OperatorSubtaskState snapshot = h.snapshot(1L, 1L);
    h.close();

    // restored, the job knows no watermark until its sources send one: an event older than the
    // folded ones, which the job before it had judged late, is late here too
    var restored = harness(Long.MAX_VALUE, snapshot);
    Event old = c.event("ASSIGNED", "2026-10-12T09:40").attr("agency", "宜昌市住房和城乡建设局").event();
    restored.processElement(old, old.eventTime);
    restored.processWatermark(new Watermark(t("2026-10-12T13:30")));
    assertThat(restored.extractOutputValues()).isEmpty();
    assertThat(restored.getSideOutput(CaseLifecycleFunction.LATE_EVENTS)).singleElement()
        .satisfies(r -> assertThat(((StreamRecord<io.lawmonitor.events.LateEvent>) r).getValue().event().eventId)
            .isEqualTo(old.eventId));
    restored.close();
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
  void aCaseThatEndsLeavesNoTimerBehindInALiveRun() throws Exception {
    var h = harness(Long.MAX_VALUE);
    var c = hotline("HL-5");
    Event received = c.received("2026-10-12T09:00").event();
    h.processElement(received, received.eventTime);
    h.processWatermark(new Watermark(t("2026-10-12T10:00")));
    assertThat(h.numEventTimeTimers()).as("the response deadline's timer; the cleanup two years ahead not yet")
        .isEqualTo(1);
    Event closed = c.closed("2026-10-12T15:00", true).event();
    h.processElement(closed, closed.eventTime);
    h.processWatermark(new Watermark(t("2026-10-12T16:00")));
    assertThat(h.numEventTimeTimers()).as("the response deadline's timer, now stale, and the cleanup").isEqualTo(2);
    h.processWatermark(new Watermark(t("2026-10-20T00:00")));
    assertThat(h.numKeyedStateEntries()).as("cleared a grace period after the case ended").isZero();
    assertThat(h.numEventTimeTimers()).as("no timer left for a case that is gone").isZero();
    h.close();
  }

  @Test
  void aCaseNeverFinishedIsClearedAtTheMaximumAge() throws Exception {
    var h = harness(Long.MAX_VALUE);
    Event received = hotline("HL-6").received("2026-10-12T09:00").event();
    h.processElement(received, received.eventTime);
    h.processWatermark(new Watermark(t("2026-10-20T00:00")));
    assertThat(net(h.extractOutputValues())).containsEntry("OVERDUE HOTLINE_CLOSURE @" + t("2026-10-16T00:00"), 1);
    assertThat(h.numEventTimeTimers()).as("past its last deadline: the cleanup at the maximum age").isEqualTo(1);
    long cleanup = received.eventTime + LifecycleSettings.defaults().maxCaseAge().toMillis()
        + LifecycleSettings.defaults().caseGrace().toMillis();
    h.processWatermark(new Watermark(cleanup - 1));
    assertThat(h.numKeyedStateEntries()).isPositive();
    h.processWatermark(new Watermark(cleanup));
    assertThat(h.numKeyedStateEntries()).as("cleared at its maximum age and grace").isZero();
    assertThat(h.numEventTimeTimers()).isZero();
    h.close();
  }

  @Test
  void theEndOfABoundedInputInventsNoOverdue() throws Exception {
    var h = harness(t("2026-10-14T12:00"));
    Event received = hotline("HL-4").received("2026-10-12T09:00").event();
    h.processElement(received, received.eventTime);
    h.processWatermark(new Watermark(t("2026-10-14T12:00")));
    assertThat(h.numEventTimeTimers()).as("no timer past the input's end: the closure deadline and the clean-up")
        .isZero();
    h.processWatermark(new Watermark(Long.MAX_VALUE));
    Map<String, Integer> facts = net(h.extractOutputValues());
    assertThat(facts).containsKey("OVERDUE HOTLINE_RESPONSE @" + t("2026-10-14T00:00"));
    assertThat(facts.keySet()).noneMatch(k -> k.contains("HOTLINE_CLOSURE"));
    h.close();
  }
}
