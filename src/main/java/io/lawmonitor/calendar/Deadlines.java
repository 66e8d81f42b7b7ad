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
    return remembered(WORKING_DAYS, startMillis, n);
  }

  /** 24:00 of the start day if it is a working day, else of the next working day. */
  public long endOfWorkingDay(long startMillis) {
    return remembered(END_OF_WORKING_DAY, startMillis, 0);
  }

  /** 24:00 of the N-th calendar day after the start day, moved past days off. */
  public long calendarDaysAfter(long startMillis, int n) {
    return remembered(CALENDAR_DAYS, startMillis, n);
  }

  public static long hoursAfter(long startMillis, int hours) {
    return startMillis + hours * HOUR;
  }

  /** A deadline extended by N working days: 24:00 of the N-th working day after its last day. */
  public long extendByWorkingDays(long deadlineMillis, int n) {
    return remembered(WORKING_DAYS, deadlineMillis - 1, n);
  }

  /** The working days after {@code fromMillis}'s day, up to and including {@code toMillis}'s day. */
  public int workingDaysBetween(long fromMillis, long toMillis) {
    int n = 0;
    LocalDate last = day(toMillis);
    for (LocalDate d = day(fromMillis).plusDays(1); !d.isAfter(last); d = d.plusDays(1)) {
      if (calendar.isWorkingDay(d)) {
        n++;
      }
    }
    return n;
  }

  /**
   * When a clock comes within {@code margin} units of its deadline: the deadline less that many
   * hours or calendar days; for working days, 24:00 of the {@code margin}-th working day before the
   * deadline's last day (so a margin of one working day begins when the last working day does, a
   * weekend before it included).
   */
  public long withinMargin(long deadline, ClockUnit unit, int margin) {
    return switch (unit) {
      case HOURS -> deadline - margin * HOUR;
      case DAYS -> deadline - margin * DAY_MILLIS;
      case WORKING_DAYS -> {
        LocalDate d = day(deadline - 1);
        for (int counted = 0; counted < margin; ) {
          d = d.minusDays(1);
          if (isWorkingDay(d)) {
            counted++;
          }
        }
        yield endOf(d);
      }
    };
  }

  /**
   * How far {@code at} is past the deadline in the clock's unit, in whole units counted away from
   * it: 0 at the deadline itself; k &gt; 0 when {@code at} falls within the k-th unit after it (a
   * unit taken as closed at its end), −k when within the k-th unit before it. For working days a
   * unit is a working day with the days off before it: a case done on the Saturday after a Friday
   * deadline is 1 working day late, as is one done on the Monday.
   */
  public int behind(long deadline, ClockUnit unit, long at) {
    if (at == deadline) {
      return 0;
    }
    return switch (unit) {
      case HOURS -> at > deadline ? (int) ceilDiv(at - deadline, HOUR) : -(int) ceilDiv(deadline - at, HOUR);
      case DAYS -> at > deadline ? (int) ceilDiv(at - deadline, DAY_MILLIS)
          : -(int) ceilDiv(deadline - at, DAY_MILLIS);
      case WORKING_DAYS -> {
        LocalDate last = day(deadline - 1);
        if (at > deadline) {
          LocalDate to = day(at - 1);
          int n = 0;
          for (LocalDate d = last.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
              n++;
            }
          }
          yield isWorkingDay(to) ? Math.max(1, n) : n + 1;
        }
        int n = 0;
        for (LocalDate d = day(at); !d.isAfter(last); d = d.plusDays(1)) {
          if (isWorkingDay(d)) {
            n++;
          }
        }
        yield -Math.max(1, n);
      }
    };
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  private static final int WORKING_DAYS = 0;
  private static final int CALENDAR_DAYS = 1;
  private static final int END_OF_WORKING_DAY = 2;
  /** Past this many deadlines remembered they are worked out afresh. */
  private static final int REMEMBERED = 4096;

  /**
   * Deadlines worked out before, by kind, start day and count: a case's clocks are derived anew at
   * each of its events, and a day's cases share their start day. Only for days whose start the
   * zone's rules fix for good ({@link #epochDay}); others are worked out each time.
   */
  private transient java.util.HashMap<Long, Long> remembered;

  private long remembered(int kind, long startMillis, int n) {
    long day = epochDay(startMillis);
    if (day == UNFIXED || n < 0 || n >= 1 << 20) {
      return compute(kind, day(startMillis), n);
    }
    long key = day << 22 | (long) n << 2 | kind;
    if (remembered == null || remembered.size() >= REMEMBERED) {
      remembered = new java.util.HashMap<>();
    }
    Long known = remembered.get(key);
    if (known != null) {
      return known;
    }
    long deadline = compute(kind, LocalDate.ofEpochDay(day), n);
    remembered.put(key, deadline);
    return deadline;
  }

  private long compute(int kind, LocalDate start, int n) {
    LocalDate d = start;
    switch (kind) {
      case WORKING_DAYS -> {
        return workingDaysAfterDay(start, n);
      }
      case CALENDAR_DAYS -> d = start.plusDays(n);
      default -> { }
    }
    while (!isWorkingDay(d)) {
      d = d.plusDays(1);
    }
    return endOf(d);
  }

  /** {@link #epochDay} of a time outside the years the zone's offset is fixed for. */
  static final long UNFIXED = Long.MIN_VALUE;
  private static final long DAY_MILLIS = 86_400_000L;
  /** Where the days worked out from one offset end: the start of 9999, far past any deadline. */
  private static final long FIXED_UNTIL = Instant.parse("9999-01-01T00:00:00Z").toEpochMilli();
  /**
   * From this time on the zone keeps one offset (Asia/Shanghai: since its last summer time, 1991);
   * {@link #FIXED_UNTIL} for a zone that changes its offset every year.
   */
  private static final long FIXED_FROM;
  private static final long FIXED_OFFSET;

  static {
    java.time.zone.ZoneRules rules = WorkCalendar.ZONE.getRules();
    java.time.zone.ZoneOffsetTransition last = rules.previousTransition(Instant.ofEpochMilli(FIXED_UNTIL));
    if (!rules.getTransitionRules().isEmpty()) {
      FIXED_FROM = FIXED_UNTIL;
    } else {
      FIXED_FROM = last == null ? Long.MIN_VALUE / 2 : last.getInstant().toEpochMilli() + DAY_MILLIS;
    }
    FIXED_OFFSET = rules.getOffset(Instant.ofEpochMilli(FIXED_FROM)).getTotalSeconds() * 1000L;
  }

  /**
   * The day of a time in the zone, as {@link LocalDate#toEpochDay()}, without a date object;
   * {@link #UNFIXED} outside the years its offset is fixed for.
   */
  static long epochDay(long millis) {
    return millis >= FIXED_FROM && millis < FIXED_UNTIL ? Math.floorDiv(millis + FIXED_OFFSET, DAY_MILLIS) : UNFIXED;
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

  /** The day of a time in Asia/Shanghai. */
  public static LocalDate day(long millis) {
    long d = epochDay(millis);
    return d != UNFIXED ? LocalDate.ofEpochDay(d) : Instant.ofEpochMilli(millis).atZone(WorkCalendar.ZONE).toLocalDate();
  }

  /** 24:00 of a day, that is 00:00 of the next day in Asia/Shanghai. */
  public static long endOf(LocalDate d) {
    long day = d.toEpochDay();
    if (day >= FIXED_FROM / DAY_MILLIS && day < FIXED_UNTIL / DAY_MILLIS - 1) {
      long end = (day + 1) * DAY_MILLIS - FIXED_OFFSET;
      if (end >= FIXED_FROM) {
        return end;
      }
    }
    return d.plusDays(1).atStartOfDay(WorkCalendar.ZONE).toInstant().toEpochMilli();
  }
}
