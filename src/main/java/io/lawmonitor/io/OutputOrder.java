package io.lawmonitor.io;

import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.metrics.MetricRecord;
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
 * The reading order of a run's output files. Parallel operators deliver to a writer in no fixed
 * order; without an order two runs over the same input would hold the same records in a different
 * order. Metrics and alerts are written in order as event time releases them (see
 * {@link JsonLinesSink}): by the event time that emitted them, then by the orders here. Dead
 * letters and late events, which come from anywhere in the input, are sorted by where they came
 * from when the run has ended.
 */
public final class OutputOrder {
  private OutputOrder() {}

  /**
   * Metrics emitted at the same moment: by window end, metric, window, scope level, scope and
   * revision. A watermark releases thousands at once; they are sorted by rank (names arrive as
   * shared instances, see MetricRecordSerializer, so each is ranked once per batch).
   */
  public static final JsonLinesSink.Order<MetricRecord> METRICS = new RankedOrder<>(
      (RankedOrder.Number<MetricRecord>) MetricRecord::windowEnd,
      (RankedOrder.Name<MetricRecord>) MetricRecord::metric,
      (RankedOrder.Name<MetricRecord>) MetricRecord::window,
      (RankedOrder.Name<MetricRecord>) MetricRecord::scopeLevel,
      (RankedOrder.Name<MetricRecord>) MetricRecord::scope,
      (RankedOrder.Number<MetricRecord>) MetricRecord::revision);

  /** Alerts emitted at the same moment: by time, rule, scope level, scope and state. */
  public static final JsonLinesSink.Order<AlertRecord> ALERTS = (a, b) -> {
    int c = Long.compare(a.at(), b.at());
    c = c != 0 ? c : a.rule().compareTo(b.rule());
    c = c != 0 ? c : a.scopeLevel().compareTo(b.scopeLevel());
    c = c != 0 ? c : a.scope().compareTo(b.scope());
    return c != 0 ? c : a.state().compareTo(b.state());
  };

  /** 督办清单 records released at the same moment: by time, stream, case, clock and state. */
  public static final JsonLinesSink.Order<io.lawmonitor.lifecycle.CaseWatch> CASE_WATCH = (a, b) -> {
    int c = Long.compare(a.at(), b.at());
    c = c != 0 ? c : a.stream().compareTo(b.stream());
    c = c != 0 ? c : a.caseId().compareTo(b.caseId());
    c = c != 0 ? c : a.clock().compareTo(b.clock());
    return c != 0 ? c : a.state().compareTo(b.state());
  };

  /** Sorts the files written as they came (dead letters, late events) once a bounded run has ended. */
  public static void sortAll(Path dir) throws IOException {
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
  public static String field(String line, String name) {
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

}
