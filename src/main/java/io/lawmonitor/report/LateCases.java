package io.lawmonitor.report;

import io.lawmonitor.lifecycle.CaseWatchJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.calendar.Deadlines;
import io.lawmonitor.catalogue.WatchText;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.io.FileOutputs;
import io.lawmonitor.lifecycle.CaseList;
import io.lawmonitor.lifecycle.CaseWatch;
import io.lawmonitor.lifecycle.WatchState;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The period's late cases from a run's 督办清单 records: those done late in it (逾期办结, with how
 * late) and those still overdue at its end (超期未办结, with how late by then), per agency. What
 * the annual reports' 超期 figures are made of, by name. {@code late-cases.csv} holds them all.
 */
public final class LateCases {
  private LateCases() {}

  public static final String CSV = "late-cases.csv";
  /** Cases listed by name in the report page; the CSV has every one. */
  static final int SHOWN = 300;

  /** One late case: done late ({@code done}), or overdue still at {@code until}, {@code behind} units late. */
  public record Late(boolean done, CaseWatch w, long until, int behind) {}

  /** The late cases of a run, most overdue first: those still overdue, then those done late. */
  public static List<Late> of(Path runDir, Deadlines deadlines, long periodEnd) throws IOException {
    Path file = runDir.resolve(FileOutputs.CASE_WATCH);
    List<Late> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    CaseList list = new CaseList();
    List<Late> done = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        CaseWatch w = CaseWatchJson.read(line);
        list.apply(w);
        if (w.state() == WatchState.DONE_LATE) {
          done.add(new Late(true, w, w.at(), w.behind()));
        }
      }
    }
    for (CaseWatch w : list.entries(w -> w.state() == WatchState.OVERDUE)) {
      long until = Math.max(periodEnd, w.at());
      out.add(new Late(false, w, until, Math.max(1, deadlines.behind(w.deadline(), w.unit(), until))));
    }
    done.sort(Comparator.comparingLong((Late l) -> l.w().deadline()).thenComparing(l -> l.w().caseId()));
    out.addAll(done);
    return out;
  }

  /** What the period left overdue, in one line for the console: "督办清单：期末仍超期 4 件，期间逾期办结 73 件（late-cases.csv）". */
  public static String line(Path dir) throws IOException {
    Path csv = dir.resolve(CSV);
    if (!Files.exists(csv)) {
      return "";
    }
    long overdue = 0;
    long done = 0;
    for (String l : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
      overdue += l.startsWith("超期未办结,") ? 1 : 0;
      done += l.startsWith("逾期办结,") ? 1 : 0;
    }
    return "督办清单：期末仍超期 " + overdue + " 件，期间逾期办结 " + done + " 件（" + csv.toAbsolutePath() + "）";
  }

  /** Per agency: still overdue, done late; the agencies with most still overdue first. */
  static Map<String, int[]> byAgency(List<Late> cases) {
    Map<String, int[]> m = new TreeMap<>();
    for (Late l : cases) {
      m.computeIfAbsent(agency(l.w()), a -> new int[2])[l.done() ? 1 : 0]++;
    }
    return m;
  }

  static String agency(CaseWatch w) {
    return w.agency() == null ? "（未指定机构）" : w.agency();
  }

  /** The sheet: one row a case, UTF-8 with a BOM as spreadsheets on Chinese desktops expect. */
  static void writeCsv(Path file, List<Late> cases) throws IOException {
    StringBuilder b = new StringBuilder("\uFEFF");
    b.append("类别,承办机构,案件编号,事项,地区,起算时间,期限,办结或截至,超期,单位\r\n");
    for (Late l : cases) {
      CaseWatch w = l.w();
      b.append(l.done() ? "逾期办结" : "超期未办结").append(',').append(Report.csv(agency(w))).append(',')
          .append(Report.csv(w.caseId())).append(',').append(Report.csv(WatchText.what(w))).append(',')
          .append(Report.csv(w.region() == null ? "" : w.region())).append(',').append(EventJson.time(w.startedAt()))
          .append(',').append(EventJson.time(w.deadline())).append(',').append(EventJson.time(l.until())).append(',')
          .append(l.behind()).append(',').append(WatchText.unit(w.unit())).append("\r\n");
    }
    Files.writeString(file, b, StandardCharsets.UTF_8);
  }

  /** For the report page: the agencies' counts and the first {@link #SHOWN} cases. */
  static ObjectNode data(List<Late> cases, long periodEnd) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    if (periodEnd != Long.MIN_VALUE) {
      n.put("until", EventJson.time(periodEnd));
    }
    int overdue = 0;
    for (Late l : cases) {
      overdue += l.done() ? 0 : 1;
    }
    n.put("overdue", overdue);
    n.put("doneLate", cases.size() - overdue);
    ArrayNode agencies = n.putArray("agencies");
    List<Map.Entry<String, int[]>> rows = new ArrayList<>(byAgency(cases).entrySet());
    rows.sort(Comparator.comparingInt((Map.Entry<String, int[]> e) -> -e.getValue()[0])
        .thenComparingInt(e -> -e.getValue()[1]).thenComparing(Map.Entry::getKey));
    for (Map.Entry<String, int[]> e : rows) {
      agencies.addObject().put("agency", e.getKey()).put("overdue", e.getValue()[0]).put("doneLate", e.getValue()[1]);
    }
    ArrayNode list = n.putArray("cases");
    for (Late l : cases.subList(0, Math.min(SHOWN, cases.size()))) {
      CaseWatch w = l.w();
      list.addObject().put("done", l.done()).put("agency", agency(w)).put("caseId", w.caseId())
          .put("what", WatchText.what(w)).put("region", w.region()).put("deadline", WatchText.deadline(w.deadline()))
          .put("until", EventJson.time(l.until()).substring(0, 16).replace('T', ' '))
          .put("late", WatchText.distance(l.behind(), w.unit()));
    }
    n.put("more", Math.max(0, cases.size() - SHOWN));
    return n;
  }
}
