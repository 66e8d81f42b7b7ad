package io.lawmonitor.streams;

import io.lawmonitor.events.Event;

/**
 * A stream's case lifecycle: how each event moves a case (clocks started, completed, extended;
 * outcome facts; contradictions refused). {@code S} is what the stream remembers of a case during
 * one walk over its events, made afresh for every walk or taken back from a case folded into its
 * state.
 */
public interface Lifecycle<S extends CaseMemory> {
  S newCase();

  /** Takes one event of the case, in event-time order. */
  void step(CaseWalk w, S c, Event e);

  /** After the clocks are settled: checks of the stream's own that are due by then. */
  default void settle(CaseWalk w, S c) {}
}
