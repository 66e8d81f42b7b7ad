package io.lawmonitor.job;

import java.time.Duration;
import java.util.Locale;

/** Durations as people write them in config: 30s, 5m, 2h, 7d (or ISO-8601, PT5M). */
public final class Durations {
  private Durations() {}

  public static Duration parse(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("p")) {
      return Duration.parse(s.trim().toUpperCase(Locale.ROOT));
    }
    int i = 0;
    while (i < t.length() && (Character.isDigit(t.charAt(i)))) {
      i++;
    }
    if (i == 0 || i == t.length()) {
      throw new IllegalArgumentException("'" + s + "' is not a duration (e.g. 30s, 5m, 2h, 7d)");
    }
    long n = Long.parseLong(t.substring(0, i));
    return switch (t.substring(i).trim()) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m", "min" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> throw new IllegalArgumentException("'" + s + "' is not a duration (e.g. 30s, 5m, 2h, 7d)");
    };
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
