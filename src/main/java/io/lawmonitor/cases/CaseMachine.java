package io.lawmonitor.cases;

import io.lawmonitor.calendar.Deadlines;
import io.lawmonitor.catalogue.Catalogue;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.lifecycle.CaseWatch;
import io.lawmonitor.lifecycle.WatchState;
import io.lawmonitor.streams.CaseWalk;
import io.lawmonitor.streams.ClockWatch;
import io.lawmonitor.lifecycle.Fact;
import io.lawmonitor.streams.Lifecycle;
import io.lawmonitor.streams.StreamDefinition;
import java.util.List;

/**
 * A case's lifecycle as a pure function: from the case's events in event-time order and the
 * time reached, the outcome facts it has produced so far. No Flink types; the Flink function
 * only stores events, sets timers and emits the difference between two derivations, which is
 * what makes the result independent of arrival order. What each stream's events do is its
 * {@link Lifecycle} in the catalogue.
 */
public final class CaseMachine {
  public static final long NONE = CaseWalk.NONE;

  /** What a case's events amount to at time {@code now}. */
  public record Derivation(
      List<Fact> facts,
      /** The first event that contradicts the ones before it, or null. */
      String rejectedEventId,
      String rejection,
      /** The earliest deadline still to come after now, or {@link #NONE}. */
      long nextDeadline,
      /** When the case stopped being able to produce outcomes, or {@link #NONE}. */
      long finishedAt,
      boolean hasOpening,
      /** The case's 督办清单 records up to now, in time order. */
      List<CaseWatch> watch,
      /** Per clock of the stream, where the list has it now (null: off it). */
      WatchState[] listed,
      /** Per clock off the list, the record that takes it off as things stand (see {@link CaseWalk#leaving}). */
      CaseWatch[] leaving) {}

  private final Lifecycle<?>[] lifecycles;
  private final ClockWatch[] watches;

  public CaseMachine(LifecycleSettings settings, Deadlines deadlines) {
    lifecycles = new Lifecycle<?>[StreamKind.values().length];
    watches = new ClockWatch[StreamKind.values().length];
    for (StreamDefinition d : Catalogue.all()) {
      lifecycles[d.kind().ordinal()] = d.lifecycle(settings.of(d.kind()), deadlines);
      watches[d.kind().ordinal()] = new ClockWatch(d, deadlines, settings.watchMargins());
    }
  }

  /** Derives the facts of one case; {@code events} must be in {@link Event#CASE_ORDER}. */
  public Derivation derive(StreamKind stream, List<Event> events, long now, long inputEnd) {
    CaseWalk w = CaseWalk.walk(Catalogue.of(stream), lifecycles[stream.ordinal()], events, now, inputEnd,
        watches[stream.ordinal()]);
    return new Derivation(w.facts(), w.rejectedEventId(), w.rejection(), w.next(), w.finishedAt, w.opening() != null,
        w.watchRecords(), w.listed(), w.leaving());
  }
}
