package io.lawmonitor.calendar;

import static io.lawmonitor.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadlinesTest {
  private final WorkCalendar cal = WorkCalendar.bundled();
  private final Deadlines d = new Deadlines(cal);

  @Test
  void bundledCalendarHoldsTheStateCouncilNotices() {
    assertThat(cal.coveredYears()).containsExactly(2025, 2026);
    // 2026: 元旦 3 + 春节 9 + 清明 3 + 劳动 5 + 端午 3 + 中秋 3 + 国庆 7 days off
    assertThat(cal.holidays(2026)).hasSize(33);
    assertThat(cal.holidays(2025)).hasSize(1 + 8 + 3 + 5 + 3 + 8);
    assertThat(cal.isWorkingDay(LocalDate.of(2026, 10, 1))).isFalse();
    assertThat(cal.isWorkingDay(LocalDate.of(2026, 10, 10))).as("Saturday make-up working day").isTrue();
    assertThat(cal.isWorkingDay(LocalDate.of(2026, 9, 20))).as("Sunday make-up working day").isTrue();
    assertThat(cal.isWorkingDay(LocalDate.of(2025, 1, 26))).isTrue();
    assertThat(cal.isWorkingDay(LocalDate.of(2026, 10, 11))).as("an ordinary Sunday").isFalse();
    assertThat(cal.isWorkingDay(LocalDate.of(2026, 2, 16))).as("春节").isFalse();
  }

  @Test
  void workingDaysSkipTheHolidayAndCountTheMakeUpSaturday() {
    // received Mon Sep 28: Sep 29, Sep 30, (Oct 1-7 off), Oct 8, Oct 9, Sat Oct 10 (make-up) = 5
    assertThat(d.workingDaysAfter(t("2026-09-28T10:00"), 5)).isEqualTo(t("2026-10-11T00:00"));
    // three working days from Wed Sep 30: Oct 8, 9, 10
    assertThat(d.workingDaysAfter(t("2026-09-30T23:59"), 3)).isEqualTo(t("2026-10-11T00:00"));
    // an ordinary week: Mon Oct 12 + 3 = Thu Oct 15, 24:00
    assertThat(d.workingDaysAfter(t("2026-10-12T09:00"), 3)).isEqualTo(t("2026-10-16T00:00"));
    // the start day is not counted even when it is a working day
    assertThat(d.workingDaysAfter(t("2026-10-12T00:00"), 1)).isEqualTo(t("2026-10-14T00:00"));
  }

  @Test
  void endOfTheSameWorkingDay() {
    assertThat(d.endOfWorkingDay(t("2026-10-12T16:00"))).isEqualTo(t("2026-10-13T00:00"));
    assertThat(d.endOfWorkingDay(t("2026-10-10T09:00"))).as("make-up Saturday is a working day").isEqualTo(t("2026-10-11T00:00"));
    assertThat(d.endOfWorkingDay(t("2026-10-11T09:00"))).as("Sunday: end of Monday").isEqualTo(t("2026-10-13T00:00"));
    assertThat(d.endOfWorkingDay(t("2026-10-03T09:00"))).as("in the holiday: end of Oct 8").isEqualTo(t("2026-10-09T00:00"));
  }

  @Test
  void calendarDaysEndingOnAHolidayMoveToTheNextWorkingDay() {
    // FILED Jul 3 + 90 days = Oct 1, a holiday: the period ends with Oct 8
    assertThat(d.calendarDaysAfter(t("2026-07-03T10:00"), 90)).isEqualTo(t("2026-10-09T00:00"));
    // Aug 3 + 60 = Oct 2 → Oct 8
    assertThat(d.calendarDaysAfter(t("2026-08-03T15:00"), 60)).isEqualTo(t("2026-10-09T00:00"));
    // ending on an ordinary Saturday moves to Monday
    assertThat(d.calendarDaysAfter(t("2026-10-14T10:00"), 3)).isEqualTo(t("2026-10-20T00:00"));
    // ending on a make-up Saturday stays
    assertThat(d.calendarDaysAfter(t("2026-10-07T10:00"), 3)).isEqualTo(t("2026-10-11T00:00"));
  }

  @Test
  void hoursAreExactAndExtensionsCountFromTheDeadlinesLastDay() {
    assertThat(Deadlines.hoursAfter(t("2026-10-12T22:30"), 2)).isEqualTo(t("2026-10-13T00:30"));
    // deadline 24:00 Oct 15 extended by 10 working days: Oct 16, 19-23, 26-29
    assertThat(d.extendByWorkingDays(t("2026-10-16T00:00"), 10)).isEqualTo(t("2026-10-30T00:00"));
  }

  @Test
  void yearsTheCalendarLacksCountWeekendsOnly() {
    assertThat(cal.covers(2027)).isFalse();
    assertThat(cal.coveredUntil()).isEqualTo(LocalDate.of(2026, 12, 31));
    // Thu Dec 31 2026 + 1 working day = Fri Jan 1 2027 (元旦 unknown): 24:00 Jan 1
    assertThat(d.workingDaysAfter(t("2026-12-31T10:00"), 1)).isEqualTo(t("2027-01-02T00:00"));
  }

  @Test
  void aCalendarFolderReplacesTheBundledYears(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("cn-2027.yaml"), """
        year: 2027
        holidays:
          - {name: 元旦, from: 2027-01-01, to: 2027-01-03}
        makeUpWorkdays: []
        """);
    WorkCalendar c = WorkCalendar.fromDirectory(dir);
    assertThat(c.covers(2027)).isTrue();
    assertThat(new Deadlines(c).workingDaysAfter(t("2026-12-31T10:00"), 1)).isEqualTo(t("2027-01-05T00:00"));

    Files.writeString(dir.resolve("cn-2028.yaml"), "year: 2028\nholidays:\n  - {name: x, from: 2028-13-01}\n");
    assertThatThrownBy(() -> WorkCalendar.fromDirectory(dir)).hasMessageContaining("cn-2028.yaml")
        .hasMessageContaining("2028-13-01");
  }

  @Test
  void theDayOfATimeIsTheZonesOwnIncludingAroundMidnightAndBeforeItsLastSummerTime() {
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < 200_000; i++) {
      // 1980 to 2100, every fifth time a whole Beijing hour, midnight included
      long t = 315_532_800_000L + (long) (r.nextDouble() * 3_786_912_000_000L);
      if (i % 5 == 0) {
        t = t / 3_600_000L * 3_600_000L + (i % 10 == 0 ? 0 : -1);
      }
      LocalDate expected = java.time.Instant.ofEpochMilli(t).atZone(WorkCalendar.ZONE).toLocalDate();
      assertThat(Deadlines.day(t)).as("%d", t).isEqualTo(expected);
      assertThat(Deadlines.endOf(expected)).isEqualTo(
          expected.plusDays(1).atStartOfDay(WorkCalendar.ZONE).toInstant().toEpochMilli());
    }
    // far from the years of any case: as java.time has them, not a fixed offset's overflow
    for (long t : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 1_000L, 253_402_300_799_000L, 253_402_214_400_000L,
        Long.MIN_VALUE + 1, -1L, 0L}) {
      assertThat(Deadlines.day(t)).as("%d", t).isEqualTo(java.time.Instant.ofEpochMilli(t).atZone(WorkCalendar.ZONE)
          .toLocalDate());
    }
    for (LocalDate day : new LocalDate[] {LocalDate.of(9998, 12, 31), LocalDate.of(9999, 12, 30), LocalDate.of(123456, 7, 8),
        LocalDate.of(-5000, 1, 1), LocalDate.of(1900, 1, 1)}) {
      assertThat(Deadlines.endOf(day)).as("%s", day).isEqualTo(
          day.plusDays(1).atStartOfDay(WorkCalendar.ZONE).toInstant().toEpochMilli());
    }
    // 1988 kept summer time in China: its days are the zone's, not a fixed offset's
    assertThat(Deadlines.epochDay(t("1988-07-01T00:30"))).isEqualTo(Deadlines.UNFIXED);
    assertThat(Deadlines.endOf(LocalDate.of(1988, 6, 30))).isEqualTo(t("1988-07-01T00:00") - 3_600_000L);
  }

  @Test
  void aDeadlineAskedForAgainIsTheSameAsWorkedOutAfresh() {
    long start = t("2026-09-20T08:00");
    for (int round = 0; round < 3; round++) {
      for (int day = 0; day < 30; day++) {
        long s = start + day * 86_400_000L + round * 3_600_000L;
        Deadlines fresh = new Deadlines(cal);
        assertThat(d.workingDaysAfter(s, 15)).isEqualTo(fresh.workingDaysAfter(s, 15));
        assertThat(d.calendarDaysAfter(s, 7)).isEqualTo(new Deadlines(cal).calendarDaysAfter(s, 7));
        assertThat(d.endOfWorkingDay(s)).isEqualTo(new Deadlines(cal).endOfWorkingDay(s));
        assertThat(d.extendByWorkingDays(s, 5)).isEqualTo(new Deadlines(cal).extendByWorkingDays(s, 5));
      }
    }
    // the kinds of count remember apart: five days from Sep 28 are not five working days
    assertThat(d.workingDaysAfter(t("2026-09-28T10:00"), 5)).isEqualTo(t("2026-10-11T00:00"));
    assertThat(d.calendarDaysAfter(t("2026-09-28T10:00"), 5)).isEqualTo(t("2026-10-09T00:00"));
    assertThat(d.workingDaysAfter(t("2026-09-28T10:00"), 5)).isEqualTo(t("2026-10-11T00:00"));
  }
}
