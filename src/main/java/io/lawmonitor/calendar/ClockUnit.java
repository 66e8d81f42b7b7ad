package io.lawmonitor.calendar;

/**
 * The unit a statutory clock counts in: the unit of its period, of its warning margin, and of how
 * far a case is before or past its deadline on the 督办清单.
 */
public enum ClockUnit {
  WORKING_DAYS("working_days"),
  DAYS("days"),
  HOURS("hours");

  private final String wireName;

  ClockUnit(String wireName) {
    this.wireName = wireName;
  }

  /** The unit's name in records and in the config: {@code working_days}, {@code days}, {@code hours}. */
  public String wireName() {
    return wireName;
  }

  /** The unit of a wire name, or null. */
  public static ClockUnit fromWire(String name) {
    for (ClockUnit u : values()) {
      if (u.wireName.equals(name)) {
        return u;
      }
    }
    return null;
  }
}
