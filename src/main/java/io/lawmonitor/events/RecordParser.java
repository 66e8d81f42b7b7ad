package io.lawmonitor.events;

import java.io.Serializable;

/** Turns one raw record into an event or a dead letter; pure, no Flink types, no clock. */
public interface RecordParser extends Serializable {
  /** The parse result: exactly one of the two is set. */
  record Parsed(Event event, DeadLetter deadLetter) {
    public static Parsed ok(Event e) {
      return new Parsed(e, null);
    }
  }

  Parsed parse(RawEvent raw);
}
