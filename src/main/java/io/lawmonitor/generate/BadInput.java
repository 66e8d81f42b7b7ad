package io.lawmonitor.generate;

import io.lawmonitor.events.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A small file of bad input, so every output of a sample run has content: one line for each
 * dead-letter reason, personal data inside broken lines, a producer retry, orphans, an event
 * beyond the allowed lateness and one inside it (which revises the windows it lands in).
 */
public final class BadInput {
  private BadInput() {}

  private static final long HOUR = 3_600_000L;

  /** The bad lines for the generated files {@code hotline} and {@code enforcement}, read a line at a time. */
  public static List<String> lines(Path hotline, Path enforcement, long endMillis) throws IOException {
    List<String> out = new ArrayList<>();
    long hotlineLines;
    try (Stream<String> s = Files.lines(hotline, StandardCharsets.UTF_8)) {
      hotlineLines = s.count();
    }
    long early = first(hotline, l -> true).orElseThrow().time() + 6 * HOUR;
    String t = EventJson.time(early);

    // lines with no readable time go out first
    out.add("{\"eventId\":\"BAD-1\",\"stream\":\"hotline\",\"caseId\":\"HL-BAD-1\",\"type\":\"RECEIVED\","
        + "\"attrs\":{\"callerPhone\":\"13912345678\",\"idNumber\":\"420502198812121234\"");
    out.add("not json at all: 来电人 王先生 13800001111");
    out.add("");
    out.add("[1,2,3]");
    out.add("{\"eventId\":\"BAD-2\",\"stream\":\"hotline\",\"type\":\"RECEIVED\",\"eventTime\":\"" + t
        + "\",\"region\":\"宜昌市/西陵区\",\"attrs\":{}}");
    out.add("{\"eventId\":\"BAD-3\",\"stream\":\"petition\",\"caseId\":\"PT-1\",\"type\":\"RECEIVED\",\"eventTime\":\"" + t
        + "\",\"region\":\"宜昌市\"}");
    out.add("{\"eventId\":\"BAD-4\",\"stream\":\"hotline\",\"caseId\":\"HL-BAD-4\",\"type\":\"ESCALATED\",\"eventTime\":\""
        + t + "\",\"region\":\"宜昌市\"}");
    out.add("{\"eventId\":\"BAD-5\",\"stream\":\"hotline\",\"caseId\":\"HL-BAD-5\",\"type\":\"RECEIVED\","
        + "\"eventTime\":\"2026-10-12 10:00\",\"region\":\"宜昌市\"}");
    out.add("{\"eventId\":\"BAD-6\",\"stream\":\"hotline\",\"caseId\":\"HL-BAD-6\",\"type\":\"VISITED\",\"eventTime\":\""
        + t + "\",\"region\":\"宜昌市/西陵区\",\"attrs\":{\"satisfaction\":\"GOOD\",\"callerPhone\":\"13712345678\"}}");
    out.add("{\"eventId\":\"BAD-7\",\"stream\":\"hotline\",\"caseId\":\"HL-BAD-7\",\"type\":\"RECEIVED\",\"eventTime\":\""
        + t + "\",\"region\":\"宜昌市/西陵区\",\"attrs\":{\"note\":\"" + "很长的备注".repeat(5000) + "\"}}");

    // the rest in time order, as a producer would write them
    List<Timed> timed = new ArrayList<>();
    // orphans: cases opened before the data starts
    timed.add(new Timed(early + HOUR, "{\"eventId\":\"HL-20260901-999001-4\",\"stream\":\"hotline\","
        + "\"caseId\":\"HL-20260901-999001\",\"type\":\"CLOSED\",\"eventTime\":\"" + EventJson.time(early + HOUR)
        + "\",\"region\":\"泸州市/江阳区/南城街道\",\"agency\":\"泸州市住房和城乡建设局\",\"attrs\":{\"resolved\":true}}"));
    timed.add(new Timed(early + 2 * HOUR, "{\"eventId\":\"MD-20260820-999002-2\",\"stream\":\"mediation\","
        + "\"caseId\":\"MD-20260820-999002\",\"type\":\"MEDIATED\",\"eventTime\":\"" + EventJson.time(early + 2 * HOUR)
        + "\",\"region\":\"巴中市/巴州区/东城街道\",\"agency\":\"巴州区司法局\",\"attrs\":{\"result\":\"SUCCESS\"}}"));

    // a producer retry of a real event
    SampleGenerator.Line retried;
    try (Stream<String> s = Files.lines(hotline, StandardCharsets.UTF_8)) {
      retried = s.skip(hotlineLines / 3).findFirst().map(BadInput::line).orElseThrow();
    }
    timed.add(new Timed(retried.time() + 5 * 60_000L, retried.json()));

    // contradictions: a second decision with another outcome; REOPENED on a case not closed
    first(enforcement, l -> l.json().contains("\"type\":\"DECIDED\"") && l.json().contains("\"decision\":\"PENALTY\"")
        && l.time() > early + 3 * HOUR).ifPresent(l ->
        timed.add(new Timed(l.time() + 60_000L, l.json().replace("\"decision\":\"PENALTY\"", "\"decision\":\"DISMISSED\"")
            .replaceFirst("\"eventId\":\"([^\"]+)\"", "\"eventId\":\"$1-again\"")
            .replaceFirst("\"eventTime\":\"[^\"]+\"", "\"eventTime\":\"" + EventJson.time(l.time() + 60_000L) + "\""))));
    first(hotline, l -> l.json().contains("\"type\":\"RECEIVED\"") && l.time() > early + 3 * HOUR).ifPresent(l -> {
      String id = field(l.json(), "caseId");
      timed.add(new Timed(l.time() + 60_000L, l.json().replace("\"type\":\"RECEIVED\"", "\"type\":\"REOPENED\"")
          .replace("\"eventId\":\"" + id + "-1\"", "\"eventId\":\"" + id + "-reopen\"")
          .replaceFirst("\"eventTime\":\"[^\"]+\"", "\"eventTime\":\"" + EventJson.time(l.time() + 60_000) + "\"")
          .replaceFirst(",\"attrs\":\\{.*\\}}$", ",\"attrs\":{}}")));
    });
    timed.sort(java.util.Comparator.comparingLong(Timed::time));
    for (Timed x : timed) {
      out.add(x.line());
    }

    // a visit later than the allowed lateness (2 h) and one inside it, each just after a newer one
    long anchor1 = endMillis - 30 * HOUR;
    out.add(visit("LATE-ANCHOR-1", anchor1, "SATISFIED"));
    out.add(visit("LATE-1", anchor1 - 10 * HOUR, "DISSATISFIED"));
    long anchor2 = endMillis - 10 * HOUR;
    out.add(visit("LATE-ANCHOR-2", anchor2, "SATISFIED"));
    out.add(visit("LATE-2", anchor2 - 90 * 60_000L, "DISSATISFIED"));

    // an event dated far ahead of everything else
    out.add("{\"eventId\":\"FUTURE-1\",\"stream\":\"hotline\",\"caseId\":\"HL-FUTURE-1\",\"type\":\"RECEIVED\","
        + "\"eventTime\":\"2027-09-01T10:00:00+08:00\",\"region\":\"秦皇岛市/海港区\",\"attrs\":{\"kind\":\"HELP\"}}");
    return out;
  }

  private record Timed(long time, String line) {}

  private static Optional<SampleGenerator.Line> first(Path file, Predicate<SampleGenerator.Line> which) throws IOException {
    try (Stream<String> s = Files.lines(file, StandardCharsets.UTF_8)) {
      return s.map(BadInput::line).filter(which).findFirst();
    }
  }

  private static SampleGenerator.Line line(String json) {
    return new SampleGenerator.Line(EventJson.parseTime(field(json, "eventTime")), json);
  }

  private static String visit(String id, long time, String satisfaction) {
    return "{\"eventId\":\"" + id + "\",\"stream\":\"hotline\",\"caseId\":\"HL-" + id + "\",\"type\":\"VISITED\","
        + "\"eventTime\":\"" + EventJson.time(time) + "\",\"region\":\"秦皇岛市/海港区/文化路街道\","
        + "\"agency\":\"秦皇岛市12345政务服务便民热线\",\"attrs\":{\"satisfaction\":\"" + satisfaction + "\"}}";
  }

  private static String field(String json, String name) {
    int k = json.indexOf("\"" + name + "\":\"");
    int s = k + name.length() + 4;
    return json.substring(s, json.indexOf('"', s));
  }
}
