package io.lawmonitor.lifecycle;

import io.lawmonitor.calendar.ClockUnit;
import io.lawmonitor.events.StreamKind;

/**
 * A case-watch record (督办清单): a running statutory clock came within its warning margin of its
 * deadline, passed it, or left the list. {@code behind} is how far {@code at} is past the deadline
 * in the clock's unit (negative before it, 0 at it); {@code agency} is the case's agency at
 * {@code at}. Holds no personal data: the case's id, place and agency only.
 */
public record CaseWatch(String caseId, StreamKind stream, String clock, String agency, String region, long startedAt,
    long deadline, WatchState state, int behind, ClockUnit unit, long at, String mode) {

  /** The same record of the case {@code id} in the mode {@code m} (a case's state does not repeat its id in each event). */
  public CaseWatch of(String id, String m) {
    return new CaseWatch(id, stream, clock, agency, region, startedAt, deadline, state, behind, unit, at, m);
  }

  /** The same record at another time and in another state, its distance from the deadline given. */
  public CaseWatch as(WatchState s, long t, int distance) {
    return new CaseWatch(caseId, stream, clock, agency, region, startedAt, deadline, s, distance, unit, t, mode);
  }

  /** The key of the list entry: one per case and clock. */
  public String entryKey() {
    return stream.wireName() + '/' + caseId + '/' + clock;
  }
}
