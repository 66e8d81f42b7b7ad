package io.lawmonitor.lifecycle;

import io.lawmonitor.events.Event;
import java.util.Arrays;

/**
 * All a case keeps, in one object so that an event or a timer costs one state read and one
 * write: its events beyond reach folded into what their walk made of them (its clocks, place and
 * memory), its newer events taken in (in case order), those waiting for the watermark, the facts
 * emitted so far and still open to revision, when the state may go, the time its facts were last derived up to and the next deadline
 * then, and the eventIds it remembers to tell a producer's retry from a new event. Kept in state by
 * {@link CaseStateSerializer}; a POJO still, as older savepoints kept it.
 */
public class CaseState {
  /**
   * The case's events no new event can come before, as their walk left the case (null: none
   * folded yet); immutable, so shared by copies.
   */
  public FoldedCase folded;
  /** The case's newer events taken in, in case order, after the folded ones. */
  public Event[] accepted = new Event[0];
  public Event[] pending = new Event[0];
  public Fact[] emitted = new Fact[0];
  /**
   * The 督办清单 records sent, as (time, clock &lt;&lt; 3 | state) pairs in sending order; null when not
   * known (a state written before the list was kept).
   */
  public long[] watched = new long[0];
  /** When the state may be cleared, or Long.MIN_VALUE while not known. */
  public long cleanupAt = Long.MIN_VALUE;
  /** The time up to which the case's facts were last derived: never goes back. */
  public long reached = Long.MIN_VALUE;
  /**
   * The earliest deadline still to come when the facts were last derived ({@code CaseMachine.NONE}:
   * none), or Long.MIN_VALUE while not known (a state written by an older version).
   */
  public long next = Long.MIN_VALUE;
  /** The eventIds remembered, each until the time at the same place in {@link #seenUntil}. */
  public String[] seenIds = new String[0];
  public long[] seenUntil = new long[0];

  public CaseState() {}

  /** Whether an event {@code eventId} was seen, and is still remembered while the watermark is at {@code watermark}. */
  public boolean remembers(String eventId, long watermark) {
    int hash = eventId.hashCode();
    for (int i = 0; i < seenIds.length; i++) {
      // the hash a string keeps first: another id's characters are then seldom read at all
      if (seenIds[i].hashCode() == hash && seenIds[i].equals(eventId)) {
        return seenUntil[i] > watermark;
      }
    }
    return false;
  }

  /** Remembers {@code eventId} until {@code until}, and forgets what is no longer remembered at {@code watermark}. */
  public void remember(String eventId, long until, long watermark) {
    keepOnly(watermark, eventId, 1);
    seenIds[seenIds.length - 1] = eventId;
    seenUntil[seenUntil.length - 1] = until;
  }

  /** Forgets the eventIds remembered until {@code t} or before. */
  public void forgetUpTo(long t) {
    keepOnly(t, null, 0);
  }

  /** Keeps the eventIds remembered after {@code t}, but {@code except}, with {@code room} free places after them. */
  private void keepOnly(long t, String except, int room) {
    int kept = 0;
    for (int i = 0; i < seenIds.length; i++) {
      if (seenUntil[i] > t && !seenIds[i].equals(except)) {
        kept++;
      }
    }
    if (kept == seenIds.length && room == 0) {
      return;
    }
    String[] ids = new String[kept + room];
    long[] untils = new long[kept + room];
    int k = 0;
    for (int i = 0; i < seenIds.length; i++) {
      if (seenUntil[i] > t && !seenIds[i].equals(except)) {
        ids[k] = seenIds[i];
        untils[k++] = seenUntil[i];
      }
    }
    seenIds = ids;
    seenUntil = untils;
  }

  /** The latest time an eventId is remembered until, or Long.MIN_VALUE when none is. */
  public long rememberedUntil() {
    return Arrays.stream(seenUntil).max().orElse(Long.MIN_VALUE);
  }

  /** A state that holds eventIds only: no case (none yet, or a case cleared while some of its ids are still remembered). */
  public boolean idsOnly() {
    return folded == null && accepted.length == 0 && pending.length == 0 && emitted.length == 0 && cleanupAt == Long.MIN_VALUE
        && reached == Long.MIN_VALUE;
  }

  /** A state that keeps only the eventIds of this one still remembered after {@code t}. */
  public CaseState idsAfter(long t) {
    CaseState s = new CaseState();
    s.seenIds = seenIds;
    s.seenUntil = seenUntil;
    s.forgetUpTo(t);
    return s;
  }
}
