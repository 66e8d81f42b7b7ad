package io.lawmonitor.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.calendar.Deadlines;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.catalogue.Catalogue;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.RawEvent;
import io.lawmonitor.generate.SampleGenerator;
import io.lawmonitor.lifecycle.CaseState;
import io.lawmonitor.lifecycle.CaseStateSerializer;
import io.lawmonitor.lifecycle.Fact;
import io.lawmonitor.lifecycle.FoldedCase;
import io.lawmonitor.parse.EventParser;
import io.lawmonitor.streams.CaseWalk;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A case folded into its state and walked on from there derives what the walk over all its events
 * derives: on every case of three weeks of generated events of every stream (reopenings,
 * extensions, consultations, 督办清单 records), folded at every event, and once more after a first
 * fold; at times within the case and long after it (its deadlines passed), with and without an
 * input's end; and read back from the state's bytes.
 */
class CaseFoldTest {
  private static final CaseMachine MACHINE =
      new CaseMachine(LifecycleSettings.defaults(), new Deadlines(WorkCalendar.bundled()));
  private static final long DAY = 86_400_000L;
  private static Map<String, List<Event>> cases;

  @BeforeAll
  static void generate() {
    var lines = new SampleGenerator(new SampleGenerator.Options(LocalDate.of(2026, 3, 2), 21, 12_000, 11, true),
        WorkCalendar.bundled()).generate();
    cases = new LinkedHashMap<>();
    EventParser parser = new EventParser(65_536);
    lines.values().forEach(list -> list.forEach(l -> {
      var p = parser.parse(new RawEvent(l.json(), "test", l.json().getBytes(StandardCharsets.UTF_8).length));
      Event e = p.event();
      if (e != null && !Catalogue.of(e.stream).independent().contains(e.type)) {
        cases.computeIfAbsent(e.caseKey(), k -> new ArrayList<>()).add(e.forCase());
      }
    }));
    for (Map.Entry<String, List<Event>> c : cases.entrySet()) {
      c.getValue().sort(Event.CASE_ORDER);
      c.setValue(accepted(c.getValue()));
    }
  }

  /** The events the case lifecycle takes in, in order: each one its case's events so far do not refuse. */
  private static List<Event> accepted(List<Event> events) {
    List<Event> taken = new ArrayList<>();
    for (Event e : events) {
      taken.add(e);
      if (MACHINE.derive(e.stream, null, taken, e.eventTime, Long.MAX_VALUE).rejectedEventId() != null) {
        taken.remove(taken.size() - 1);
      }
    }
    return taken;
  }

  @Test
  void aFoldedCaseDerivesWhatAllItsEventsDerive() throws Exception {
    int folds = 0;
    int notYet = 0;
    for (List<Event> events : cases.values()) {
      if (events.isEmpty()) {
        continue;
      }
      long last = events.get(events.size() - 1).eventTime;
      for (long now : new long[] {last, last + 3 * DAY, last + 400 * DAY}) {
        for (long inputEnd : new long[] {Long.MAX_VALUE, last + DAY}) {
          CaseMachine.Derivation whole = MACHINE.derive(events.get(0).stream, null, events, now, inputEnd);
          for (int k = 1; k <= events.size(); k++) {
            CaseWalk.Fold f = MACHINE.fold(events.get(0).stream, null, events.subList(0, k), before(events, k), now,
                inputEnd);
            if (f == null) {
              notYet++;
              continue;
            }
            folds++;
            List<Event> rest = events.subList(k, events.size());
            assertSame(whole, f.facts(), MACHINE.derive(events.get(0).stream, f.folded(), rest, now, inputEnd));
            assertSame(whole, f.facts(), MACHINE.derive(events.get(0).stream, readBack(f.folded()), rest, now, inputEnd));
            for (int j = k + 1; j <= events.size(); j++) {
              CaseWalk.Fold g = MACHINE.fold(events.get(0).stream, f.folded(), events.subList(k, j), before(events, j),
                  now, inputEnd);
              List<Fact> both = new ArrayList<>(f.facts());
              both.addAll(g.facts());
              assertThat(g.folded().events()).isEqualTo(j);
              assertSame(whole, both, MACHINE.derive(events.get(0).stream, g.folded(), events.subList(j, events.size()),
                  now, inputEnd));
            }
          }
        }
      }
    }
    assertThat(cases).hasSizeGreaterThan(2_000);
    assertThat(folds).isGreaterThan(50_000);
    assertThat(notYet).isLessThan(folds / 50);
  }

  private static void assertSame(CaseMachine.Derivation whole, List<Fact> folded, CaseMachine.Derivation on) {
    List<Fact> facts = new ArrayList<>(folded);
    facts.addAll(on.facts());
    assertThat(facts).isEqualTo(whole.facts());
    assertThat(on.rejectedEventId()).isEqualTo(whole.rejectedEventId());
    assertThat(on.nextDeadline()).isEqualTo(whole.nextDeadline());
    assertThat(on.finishedAt()).isEqualTo(whole.finishedAt());
    assertThat(on.hasOpening()).isEqualTo(whole.hasOpening());
    assertThat(on.watch()).isEqualTo(whole.watch());
    assertThat(on.listed()).isEqualTo(whole.listed());
    assertThat(on.leaving()).isEqualTo(whole.leaving());
  }

  /** The time of the first event not folded, the case's events folded up to {@code k}. */
  private static long before(List<Event> events, int k) {
    return k < events.size() ? events.get(k).eventTime : Long.MAX_VALUE;
  }

  /** The folded case through the case state's serializer. */
  private static FoldedCase readBack(FoldedCase f) throws java.io.IOException {
    CaseState st = new CaseState();
    st.folded = f;
    DataOutputSerializer out = new DataOutputSerializer(256);
    new CaseStateSerializer().serialize(st, out);
    CaseState back = new CaseStateSerializer().deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(Arrays.asList(back.folded.clocks())).isEqualTo(Arrays.asList(f.clocks()));
    return back.folded;
  }
}
