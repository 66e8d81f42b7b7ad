package io.lawmonitor.lifecycle;

import io.lawmonitor.calendar.ClockUnit;
import io.lawmonitor.events.StreamKind;

/**
 * A case's events already beyond reach, as what its walk made of them: its clocks, its place and
 * agencies over time, whether it is open, the 督办清单 records so far and what its stream remembers
 * (numbers and texts). No event the gate still takes in can come before them (it would be late),
 * so a case is walked on from here over its newer events only, and the facts these events made
 * are never derived again. Immutable: a walk resumed from it starts from copies.
 */
public record FoldedCase(
    StreamKind stream,
    /** How many events it holds, and the time of the first. */
    int events,
    long first,
    /**
     * Every event folded is older than this, and every event the case takes in after them is at
     * least as new: an older one is late.
     */
    long before,
    /** The case's region: known (a fold waits for it), and final. */
    String region,
    boolean opened,
    boolean open,
    long finishedAt,
    /** The earliest time its stream asked to look at the case again, or Long.MAX_VALUE. */
    long next,
    /** By clock slot; null: the clock never started. */
    Clock[] clocks,
    /** The agency from each time on, in time order. */
    long[] agencyTimes,
    String[] agencies,
    /** By clock slot, where the 督办清单 has it (null: off it). */
    WatchState[] listed,
    /** Its 督办清单 records so far, in the order the walk made them (caseId and mode not kept). */
    CaseWatch[] watch,
    /** What its stream's lifecycle remembers of it. */
    long[] numbers,
    String[] texts) {

  /** A statutory clock as the walk left it. */
  public record Clock(ClockUnit unit, long start, long deadline, int baseDays, int extension, long endedAt,
      boolean completed, long since, long listed) {}
}
