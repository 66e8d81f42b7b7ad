package io.lawmonitor.lifecycle;

import io.lawmonitor.events.Event;

/**
 * All a case keeps, in one object so that an event or a timer costs one state read and one
 * write: the events taken in (in case order), those waiting for the watermark, the facts emitted
 * so far, when the state may go, and the time its facts were last derived up to. A POJO with
 * arrays of POJOs, which Flink serializes itself.
 */
public class CaseState {
  public Event[] accepted = new Event[0];
  public Event[] pending = new Event[0];
  public Fact[] emitted = new Fact[0];
  /** When the state may be cleared, or Long.MIN_VALUE while not known. */
  public long cleanupAt = Long.MIN_VALUE;
  /** The time up to which the case's facts were last derived: never goes back. */
  public long reached = Long.MIN_VALUE;

  public CaseState() {}
}
