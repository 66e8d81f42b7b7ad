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
import io.lawmonitor.runtime.HeldSteps;
import io.lawmonitor.events.LateEvent;
import io.lawmonitor.events.ParseOperator;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Retries and lateness, judged by the case lifecycles in the case's state; and an older savepoint's memory of eventIds. */
class DedupFunctionTest {
  private static final long HOUR = 3_600_000L;

  private static KeyedOneInputStreamOperatorTestHarness<String, Event, Fact> lifecycle(OperatorSubtaskState from)
      throws Exception {
    return lifecycle(from, 50_000);
  }

  /** With at most {@code held} events waiting in memory. */
  private static KeyedOneInputStreamOperatorTestHarness<String, Event, Fact> lifecycle(OperatorSubtaskState from,
      int held) throws Exception {
    var h = new KeyedOneInputStreamOperatorTestHarness<>(new HeldSteps<>(new CaseLifecycleFunction(
        LifecycleSettings.defaults(), WorkCalendar.bundled(), Long.MAX_VALUE, 2 * HOUR, 24 * HOUR).heldAtMost(held)),
        Event::caseKey, Types.STRING);
    if (from != null) {
      h.initializeState(from);
    }
    h.open();
    return h;
  }

  private static long opened(List<Fact> facts) {
    return facts.stream().filter(f -> f.kind() == FactKind.OPENED).mapToInt(Fact::sign).sum();
  }

  /** The case's state as its harness holds it. */
  /** The case state of {@code caseKey} in the lifecycle harness {@code h}. */
  static CaseState state(KeyedOneInputStreamOperatorTestHarness<String, Event, Fact> h, String caseKey)
      throws Exception {
    var backend = h.getOperator().getKeyedStateBackend();
    backend.setCurrentKey(caseKey);
    return backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
        CaseLifecycleFunction.stateDescriptor()).value();
  }

  @Test
  void retriesAreDroppedLateEventsSetAsideAndMemoryExpires() throws Exception {
    var h = lifecycle(null);
    Event a = hotline("HL-1").received("2026-10-12T09:00").id("A").event();
    h.processElement(a, a.eventTime);
    h.processElement(a.copy(), a.eventTime);
    h.processWatermark(new Watermark(t("2026-10-12T12:00")));
    assertThat(opened(h.extractOutputValues())).as("a retry is one event").isEqualTo(1);

    Event inside = hotline("HL-2").received("2026-10-12T10:30").id("B").event();
    Event beyond = hotline("HL-3").received("2026-10-12T09:59").id("C").event();
    h.processElement(inside, inside.eventTime);
    h.processElement(beyond, beyond.eventTime);
    h.processWatermark(new Watermark(t("2026-10-12T12:01")));
    List<Fact> facts = h.extractOutputValues();
    assertThat(opened(facts)).as("A and B opened their cases; C is too late").isEqualTo(2);
    assertThat(facts).filteredOn(f -> f.kind() == FactKind.OPENED && f.time() == inside.eventTime)
        .as("behind the watermark, inside the lateness: its facts carry that watermark")
        .singleElement().satisfies(f -> assertThat(f.lateWatermark()).isEqualTo(t("2026-10-12T12:00")));
    assertThat(h.getSideOutput(CaseLifecycleFunction.LATE_EVENTS)).extracting(r -> ((StreamRecord<LateEvent>) r).getValue())
        .singleElement().satisfies(l -> {
          assertThat(l.event().eventId).isEqualTo("C");
          assertThat(l.lateByMillis()).isEqualTo(2 * HOUR + 60_000);
        });

    // a retry of A within its retention (09:00 + 24 h) is still dropped, past it the same eventId
    // is news again: here a second opening of the case, which the lifecycle refuses
    h.processWatermark(new Watermark(t("2026-10-13T08:00")));
    Event retried = hotline("HL-1").received("2026-10-13T08:30").id("A").event();
    h.processElement(retried, retried.eventTime);
    h.processWatermark(new Watermark(t("2026-10-13T13:00")));
    assertThat(h.getSideOutput(ParseOperator.DEAD_LETTERS)).isNull();
    Event again = hotline("HL-1").received("2026-10-13T12:30").id("A").event();
    h.processElement(again, again.eventTime);
    h.processWatermark(new Watermark(t("2026-10-13T14:00")));
    assertThat(h.getSideOutput(ParseOperator.DEAD_LETTERS)).extracting(r -> ((StreamRecord<DeadLetter>) r).getValue())
        .singleElement().satisfies(d -> assertThat(d.eventId()).isEqualTo("A"));
    h.close();
  }

  /**
   * A new event waits in memory until its case's next call; a retry is one event whether its first
   * copy waits there, in the case's state, or in a snapshot taken meanwhile, and it leaves no step or
   * timer behind: the same facts, state and timers as without the retries, at every point.
   */
  @Test
  void aRetryIsOneEventWhereverItsFirstCopyWaits() throws Exception {
    Script clean = new Script(false, 50_000);
    for (int held : new int[] {50_000, 1}) { // 1: the arrivals go into state one by one as the memory overflows
      Script retried = new Script(true, held);
      assertThat(retried.timersAtSnapshot).as("no step of a retry becomes a timer").isEqualTo(clean.timersAtSnapshot);
      assertThat(retried.pendingAtSnapshot).as("taken into the state before the checkpoint, once")
          .containsExactly("X").isEqualTo(clean.pendingAtSnapshot);
      assertThat(retried.timersAtEnd).isEqualTo(clean.timersAtEnd);
      assertThat(retried.taken).as("events the case took in, folded or not").isEqualTo(2).isEqualTo(clean.taken);
      assertThat(retried.accepted).isEqualTo(clean.accepted);
      assertThat(retried.facts).as("the facts of the case without its retries").containsExactlyElementsOf(clean.facts);
      assertThat(opened(retried.facts)).isEqualTo(1);
      assertThat(retried.late).isNull();
      assertThat(retried.dead).isNull();
    }
  }

  /** A case received at 09:00 and closed at 15:00, restored from a checkpoint at 10:00; with or without retries. */
  private static final class Script {
    final List<Fact> facts = new java.util.ArrayList<>();
    int timersAtSnapshot;
    List<String> pendingAtSnapshot;
    int timersAtEnd;
    List<String> accepted;
    int taken;
    Object late;
    Object dead;

    Script(boolean retries, int held) throws Exception {
      var c = hotline("HL-5");
      Event received = c.received("2026-10-12T09:00").id("R").event();
      Event closed = c.closed("2026-10-12T15:00", true).id("X").event();
      OperatorSubtaskState snapshot;
      try (var h = lifecycle(null, held)) {
        h.processElement(received, received.eventTime);
        if (retries) {
          h.processElement(received.copy(), received.eventTime); // its first copy in memory
        }
        h.processElement(closed, closed.eventTime);
        h.processWatermark(new Watermark(t("2026-10-12T10:00")));
        if (retries) {
          Event inside = received.copy(); // 09:00, inside the lateness: its first copy in state
          h.processElement(inside, inside.eventTime);
          h.processElement(closed.copy(), closed.eventTime); // its first copy waits in state
        }
        h.prepareSnapshotPreBarrier(1L);
        timersAtSnapshot = h.numEventTimeTimers();
        pendingAtSnapshot = java.util.Arrays.stream(state(h, closed.caseKey()).pending).map(e -> e.eventId).toList();
        facts.addAll(h.extractOutputValues());
        snapshot = h.snapshot(1L, 1L);
      }
      try (var h = lifecycle(snapshot, held)) {
        if (retries) {
          h.processElement(closed.copy(), closed.eventTime); // its first copy in the restored state
        }
        h.processWatermark(new Watermark(t("2026-10-12T16:00")));
        if (retries) {
          Event inside = closed.copy();
          h.processElement(inside, inside.eventTime);
          Event beyond = received.copy(); // 09:00, beyond the lateness: a retry before it is late
          h.processElement(beyond, beyond.eventTime);
        }
        h.processWatermark(new Watermark(t("2026-10-12T17:00")));
        facts.addAll(h.extractOutputValues());
        timersAtEnd = h.numEventTimeTimers();
        CaseState st = state(h, closed.caseKey());
        accepted = java.util.Arrays.stream(st.accepted).map(e -> e.eventId).toList();
        taken = (st.folded == null ? 0 : st.folded.events()) + st.accepted.length;
        late = h.getSideOutput(CaseLifecycleFunction.LATE_EVENTS);
        dead = h.getSideOutput(ParseOperator.DEAD_LETTERS);
      }
    }
  }

  @Test
  void aReportOnAFinishedCaseIsRememberedAndForgottenWithoutACase() throws Exception {
    var h = lifecycle(null);
    Event visit = hotline("HL-9").visited("2026-10-12T09:00", "SATISFIED").id("V").event();
    h.processElement(visit, visit.eventTime);
    h.processElement(visit.copy(), visit.eventTime);
    assertThat(h.extractOutputValues()).as("counted at once, once").hasSize(1);
    assertThat(h.numKeyedStateEntries()).as("its eventId remembered").isEqualTo(1);
    h.processWatermark(new Watermark(t("2026-10-14T07:59")));
    assertThat(h.numKeyedStateEntries()).as("remembered to the end of the day (UTC) its retention ends").isEqualTo(1);
    h.processWatermark(new Watermark(t("2026-10-14T08:00")));
    assertThat(h.numKeyedStateEntries()).as("then forgotten").isZero();
    assertThat(h.numEventTimeTimers()).isZero();
    h.close();
  }

  @Test
  void aClosedCaseIsClearedAndItsLastEventIdsForgottenAfterThem() throws Exception {
    // retention longer than the case's grace: the ids outlive the case
    var h = new KeyedOneInputStreamOperatorTestHarness<>(new HeldSteps<>(new CaseLifecycleFunction(
        LifecycleSettings.defaults(), WorkCalendar.bundled(), Long.MAX_VALUE, 2 * HOUR, 30 * 24 * HOUR)),
        Event::caseKey, Types.STRING);
    h.open();
    var c = hotline("HL-7");
    Event received = c.received("2026-10-12T09:00").id("R").event();
    Event closed = c.closed("2026-10-12T15:00", true).id("X").event();
    h.processElement(received, received.eventTime);
    h.processElement(closed, closed.eventTime);
    h.processWatermark(new Watermark(t("2026-10-25T00:00")));
    assertThat(state(h, closed.caseKey())).as("the case cleared, its eventIds kept")
        .satisfies(s -> assertThat(s.accepted).isEmpty())
        .satisfies(s -> assertThat(s.seenIds).containsExactly("R", "X"));
    int facts = h.extractOutputValues().size();
    // past the case's grace (7 days after it ended), before its ids' retention ends (30 days)
    h.processElement(closed.copy(), closed.eventTime);
    h.processWatermark(new Watermark(t("2026-11-12T08:00")));
    assertThat(h.extractOutputValues()).as("the retry is dropped, not taken as a new case's event").hasSize(facts);
    assertThat(h.getSideOutput(ParseOperator.DEAD_LETTERS)).isNull();
    assertThat(h.getSideOutput(CaseLifecycleFunction.LATE_EVENTS)).isNull();
    assertThat(state(h, closed.caseKey())).as("its eventIds forgotten at the end of the day their retention ends").isNull();
    h.close();
  }

  @Test
  void anOlderSavepointsMemoryStillDropsItsRetriesUntilItExpires() throws Exception {
    // the state the dedup operator of an older version kept: eventId → until when
    OperatorSubtaskState older;
    KeyedProcessOperator<String, Event, Event> op = new KeyedProcessOperator<>(new DedupFunction());
    try (var h = new KeyedOneInputStreamOperatorTestHarness<>(op, Event::caseKey, Types.STRING)) {
      h.open();
      var backend = h.getOperator().getKeyedStateBackend();
      Event a = hotline("HL-1").received("2026-10-12T09:00").id("A").event();
      backend.setCurrentKey(a.caseKey());
      MapState<String, Long> seen = backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
          new MapStateDescriptor<>("seen", Types.STRING, Types.LONG));
      seen.put("A", t("2026-10-13T09:00"));
      op.getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, op)
          .registerEventTimeTimer(VoidNamespace.INSTANCE, t("2026-10-14T00:00") - 1);
      older = h.snapshot(1, 1);
    }
    try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new DedupFunction()),
        Event::caseKey, Types.STRING)) {
      h.initializeState(older);
      h.open();
      Event retry = hotline("HL-1").received("2026-10-12T09:00").id("A").event();
      Event other = hotline("HL-1").closed("2026-10-12T10:00", true).id("B").event();
      h.processElement(retry, retry.eventTime);
      h.processElement(other, other.eventTime);
      assertThat(h.extractOutputValues()).extracting(e -> e.eventId).containsExactly("B");
      h.processWatermark(new Watermark(t("2026-10-14T00:00")));
      assertThat(h.numKeyedStateEntries()).as("forgotten by its timer, as before").isZero();
      h.processElement(retry, retry.eventTime);
      assertThat(h.extractOutputValues()).extracting(e -> e.eventId).containsExactly("B", "A");
    }
    try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new DedupFunction()),
        Event::caseKey, Types.STRING)) {
      h.open();
      Event a = hotline("HL-1").received("2026-10-12T09:00").id("A").event();
      h.processElement(a, a.eventTime);
      h.processElement(a, a.eventTime);
      assertThat(h.extractOutputValues()).as("started afresh, it passes everything on").hasSize(2);
      assertThat(h.numKeyedStateEntries()).isZero();
    }
  }
}
