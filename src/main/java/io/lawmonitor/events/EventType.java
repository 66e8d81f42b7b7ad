package io.lawmonitor.events;

/**
 * Every event type of the streams. The rank breaks ties between events of one case with the same
 * time: a case is opened before it is worked on, and worked on before it is closed. A type's
 * position is what state stores, so a new one goes at the end, with a rank in its place.
 */
public enum EventType {
  RECEIVED(0), FILED(10), APPLIED(20),
  ASSIGNED(30), ACCEPTED(40), NOT_ACCEPTED(50), EXTENDED(60), RESPONDED(70),
  DECIDED(80), SETTLED(90), WITHDRAWN(100), MEDIATED(110), CLOSED(120),
  REOPENED(130), FILE_REVIEWED(140), VISITED(150), AGREEMENT_FULFILLED(160), FEEDBACK(170),
  CORRECTION_REQUESTED(31), CORRECTED(32), CONSULTATION_STARTED(33), CONSULTATION_ENDED(34),
  ANSWERED(71), HEARD(72), JUDGED(81);

  private final int rank;

  EventType(int rank) {
    this.rank = rank;
  }

  /** Where the type comes in a case's lifecycle, for events at the same time. */
  public int rank() {
    return rank;
  }

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
