package io.lawmonitor.events;

/**
 * One input record as read: its text and where it came from (file:line, or topic/partition@offset).
 * {@code size} is the record's size in bytes as read, so that an oversized record can be refused
 * before it is parsed; {@code problem}, when not null, says why the bytes are not usable text
 * (e.g. not UTF-8), and the text is then only what could be read of them.
 */
public record RawEvent(String text, String origin, int size, String problem) {
  public RawEvent(String text, String origin, int size) {
    this(text, origin, size, null);
  }
}
