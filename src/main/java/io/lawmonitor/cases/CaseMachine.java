package io.lawmonitor.cases;

import io.lawmonitor.calendar.Deadlines;
import io.lawmonitor.catalogue.Catalogue;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.lifecycle.CaseWatch;
import io.lawmonitor.lifecycle.FoldedCase;
import io.lawmonitor.streams.CaseMemory;
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
      /** Worked out when asked: few derivations need it (see {@link #leaving}). */
      java.util.function.Supplier<CaseWatch[]> leavingRecords) {

    /** Per clock off the list, the record that takes it off as things stand (see {@link CaseWalk#leaving}). */
    public CaseWatch[] leaving() {
      return leavingRecords.get();
    }
  }

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
    return derive(stream, null, events, now, inputEnd);
  }

  /**
   * Derives the facts of a case on from what is {@code folded} into its state (null: none), over its
   * newer {@code events} (in {@link Event#CASE_ORDER}): the facts the folded events made are not
   * among them.
   */
  public Derivation derive(StreamKind stream, FoldedCase folded, List<Event> events, long now, long inputEnd) {
    CaseWalk w = CaseWalk.walk(Catalogue.of(stream), lifecycle(stream), folded, events, now, inputEnd,
        watches[stream.ordinal()]);
    return new Derivation(w.facts(), w.rejectedEventId(), w.rejection(), w.next(), w.finishedAt, w.hasOpening(),
        w.watchRecords(), w.listed(), w::leaving);
  }

  /**
   * Folds a case's oldest {@code events} (in case order, after the folded ones, older than
   * {@code before}, which every event still to come is not) into what is kept of it; null when it
   * cannot be folded yet ({@link CaseWalk#fold}).
   */
  public CaseWalk.Fold fold(StreamKind stream, FoldedCase folded, List<Event> events, long before, long now,
      long inputEnd) {
    return CaseWalk.fold(Catalogue.of(stream), lifecycle(stream), folded, events, before, now, inputEnd,
        watches[stream.ordinal()]);
  }

  @SuppressWarnings("unchecked")
  private Lifecycle<CaseMemory> lifecycle(StreamKind stream) {
    return (Lifecycle<CaseMemory>) lifecycles[stream.ordinal()];
  }
}
