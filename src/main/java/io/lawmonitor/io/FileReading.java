package io.lawmonitor.io;

import java.io.Serializable;
import java.util.Set;

/**
 * How event files are read: their encoding, which of them are put in event-time order before
 * they are read (exports written in another order), and the event-time range kept, [from, to).
 * A line whose time cannot be read is always kept: the parser makes it a dead letter.
 */
public record FileReading(String encoding, Set<String> sortFirst, long from, long to) implements Serializable {
  public FileReading {
    encoding = MergedLines.charset(encoding).name();
    sortFirst = Set.copyOf(sortFirst);
    if (from >= to) {
      throw new IllegalArgumentException("the range's start must come before its end");
    }
  }

  /** UTF-8, each file in its own order, every event. */
  public static FileReading defaults() {
    return new FileReading(MergedLines.DEFAULT_ENCODING, Set.of(), Long.MIN_VALUE, Long.MAX_VALUE);
  }

  public FileReading withEncoding(String e) {
    return new FileReading(e, sortFirst, from, to);
  }

  public FileReading sorting(java.util.Collection<String> files) {
    return new FileReading(encoding, Set.copyOf(files), from, to);
  }

  public FileReading between(long fromMillis, long toMillis) {
    return new FileReading(encoding, sortFirst, fromMillis, toMillis);
  }

  public boolean sorts(String file) {
    return sortFirst.contains(file);
  }

  /** Whether a line with this event time (Long.MIN_VALUE: unreadable) is read. */
  public boolean keeps(long eventTime) {
    return eventTime == Long.MIN_VALUE || (eventTime >= from && eventTime < to);
  }

  public boolean ranged() {
    return from != Long.MIN_VALUE || to != Long.MAX_VALUE;
  }
}
