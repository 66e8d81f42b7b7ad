package io.lawmonitor.events;

/**
 * Every event type of the four streams. The order breaks ties between events of one case with
 * the same time: a case is opened before it is worked on, and worked on before it is closed.
 */
public enum EventType {
  RECEIVED, FILED, APPLIED,
  ASSIGNED, ACCEPTED, NOT_ACCEPTED, EXTENDED, RESPONDED,
  DECIDED, SETTLED, WITHDRAWN, MEDIATED, CLOSED,
  REOPENED, FILE_REVIEWED, VISITED, AGREEMENT_FULFILLED, FEEDBACK;

  public static EventType fromWire(String name) {
    if (name == null) {
      return null;
    }
    try {
      return valueOf(name.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
