package io.lawmonitor.lifecycle;

import io.lawmonitor.cases.CaseLifecycleFunction;
import io.lawmonitor.cases.LifecycleSettings;
import io.lawmonitor.cases.CaseMachine;

import io.lawmonitor.lifecycle.Fact;
import io.lawmonitor.lifecycle.FactKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.util.StateMigrationException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lawmonitor.Fixtures;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.runtime.HeldSteps;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CaseStateSerializerTest {
  private final TypeSerializer<CaseState> serializer = CaseStateSerializer.info().createSerializer(null);

  /** A hotline case three events in, one more waiting, its facts, and the eventIds it remembers. */
  static CaseState aCase() {
    Fixtures.Case c = Fixtures.hotline("HL-9");
    Event received = c.received("2026-10-12T09:00").attr("kind", "HELP").attr("urgency", "URGENT").event();
    Event assigned = c.event("ASSIGNED", "2026-10-12T09:30").event();
    Event responded = c.responded("2026-10-12T15:00").event();
    Event closed = c.closed("2026-10-13T09:00", true).event();
    closed.origin = "hotline.jsonl:42";
    closed.lateWatermark = Fixtures.t("2026-10-13T10:00");
    closed.laneWatermark = Fixtures.t("2026-10-13T10:05");
    CaseState st = new CaseState();
    // the opening folded into the case (its clocks, agency and place), the two after it still events
    st.folded = new CaseMachine(LifecycleSettings.defaults(), new io.lawmonitor.calendar.Deadlines(WorkCalendar.bundled()))
        .fold(StreamKind.HOTLINE, null, List.of(received.forCase()), assigned.eventTime, responded.eventTime,
            Long.MAX_VALUE).folded();
    st.accepted = new Event[] {assigned.forCase(), responded.forCase()};
    st.pending = new Event[] {closed};
    st.emitted = new Fact[] {
        new Fact(StreamKind.HOTLINE, FactKind.OPENED, null, received.eventTime, received.region, received.agency, 1),
        new Fact(StreamKind.HOTLINE, FactKind.ONTIME, "assign", assigned.eventTime, received.region, received.agency, 1),
        new Fact(StreamKind.HOTLINE, FactKind.ONTIME, "respond", responded.eventTime, received.region, received.agency, -1,
            Fixtures.t("2026-10-12T16:00"))};
    st.cleanupAt = Fixtures.t("2026-12-12T09:00");
    st.reached = Fixtures.t("2026-10-12T15:00");
    st.next = Fixtures.t("2026-10-26T18:00");
    st.seenIds = new String[] {received.eventId, assigned.eventId, responded.eventId, closed.eventId};
    st.seenUntil = new long[] {1L, 2L, 3L, Long.MAX_VALUE};
    st.watched = new long[] {Fixtures.t("2026-10-15T00:00"), 1L << 3, Fixtures.t("2026-10-16T00:00"), 1L << 3 | 1};
    return st;
  }

  private static byte[] write(TypeSerializer<CaseState> s, CaseState st) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    s.serialize(st, out);
    return out.getCopyOfBuffer();
  }

  private static CaseState read(TypeSerializer<CaseState> s, byte[] b) throws IOException {
    DataInputDeserializer in = new DataInputDeserializer(b);
    CaseState st = s.deserialize(in);
    assertThat(in.available()).as("bytes left after the value").isZero();
    return st;
  }

  static void assertSameCase(CaseState a, CaseState b) {
    assertThat(b.folded).usingRecursiveComparison().isEqualTo(a.folded);
    assertThat(b.accepted).containsExactly(a.accepted);
    assertThat(b.pending).containsExactly(a.pending);
    for (int i = 0; i < a.pending.length; i++) {
      assertThat(b.pending[i].origin).isEqualTo(a.pending[i].origin);
      assertThat(b.pending[i].lateWatermark).isEqualTo(a.pending[i].lateWatermark);
      assertThat(b.pending[i].laneWatermark).isEqualTo(a.pending[i].laneWatermark);
    }
    assertThat(b.emitted).containsExactly(a.emitted);
    assertThat(b.cleanupAt).isEqualTo(a.cleanupAt);
    assertThat(b.reached).isEqualTo(a.reached);
    assertThat(b.next).isEqualTo(a.next);
    assertThat(b.seenIds).containsExactly(a.seenIds);
    assertThat(b.seenUntil).containsExactly(a.seenUntil);
    assertThat(b.watched).containsExactly(a.watched);
  }

  @Test
  void aCaseComesBackWholeAndItsRepeatedStringsOnce() throws Exception {
    CaseState st = aCase();
    byte[] bytes = write(serializer, st);
    CaseState back = read(serializer.duplicate(), bytes);
    assertSameCase(st, back);
    // the region is written once, read as one instance for every event and fact
    assertThat(back.accepted[1].region).isSameAs(back.accepted[0].region);
    assertThat(back.emitted[2].region()).isSameAs(back.accepted[0].region);
    assertThat(back.folded.region()).isSameAs(back.accepted[0].region);
    assertThat(back.seenIds[1]).isSameAs(back.accepted[0].eventId);

    TypeSerializer<CaseState> pojo = Types.POJO(CaseState.class).createSerializer(new SerializerConfigImpl());
    byte[] pojoBytes = write(pojo, st);
    assertThat(bytes.length).as("bytes against Flink's POJO serializer's " + pojoBytes.length)
        .isLessThan(pojoBytes.length / 2);
  }

  @Test
  void theTestCaseSetsEveryFieldTheStateHas() throws Exception {
    // a field added to CaseState must be written by CaseStateSerializer (and the format's number
    // raised): set it in aCase() and assertSameCase() so that the round trip covers it
    CaseState st = aCase();
    CaseState empty = new CaseState();
    for (Field f : CaseState.class.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        Object v = f.get(st);
        assertThat(v).as(f.getName()).isNotEqualTo(f.get(empty));
        if (v != null && v.getClass().isArray()) {
          assertThat(Array.getLength(v)).as(f.getName()).isPositive();
        }
      }
    }
  }

  @Test
  void anEmptyStateAndAnIdsOnlyStateComeBack() throws Exception {
    CaseState empty = new CaseState();
    assertSameCase(empty, read(serializer, write(serializer, empty)));
    CaseState ids = aCase().idsAfter(2L);
    assertThat(ids.seenIds).hasSize(2);
    assertSameCase(ids, read(serializer, write(serializer, ids)));
  }

  @Test
  void valuesWrittenOneAfterAnotherReferOnlyToTheirOwnStrings() throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(256);
    CaseState a = aCase();
    CaseState b = aCase();
    serializer.serialize(a, out);
    serializer.serialize(b, out);
    serializer.serialize(a, out);
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    TypeSerializer<CaseState> reader = serializer.duplicate();
    assertSameCase(a, reader.deserialize(in));
    assertSameCase(b, reader.deserialize(in));
    assertSameCase(a, reader.deserialize(in));
  }

  @Test
  void aCopyIsIndependentOfItsOriginal() {
    CaseState st = aCase();
    CaseState copy = serializer.copy(st);
    assertSameCase(st, copy);
    copy.pending[0].lateWatermark = 0L;
    copy.seenUntil[0] = 99L;
    copy.emitted[0] = copy.emitted[1];
    CaseState original = aCase();
    assertThat(st.pending[0].lateWatermark).isEqualTo(original.pending[0].lateWatermark);
    assertThat(st.seenUntil[0]).isEqualTo(1L);
    assertThat(st.emitted[0]).isEqualTo(original.emitted[0]);
  }

  @Test
  void aValueOfAnUnknownFormatIsAClearError() {
    assertThatThrownBy(() -> read(serializer, new byte[] {9, 0, 0}))
        .isInstanceOf(IOException.class).hasMessageContaining("format 9");
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Event, Fact> harness(
      KeyedProcessOperator<String, Event, Fact> op, String backend, OperatorSubtaskState from) throws Exception {
    var h = new KeyedOneInputStreamOperatorTestHarness<>(op, Event::caseKey, Types.STRING);
    if (backend.equals("rocksdb")) {
      EmbeddedRocksDBStateBackend r = new EmbeddedRocksDBStateBackend(false);
      r.getMemoryConfiguration().setUseManagedMemory(false);
      h.setStateBackend(r);
    } else {
      h.setStateBackend(new HashMapStateBackend());
    }
    if (from != null) {
      h.initializeState(from);
    }
    h.open();
    return h;
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Event, Fact> lifecycle(String backend,
      OperatorSubtaskState from) throws Exception {
    return harness(new HeldSteps<>(new CaseLifecycleFunction(LifecycleSettings.defaults(), WorkCalendar.bundled(),
        Long.MAX_VALUE, 2 * 3_600_000L, 7 * 86_400_000L)), backend, from);
  }

  private static CaseState state(KeyedOneInputStreamOperatorTestHarness<String, Event, Fact> h, String key,
      ValueStateDescriptor<CaseState> descriptor) throws Exception {
    var backend = h.getOperator().getKeyedStateBackend();
    backend.setCurrentKey(key);
    return backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor).value();
  }

  /** A function that only holds state: the operator an older savepoint's case state is written from. */
  static class Holder extends KeyedProcessFunction<String, Event, Fact> {
    @Override
    public void processElement(Event e, Context ctx, Collector<Fact> out) {}
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void aCaseStateFlinksPojoSerializerWroteIsRefusedOnRestore(String backend) throws Exception {
    Fixtures.Case c = Fixtures.hotline("HL-M");
    Event received = c.received("2026-10-12T09:00").attr("kind", "HELP").id("R").event();
    CaseState before;
    try (var h = lifecycle(backend, null)) {
      h.processElement(received, received.eventTime);
      h.processWatermark(new Watermark(Fixtures.t("2026-10-12T10:00")));
      before = new CaseStateSerializer().copy(state(h, received.caseKey(), CaseLifecycleFunction.stateDescriptor()));
    }
    // an older version's savepoint: that state, written by Flink's POJO serializer
    OperatorSubtaskState older;
    try (var h = harness(new KeyedProcessOperator<>(new Holder()), backend, null)) {
      var b = h.getOperator().getKeyedStateBackend();
      b.setCurrentKey(received.caseKey());
      b.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
          new ValueStateDescriptor<>("case", Types.POJO(CaseState.class))).update(before);
      older = h.snapshot(1, 1);
    }
    // its events' attributes were fields of the event then: refused rather than restored without them
    assertThatThrownBy(() -> lifecycle(backend, older).close()).hasRootCauseInstanceOf(StateMigrationException.class)
        .rootCause().hasMessageContaining("must not be incompatible");
  }
}
