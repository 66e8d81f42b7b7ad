package io.lawmonitor.calendar;

import io.lawmonitor.support.YamlBinding;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The mainland working-day calendar: weekends off, statutory holidays off, and the weekend days
 * declared make-up working days (调休) on. One data file per year; a year no file covers falls
 * back to weekends only, which callers can detect with {@link #covers(int)}.
 */
public final class WorkCalendar implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** The years bundled in the jar; a config directory replaces them without a rebuild. */
  static final int[] BUNDLED_YEARS = {2025, 2026};

  private final TreeMap<Integer, YearDays> years;

  private record YearDays(Set<LocalDate> off, Set<LocalDate> work) implements Serializable {}

  private WorkCalendar(TreeMap<Integer, YearDays> years) {
    this.years = years;
  }

  /** A calendar that knows no holidays: weekends only, for every year. */
  public static WorkCalendar weekendsOnly() {
    return new WorkCalendar(new TreeMap<>());
  }

  /** The calendar files bundled in the jar (cn-YYYY.yaml). */
  public static WorkCalendar bundled() {
    TreeMap<Integer, YearDays> years = new TreeMap<>();
    for (int year : BUNDLED_YEARS) {
      String resource = "/calendars/cn-" + year + ".yaml";
      try (InputStream in = WorkCalendar.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("calendar resource missing from the jar: " + resource);
        }
        addYear(years, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), resource);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
    return new WorkCalendar(years);
  }

  /** Every {@code *.yaml} file in a directory, one year each. */
  public static WorkCalendar fromDirectory(Path dir) {
    TreeMap<Integer, YearDays> years = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
      for (Path file : files) {
        addYear(years, Files.readString(file), file.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read calendar directory " + dir, e);
    }
    if (years.isEmpty()) {
      throw new IllegalArgumentException("calendar directory " + dir + " holds no year file (*.yaml)");
    }
    return new WorkCalendar(years);
  }

  /** A year's file, bound by Jackson: an unknown key or a value of the wrong type is an error naming it. */
  record YearFile(Integer year, List<Holiday> holidays, List<String> makeUpWorkdays) {}

  record Holiday(String name, String from, String to) {}

  private static void addYear(TreeMap<Integer, YearDays> years, String yaml, String where) {
    YearFile f;
    try {
      f = YamlBinding.MAPPER.readValue(yaml, YearFile.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(YamlBinding.explain(e, where, "key"));
    }
    if (f == null || f.year() == null) {
      throw new IllegalArgumentException(where + ": no 'year'");
    }
    Set<LocalDate> off = new HashSet<>();
    for (Holiday h : f.holidays() == null ? List.<Holiday>of() : f.holidays()) {
      LocalDate from = date(h.from(), where, "holidays.from");
      LocalDate to = h.to() != null ? date(h.to(), where, "holidays.to") : from;
      if (to.isBefore(from)) {
        throw new IllegalArgumentException(where + ": holiday " + h.name() + " ends before it starts");
      }
      for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
        off.add(d);
      }
    }
    Set<LocalDate> work = new HashSet<>();
    for (String w : f.makeUpWorkdays() == null ? List.<String>of() : f.makeUpWorkdays()) {
      LocalDate d = date(w, where, "makeUpWorkdays");
      if (off.contains(d)) {
        throw new IllegalArgumentException(where + ": " + d + " is both a holiday and a make-up working day");
      }
      work.add(d);
    }
    if (years.put(f.year(), new YearDays(off, work)) != null) {
      throw new IllegalArgumentException(where + ": year " + f.year() + " is defined twice");
    }
  }

  private static LocalDate date(String text, String where, String field) {
    try {
      return LocalDate.parse(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(where + ": " + field + " '" + text + "' is not a date (YYYY-MM-DD)");
    }
  }

  /** Whether a year's holidays are known; for other years only weekends are off. */
  public boolean covers(int year) {
    return years.containsKey(year);
  }

  /** The years with a holiday file, ascending. */
  public List<Integer> coveredYears() {
    return new ArrayList<>(years.keySet());
  }

  /** The last covered day, or null when no year is covered. */
  public LocalDate coveredUntil() {
    return years.isEmpty() ? null : LocalDate.of(years.lastKey(), 12, 31);
  }

  public boolean isWorkingDay(LocalDate day) {
    for (YearDays y : years.values()) {
      if (y.work.contains(day)) {
        return true;
      }
      if (y.off.contains(day)) {
        return false;
      }
    }
    DayOfWeek dow = day.getDayOfWeek();
    return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
  }

  /** The holidays and make-up days a year declares, for display. */
  public Set<LocalDate> holidays(int year) {
    YearDays y = years.get(year);
    return y == null ? Set.of() : new TreeSet<>(y.off);
  }
}
