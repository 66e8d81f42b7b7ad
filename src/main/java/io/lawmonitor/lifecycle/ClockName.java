package io.lawmonitor.lifecycle;

/** The statutory clocks (README, "Statutory clocks"). */
public enum ClockName {
  HOTLINE_RESPONSE(false),
  HOTLINE_CLOSURE(true),
  ENFORCEMENT_DECISION(true),
  REVIEW_INTAKE(true),
  REVIEW_CONCLUSION(true),
  MEDIATION_CONCLUSION(true);

  private final boolean countsAsOverdueOpen;

  ClockName(boolean countsAsOverdueOpen) {
    this.countsAsOverdueOpen = countsAsOverdueOpen;
  }

  /** Whether missing this clock makes the case 超期未办结 (the overdue_open gauge). */
  public boolean countsAsOverdueOpen() {
    return countsAsOverdueOpen;
  }
}
