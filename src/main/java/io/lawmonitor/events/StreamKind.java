package io.lawmonitor.events;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The input streams, by the name events give them. What each one carries and counts is its
 * definition in the catalogue; the order here is the order streams and their metrics are listed
 * and written, and a stream's position is what state stores, so a new one goes at the end.
 */
public enum StreamKind {
  HOTLINE("hotline"),
  ENFORCEMENT("enforcement"),
  REVIEW("review"),
  MEDIATION("mediation"),
  LITIGATION("litigation"),
  DISCLOSURE("disclosure");

  private final String wireName;

  StreamKind(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in events, metric names and topics. */
  public String wireName() {
    return wireName;
  }

  /** The stream of a name as events give it (case and surrounding blanks aside), or null. */
  public static StreamKind fromWire(String name) {
    if (name == null) {
      return null;
    }
    StreamKind s = BY_WIRE_NAME.get(name);
    return s != null ? s : BY_WIRE_NAME.get(name.trim().toLowerCase(Locale.ROOT));
  }

  private static final Map<String, StreamKind> BY_WIRE_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(StreamKind::wireName, s -> s));
}
