package io.lawmonitor.events;

/**
 * One input record as read: its text and where it came from (file:line, or topic/partition@offset).
 * {@code size} is the record's size in bytes as read, so that an oversized record can be refused
 * before it is parsed.
 */
public record RawEvent(String text, String origin, int size) {}
