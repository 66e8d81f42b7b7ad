package io.lawmonitor.lifecycle;

/**
 * Where a case's clock stands on the 督办清单: put on it ({@link #DUE_SOON}, the yellow card;
 * {@link #OVERDUE}, the red card) or taken off it ({@link #DONE} in time after a warning,
 * {@link #DONE_LATE}, {@link #WITHDRAWN} without the work done).
 */
public enum WatchState {
  DUE_SOON,
  OVERDUE,
  DONE_LATE,
  DONE,
  WITHDRAWN;

  /** Whether the clock is on the list after a record of this state. */
  public boolean onList() {
    return this == DUE_SOON || this == OVERDUE;
  }
}
