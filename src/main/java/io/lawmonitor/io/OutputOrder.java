package io.lawmonitor.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts a finished run's output files in reading order: metrics by window end, then metric,
 * window, scope and revision; alerts by time; dead letters and late events by where they came
 * from. Parallel operators deliver to the writer in no fixed order, so without this two runs
 * over the same input would hold the same records in a different order.
 */
public final class OutputOrder {
  private OutputOrder() {}

  public static void sortAll(Path dir) throws IOException {
    sort(dir.resolve(FileOutputs.METRICS), l -> field(l, "windowEnd") + '\u0001' + field(l, "metric") + '\u0001'
        + field(l, "window") + '\u0001' + field(l, "scopeLevel") + '\u0001' + field(l, "scope") + '\u0001'
        + pad(number(l, "revision")));
    sort(dir.resolve(FileOutputs.ALERTS), l -> field(l, "at") + '\u0001' + field(l, "rule") + '\u0001'
        + field(l, "scopeLevel") + '\u0001' + field(l, "scope") + '\u0001' + field(l, "state"));
    sort(dir.resolve(FileOutputs.DEAD_LETTERS), OutputOrder::originKey);
    sort(dir.resolve(FileOutputs.LATE_EVENTS), OutputOrder::originKey);
  }

  private record Keyed(String key, String line) {}

  private static void sort(Path file, java.util.function.Function<String, String> key) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    List<Keyed> rows = new ArrayList<>();
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      lines.filter(l -> !l.isBlank()).forEach(l -> rows.add(new Keyed(key.apply(l), l)));
    }
    rows.sort(Comparator.comparing(Keyed::key).thenComparing(Keyed::line));
    Path tmp = file.resolveSibling(file.getFileName() + ".sorting");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (Keyed r : rows) {
        w.write(r.line());
        w.write('\n');
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** file:line, with the line number padded so that line 10 sorts after line 9. */
  private static String originKey(String l) {
    String o = field(l, "origin");
    int colon = o.lastIndexOf(':');
    if (colon < 0) {
      return o;
    }
    String n = o.substring(colon + 1);
    return n.chars().allMatch(Character::isDigit) ? o.substring(0, colon) + '\u0001' + pad(n) : o;
  }

  private static String pad(String digits) {
    return "0".repeat(Math.max(0, 12 - digits.length())) + digits;
  }

  /** A string field of one of our own single-line JSON records. */
  static String field(String line, String name) {
    String marker = "\"" + name + "\":\"";
    int k = line.indexOf(marker);
    if (k < 0) {
      return "";
    }
    int s = k + marker.length();
    int e = s;
    while (e < line.length() && line.charAt(e) != '"') {
      e += line.charAt(e) == '\\' ? 2 : 1;
    }
    return line.substring(s, Math.min(e, line.length()));
  }

  static String number(String line, String name) {
    String marker = "\"" + name + "\":";
    int k = line.indexOf(marker);
    if (k < 0) {
      return "";
    }
    int s = k + marker.length();
    int e = s;
    while (e < line.length() && Character.isDigit(line.charAt(e))) {
      e++;
    }
    return line.substring(s, e);
  }
}
