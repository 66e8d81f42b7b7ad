package io.lawmonitor.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A year's calendar file: read as the State Council publishes it, and every mistake in it named. */
class WorkCalendarTest {
  @TempDir
  Path dir;

  private WorkCalendar read(String yaml) throws Exception {
    Files.writeString(dir.resolve("cn-2031.yaml"), yaml);
    return WorkCalendar.fromDirectory(dir);
  }

  @Test
  void readsAYear() throws Exception {
    WorkCalendar c = read("year: 2031\nholidays:\n  - {name: 春节, from: 2031-01-22, to: 2031-01-28}\n"
        + "makeUpWorkdays: [2031-01-19]\n");
    assertThat(c.isWorkingDay(LocalDate.of(2031, 1, 23))).isFalse();
    assertThat(c.isWorkingDay(LocalDate.of(2031, 1, 19))).as("a Sunday made a working day").isTrue();
    assertThat(c.isWorkingDay(LocalDate.of(2031, 1, 20))).isTrue();
  }

  @Test
  void namesEveryMistake() {
    assertThatThrownBy(() -> read("year: 2031\nholiday: []\n"))
        .hasMessageEndingWith("cn-2031.yaml: unknown key 'holiday' (known here: holidays, makeUpWorkdays, year)");
    assertThatThrownBy(() -> read("year: 2031\nholidays:\n  - {name: 春节, form: 2031-01-22}\n"))
        .hasMessageEndingWith("cn-2031.yaml: unknown key 'holidays[1].form' (known here: from, name, to)");
    assertThatThrownBy(() -> read("year: twenty\n")).hasMessageEndingWith("cn-2031.yaml: year: a whole number");
    assertThatThrownBy(() -> read("year: 2031\nmakeUpWorkdays: [2031-02-30]\n"))
        .hasMessageEndingWith("cn-2031.yaml: makeUpWorkdays '2031-02-30' is not a date (YYYY-MM-DD)");
    assertThatThrownBy(() -> read("holidays: []\n")).hasMessageEndingWith("cn-2031.yaml: no 'year'");
  }

  @Test
  void theBundledYearsRead() {
    assertThat(WorkCalendar.bundled().covers(2026)).isTrue();
  }
}
