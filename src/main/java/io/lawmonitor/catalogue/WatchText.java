package io.lawmonitor.catalogue;

import io.lawmonitor.calendar.ClockUnit;
import io.lawmonitor.calendar.Deadlines;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.lifecycle.CaseWatch;
import io.lawmonitor.lifecycle.WatchState;
import io.lawmonitor.streams.ClockSpec;
import io.lawmonitor.streams.StreamDefinition;

/**
 * The 督办清单 in words, as the wallboard, the digests and the report say it: what is due
 * (12345 办结), how late or how near (超期 3 个工作日, 剩 1 个工作日), the deadline (10-11 00:00).
 */
public final class WatchText {
  private WatchText() {}

  /** What is due by the record's clock, with its stream's name: "行政复议 受理审查". */
  public static String what(CaseWatch w) {
    StreamDefinition d = Catalogue.of(w.stream());
    for (ClockSpec c : d.clocks()) {
      if (c.id().equals(w.clock())) {
        return d.labels().name() + " " + c.label();
      }
    }
    return d.labels().name() + " " + w.clock();
  }

  public static String unit(ClockUnit u) {
    return switch (u) {
      case WORKING_DAYS -> "个工作日";
      case DAYS -> "天";
      case HOURS -> "小时";
    };
  }

  /**
   * How far a listed clock is from its deadline at {@code at}: 超期 N (at least 1 once past it) or
   * 剩 N; with no calendar, as its record says.
   */
  public static int behindAt(CaseWatch w, Deadlines deadlines, long at) {
    if (deadlines == null || at == Long.MIN_VALUE) {
      return w.behind();
    }
    int b = deadlines.behind(w.deadline(), w.unit(), Math.max(at, w.at()));
    return w.state() == WatchState.OVERDUE ? Math.max(b, 0) : Math.min(b, -1);
  }

  /** "超期 3 个工作日", "剩 1 天", or "今日到期" at the deadline itself. */
  public static String distance(int behind, ClockUnit u) {
    if (behind > 0) {
      return "超期 " + behind + " " + unit(u);
    }
    if (behind < 0) {
      return "剩 " + (-behind) + " " + unit(u);
    }
    return "已到期";
  }

  /** A deadline as "10-11 00:00", or 24:00 of the day before when it is a day's end: "10-10 24:00". */
  public static String deadline(long t) {
    String iso = EventJson.time(t);
    if (iso.substring(11, 16).equals("00:00")) {
      String before = EventJson.time(t - 1);
      return before.substring(5, 10) + " 24:00";
    }
    return iso.substring(5, 16).replace('T', ' ');
  }
}
