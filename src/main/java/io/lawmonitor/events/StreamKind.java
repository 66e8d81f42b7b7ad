package io.lawmonitor.events;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The four input streams and the event types each one carries. */
public enum StreamKind {
  HOTLINE("hotline", "12345", EnumSet.of(EventType.RECEIVED, EventType.ASSIGNED, EventType.RESPONDED,
      EventType.EXTENDED, EventType.CLOSED, EventType.VISITED, EventType.REOPENED), EventType.RECEIVED),
  ENFORCEMENT("enforcement", "行政执法", EnumSet.of(EventType.FILED, EventType.EXTENDED, EventType.DECIDED,
      EventType.FILE_REVIEWED, EventType.CLOSED), EventType.FILED),
  REVIEW("review", "行政复议", EnumSet.of(EventType.RECEIVED, EventType.ACCEPTED, EventType.NOT_ACCEPTED,
      EventType.EXTENDED, EventType.DECIDED, EventType.SETTLED, EventType.WITHDRAWN), EventType.RECEIVED),
  MEDIATION("mediation", "人民调解", EnumSet.of(EventType.APPLIED, EventType.MEDIATED,
      EventType.AGREEMENT_FULFILLED, EventType.FEEDBACK), EventType.APPLIED);

  private final String wireName;
  private final String label;
  private final Set<EventType> types;
  private final EventType opening;

  StreamKind(String wireName, String label, Set<EventType> types, EventType opening) {
    this.wireName = wireName;
    this.label = label;
    this.types = types;
    this.opening = opening;
  }

  /** The name used in events, metric names and topics. */
  public String wireName() {
    return wireName;
  }

  public String label() {
    return label;
  }

  public boolean allows(EventType type) {
    return types.contains(type);
  }

  /** The event type that opens a case of this stream. */
  public EventType opening() {
    return opening;
  }

  /**
   * Events that report on a finished case; they are counted on their own, with or without the
   * case's state.
   */
  public boolean isIndependent(EventType type) {
    return type == EventType.VISITED || type == EventType.FEEDBACK || type == EventType.FILE_REVIEWED;
  }

  /** The stream of a name as events give it (case and surrounding blanks aside), or null. */
  public static StreamKind fromWire(String name) {
    if (name == null) {
      return null;
    }
    StreamKind s = BY_WIRE_NAME.get(name);
    return s != null ? s : BY_WIRE_NAME.get(name.trim().toLowerCase(Locale.ROOT));
  }

  private static final java.util.Map<String, StreamKind> BY_WIRE_NAME = java.util.Arrays.stream(values())
      .collect(java.util.stream.Collectors.toUnmodifiableMap(StreamKind::wireName, s -> s));
}
