package io.lawmonitor.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** The window shapes (README, "Metrics"); names are API. Calendar windows follow Asia/Shanghai. */
public enum WindowKind {
  /** 24 hours, advancing every hour. */
  SLIDING_24H("sliding_24h"),
  /** The calendar day so far, updated every hour (as CUMULATE does). */
  DAY_TO_DATE("day_to_date"),
  /** Calendar month and year, emitted when they end (or when a bounded input ends). */
  MONTH("month"),
  YEAR("year");

  public static final long HOUR = 3_600_000L;
  public static final long DAY = 24 * HOUR;
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final String wireName;

  WindowKind(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Whether the window is emitted at every hour boundary (as opposed to once at its end). */
  public boolean hourly() {
    return this == SLIDING_24H || this == DAY_TO_DATE;
  }

  public static WindowKind fromWire(String name) {
    for (WindowKind k : values()) {
      if (k.wireName.equals(name)) {
        return k;
      }
    }
    return null;
  }

  public static long floorHour(long t) {
    return Math.floorDiv(t, HOUR) * HOUR;
  }

  /** 00:00 of the Asia/Shanghai day holding instant t. */
  public static long dayStart(long t) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(t), ZONE).atStartOfDay(ZONE).toInstant().toEpochMilli();
  }

  /** For an hourly window ending at {@code end}, its start. */
  public long startForEnd(long end) {
    return switch (this) {
      case SLIDING_24H -> end - DAY;
      case DAY_TO_DATE -> dayStart(end - 1);
      default -> throw new IllegalStateException(this + " is not hourly");
    };
  }

  /** For a calendar window, the start of the window holding instant t. */
  public long calendarStart(long t) {
    ZonedDateTime z = Instant.ofEpochMilli(t).atZone(ZONE);
    LocalDate d = this == MONTH ? z.toLocalDate().withDayOfMonth(1) : z.toLocalDate().withDayOfYear(1);
    return d.atStartOfDay(ZONE).toInstant().toEpochMilli();
  }

  /** For a calendar window starting at {@code start}, its natural end. */
  public long calendarEnd(long start) {
    LocalDate d = Instant.ofEpochMilli(start).atZone(ZONE).toLocalDate();
    LocalDate next = this == MONTH ? d.plusMonths(1) : d.plusYears(1);
    return next.atStartOfDay(ZONE).toInstant().toEpochMilli();
  }

  /** The last hourly window end that holds the hour starting at {@code hour}. */
  public long lastEndHolding(long hour) {
    return switch (this) {
      case SLIDING_24H -> hour + DAY;
      case DAY_TO_DATE -> dayStart(hour) + DAY;
      default -> calendarEnd(calendarStart(hour));
    };
  }
}
