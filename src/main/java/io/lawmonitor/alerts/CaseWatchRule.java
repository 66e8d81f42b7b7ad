package io.lawmonitor.alerts;

import java.io.Serializable;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule on the 督办清单: either a digest per agency at a time of day on working days (its overdue
 * and due-soon cases), or a message per case as soon as one of the chosen clocks becomes overdue.
 * Each agency's messages go to its own subscribers where {@code agencies} names them, else to
 * {@code subscribers}.
 *
 * @param digestAt the time of day of the digest, or null for a per-case rule
 * @param overdueClocks the clocks ({@code review.acceptance}) a per-case rule sends on; empty for a digest
 * @param streams the streams a digest covers; empty for all
 */
public record CaseWatchRule(String id, LocalTime digestAt, Set<String> overdueClocks, Set<String> streams,
    List<String> subscribers, Map<String, List<String>> agencies, String description) implements Serializable {

  public CaseWatchRule {
    overdueClocks = Set.copyOf(overdueClocks);
    streams = Set.copyOf(streams);
    subscribers = List.copyOf(subscribers);
    agencies = Map.copyOf(agencies);
  }

  public boolean digest() {
    return digestAt != null;
  }

  /** Who gets an agency's messages: its own subscribers, else the rule's. */
  public List<String> subscribersOf(String agency) {
    List<String> own = agency == null ? null : agencies.get(agency);
    return own != null ? own : subscribers;
  }
}
