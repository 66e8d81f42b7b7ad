package io.lawmonitor.calendar;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Statutory clocks as the statutes count them: the start day is not counted; "N working days"
 * ends at 24:00 of the N-th working day after the start day; "N days" ends at 24:00 of the N-th
 * calendar day after the start day, moved to the next working day when that day is off; "N
 * hours" is exact. A deadline is an instant, and 24:00 of a day is 00:00 of the next.
 */
public final class Deadlines implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long HOUR = 3_600_000L;

  private final WorkCalendar calendar;

  public Deadlines(WorkCalendar calendar) {
    this.calendar = calendar;
  }

  public WorkCalendar calendar() {
    return calendar;
  }

  /** 24:00 of the N-th working day after the start day. */
  public long workingDaysAfter(long startMillis, int n) {
    return workingDaysAfterDay(day(startMillis), n);
  }

  /** 24:00 of the start day if it is a working day, else of the next working day. */
  public long endOfWorkingDay(long startMillis) {
    LocalDate d = day(startMillis);
    while (!isWorkingDay(d)) {
      d = d.plusDays(1);
    }
    return endOf(d);
  }

  /** 24:00 of the N-th calendar day after the start day, moved past days off. */
  public long calendarDaysAfter(long startMillis, int n) {
    LocalDate d = day(startMillis).plusDays(n);
    while (!isWorkingDay(d)) {
      d = d.plusDays(1);
    }
    return endOf(d);
  }

  public static long hoursAfter(long startMillis, int hours) {
    return startMillis + hours * HOUR;
  }

  /** A deadline extended by N working days: 24:00 of the N-th working day after its last day. */
  public long extendByWorkingDays(long deadlineMillis, int n) {
    return workingDaysAfterDay(day(deadlineMillis - 1), n);
  }

  private long workingDaysAfterDay(LocalDate start, int n) {
    LocalDate d = start;
    int counted = 0;
    while (counted < n) {
      d = d.plusDays(1);
      if (isWorkingDay(d)) {
        counted++;
      }
    }
    return endOf(d);
  }

  private boolean isWorkingDay(LocalDate d) {
    return calendar.isWorkingDay(d);
  }

  public static LocalDate day(long millis) {
    return Instant.ofEpochMilli(millis).atZone(WorkCalendar.ZONE).toLocalDate();
  }

  /** 24:00 of a day, that is 00:00 of the next day in Asia/Shanghai. */
  public static long endOf(LocalDate d) {
    return d.plusDays(1).atStartOfDay(WorkCalendar.ZONE).toInstant().toEpochMilli();
  }
}
