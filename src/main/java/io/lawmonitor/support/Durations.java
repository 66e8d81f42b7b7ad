package io.lawmonitor.support;

import java.time.Duration;
import java.util.Locale;
import org.apache.flink.util.TimeUtils;

/** Durations as people write them in config: 30s, 5m, 2h, 7d (Flink's notation, or ISO-8601: PT5M). */
public final class Durations {
  private Durations() {}

  /** Flink's own notation (30s, 5 min, 2h, 7d, 500ms), or ISO-8601 (PT5M). */
  public static Duration parse(String s) {
    String t = s.trim();
    try {
      if (t.startsWith("P") || t.startsWith("p")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      if (t.isEmpty() || !Character.isDigit(t.charAt(0)) || Character.isDigit(t.charAt(t.length() - 1))) {
        throw new IllegalArgumentException("no unit"); // Flink reads a bare number as milliseconds: too easy to mistake
      }
      return TimeUtils.parseDuration(t);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + s + "' is not a duration (e.g. 30s, 5m, 2h, 7d)");
    }
  }

  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000L == 0) {
      return ms / 86_400_000L + "d";
    }
    if (ms % 3_600_000L == 0) {
      return ms / 3_600_000L + "h";
    }
    if (ms % 60_000L == 0) {
      return ms / 60_000L + "m";
    }
    if (ms % 1000L == 0) {
      return ms / 1000L + "s";
    }
    return ms + "ms";
  }
}
