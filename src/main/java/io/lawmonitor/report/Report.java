package io.lawmonitor.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.alerts.AlertRule;
import io.lawmonitor.alerts.AlertTimelines;
import io.lawmonitor.alerts.AlertTimelines.Episode;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.io.FileOutputs;
import io.lawmonitor.catalogue.Catalogue;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.streams.hotline.Hotline;
import io.lawmonitor.io.OutputJson;
import io.lawmonitor.io.OutputOrder;
import io.lawmonitor.streams.Metric;
import io.lawmonitor.metrics.MetricRecord;
import io.lawmonitor.metrics.WindowKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The analysts' report of a replay or a backtest: {@code report.html} (self-contained: the data,
 * the script and Apache ECharts inlined; SVG charts; nothing fetched) and {@code report.csv} (the
 * period's table, UTF-8 with a byte-order mark so that a spreadsheet reads the Chinese headings).
 *
 * <p>Figures come from the run's {@code metrics.jsonl}: each day's {@code day_to_date} figure at
 * the day's end (its newest revision) is the day's; a period's figure is the sum of its days'
 * numerators over the sum of their denominators (outcomes add up across days). Without
 * {@code day_to_date}, the {@code month} windows stand in for the days.
 */
public final class Report {
  static final ZoneId CST = ZoneId.of("Asia/Shanghai");
  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(CST);
  static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

  /** A column of the period table: its id in the data, its heading, its stream. */
  public record Column(String id, String label, String stream) {
    static Column of(Metric m) {
      return new Column(m.id(), m.label(), Catalogue.of(m.stream()).labels().name());
    }
  }

  /**
   * 办结率 as the annual reports print it: cases closed in the period (on time or not) over cases
   * received in it, from the counts hotline.closed_count and hotline.received_count. Not a rate of
   * outcomes (a period that clears an earlier backlog can close more than it receives), so the
   * report derives it and no rule watches it.
   */
  public static final Column CLOSURE_RATE = new Column("hotline.closure_rate", "12345办结率",
      Catalogue.of(StreamKind.HOTLINE).labels().name());

  /** The rate metrics of the period table: each stream's reported rates. */
  public static final List<Metric> TABLE = Catalogue.all().stream().flatMap(d -> d.reported().stream()).toList();

  /** The period table's columns, as the annual reports print them: 办结率, then the rates. */
  public static final List<Column> COLUMNS = java.util.stream.Stream.concat(java.util.stream.Stream.of(CLOSURE_RATE),
      TABLE.stream().map(Column::of)).toList();

  static final List<String> LEVELS = List.of("all", "city", "district");

  private Report() {}

  /** A figure over some time: numerator and denominator. */
  record Sum(long n, long d) {
    Sum plus(long n2, long d2) {
      return new Sum(n + n2, d + d2);
    }
  }

  /** What the report is made from. */
  public record Run(String label, Path dir, RuleSet rules) {}

  /**
   * Writes report.html and report.csv into {@code into}, from one run (a replay) or two (a
   * backtest: A's figures, both runs' alerts).
   */
  public static void write(Path into, String title, List<Run> runs) throws IOException {
    write(into, title, runs, io.lawmonitor.calendar.WorkCalendar.bundled());
  }

  /**
   * As {@link #write(Path, String, List)}, with the calendar the run counted working days by (how
   * late its late cases are), and {@code late-cases.csv}: the main run's 督办清单 of the period.
   */
  public static void write(Path into, String title, List<Run> runs, io.lawmonitor.calendar.WorkCalendar calendar)
      throws IOException {
    Run main = runs.get(0);
    // (metric, level, scope) -> day start -> the day's figure, newest revision at the day's last end
    Map<String, TreeMap<Long, MetricRecord>> days = daily(main.dir().resolve(FileOutputs.METRICS));
    Map<String, Sum> period = new TreeMap<>();
    days.forEach((k, byDay) -> {
      Sum s = new Sum(0, 0);
      for (MetricRecord m : byDay.values()) {
        s = s.plus(m.numerator(), m.denominator());
      }
      period.put(k, s);
    });
    writeCsv(into.resolve("report.csv"), period);
    List<List<Episode>> episodes = new ArrayList<>();
    for (Run r : runs) {
      episodes.add(AlertTimelines.episodes(OutputJson.readAlerts(r.dir().resolve(FileOutputs.ALERTS))));
    }
    ObjectNode data = data(title, runs, days, period, episodes);
    long periodEnd = periodEnd(main.dir());
    List<LateCases.Late> late = LateCases.of(main.dir(), new io.lawmonitor.calendar.Deadlines(calendar), periodEnd);
    LateCases.writeCsv(into.resolve(LateCases.CSV), late);
    data.set("late", LateCases.data(late, periodEnd));
    writeHtml(into.resolve("report.html"), title, data);
  }

  /** The run's last event time (its summary's inputEnd), or Long.MIN_VALUE. */
  static long periodEnd(Path runDir) throws IOException {
    Path s = runDir.resolve("summary.json");
    if (!Files.exists(s)) {
      return Long.MIN_VALUE;
    }
    com.fasterxml.jackson.databind.JsonNode end = new ObjectMapper().readTree(s.toFile()).get("inputEnd");
    return end == null || end.isNull() ? Long.MIN_VALUE
        : java.time.OffsetDateTime.parse(end.asText()).toInstant().toEpochMilli();
  }

  static String key(String metric, String level, String scope) {
    return metric + "|" + level + "|" + scope;
  }

  /** The daily figures of the table's metrics at the levels the report shows. */
  static Map<String, TreeMap<Long, MetricRecord>> daily(Path metrics) throws IOException {
    java.util.Set<String> wanted = new java.util.HashSet<>();
    TABLE.forEach(m -> wanted.add(m.id()));
    java.util.Set<String> counts = java.util.Set.of(Hotline.CLOSED_COUNT.id(), Hotline.RECEIVED_COUNT.id());
    Map<String, TreeMap<Long, MetricRecord>> byDay = new HashMap<>();
    Map<String, TreeMap<Long, MetricRecord>> byMonth = new HashMap<>();
    if (!Files.exists(metrics)) {
      return byDay;
    }
    // a run has millions of records and the report needs a few per scope and day: lines are
    // chosen on their bytes, and only the newest line of each window is decoded and read; a large
    // file is read in parts on every core, each part from a line's start to the next part's
    long size = Files.size(metrics);
    int parts = size < PART ? 1 : (int) Math.min(Runtime.getRuntime().availableProcessors(), size / PART);
    long[] starts = new long[parts + 1];
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(metrics)) {
      for (int i = 1; i < parts; i++) {
        starts[i] = lineStart(ch, size * i / parts);
      }
    }
    starts[parts] = size;
    List<Map<String, String>> found = java.util.stream.IntStream.range(0, parts).parallel()
        .mapToObj(i -> newest(metrics, starts[i], starts[i + 1], wanted, counts)).toList();
    Map<String, String> newest = new HashMap<>();
    for (Map<String, String> part : found) {
      part.forEach((k, line) -> newest.merge(k, line, Report::newer));
    }
    for (String line : newest.values()) {
      MetricRecord m = OutputJson.readMetric(line);
      if (m == null || !LEVELS.contains(m.scopeLevel())) {
        continue;
      }
      if (counts.contains(m.metric())) {
        // 办结率's day: closed over received, either of them 0 when the day saw none
        boolean closed = m.metric().equals(Hotline.CLOSED_COUNT.id());
        m = new MetricRecord(CLOSURE_RATE.id(), m.window(), m.windowStart(), m.windowEnd(), m.scopeLevel(), m.scope(),
            closed ? (long) m.value() : 0L, closed ? 0L : (long) m.value(), 0, null, null, 0, m.mode());
      } else if (!wanted.contains(m.metric()) || m.denominator() == null) {
        continue;
      }
      Map<String, TreeMap<Long, MetricRecord>> into = m.window().equals(WindowKind.DAY_TO_DATE.wireName()) ? byDay : byMonth;
      into.computeIfAbsent(key(m.metric(), m.scopeLevel(), m.scope()), k -> new TreeMap<>()).merge(m.windowStart(), m,
          (a, b) -> new MetricRecord(a.metric(), a.window(), a.windowStart(), a.windowEnd(), a.scopeLevel(), a.scope(),
              a.numerator() + b.numerator(), a.denominator() + b.denominator(), 0, null, null, 0, a.mode()));
    }
    return byDay.isEmpty() ? byMonth : byDay;
  }

  /** A metrics file is read in parts of at least this many bytes. */
  private static final long PART = 64L << 20;

  /** The offset of the first line that starts at or after {@code at}. */
  private static long lineStart(java.nio.channels.FileChannel ch, long at) throws IOException {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 << 16);
    long pos = at - 1;
    while (true) {
      b.clear();
      int got = ch.read(b, pos);
      if (got <= 0) {
        return ch.size();
      }
      for (int i = 0; i < got; i++) {
        if (b.get(i) == '\n') {
          return pos + i + 1;
        }
      }
      pos += got;
    }
  }

  /** The newest line of each window the report reads, among the lines in [from, to) of the file. */
  private static Map<String, String> newest(Path metrics, long from, long to, java.util.Set<String> wanted,
      java.util.Set<String> counts) {
    Map<String, String> newest = new HashMap<>();
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(metrics)) {
      byte[] buf = new byte[1 << 20];
      int len = 0;
      long pos = from;
      boolean eof = false;
      while (!eof) {
        if (len == buf.length) {
          buf = java.util.Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
        }
        int got = ch.read(java.nio.ByteBuffer.wrap(buf, len, (int) Math.min(buf.length - len, to - pos)), pos);
        eof = got <= 0 || pos + got >= to;
        pos += Math.max(got, 0);
        len += Math.max(got, 0);
        int start = 0;
        for (int nl = indexOf(buf, (byte) '\n', 0, len); nl >= 0 || (eof && start < len);
            nl = indexOf(buf, (byte) '\n', start, len)) {
          int end = nl < 0 ? len : nl;
          if (read(buf, start, end, wanted, counts)) {
            String line = new String(buf, start, end - start, StandardCharsets.UTF_8);
            String key = OutputOrder.field(line, "metric") + '|' + OutputOrder.field(line, "window") + '|'
                + OutputOrder.field(line, "scopeLevel") + '|' + OutputOrder.field(line, "scope") + '|'
                + OutputOrder.field(line, "windowStart");
            newest.merge(key, line, Report::newer);
          }
          start = end + 1;
        }
        start = Math.min(start, len);
        System.arraycopy(buf, start, buf, 0, len - start);
        len -= start;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return newest;
  }

  private static final byte[] DAY_TO_DATE = "\"window\":\"day_to_date\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MONTH = "\"window\":\"month\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] STREET = "\"scopeLevel\":\"street\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AGENCY = "\"scopeLevel\":\"agency\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] METRIC_FIELD = "{\"metric\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] WINDOW_FIELD = "\",\"window\":\"".getBytes(StandardCharsets.US_ASCII);
  /** From the window's name to the scope level's: the two times between are of fixed length. */
  private static final int TO_LEVEL = "\",\"windowStart\":\"".length() + EventJson.TIME_LENGTH
      + "\",\"windowEnd\":\"".length() + EventJson.TIME_LENGTH + "\",\"scopeLevel\":\"".length();

  /**
   * Whether the report reads a metrics.jsonl line: a table metric's or a count's, of a day_to_date
   * or month window, at a level the report shows. Judged on the line's first bytes, in the order
   * {@link OutputJson#metric} writes them; a line in another shape is searched whole.
   */
  private static boolean read(byte[] b, int start, int end, java.util.Set<String> rates, java.util.Set<String> counts) {
    int m = start + METRIC_FIELD.length;
    if (!startsWith(b, start, end, METRIC_FIELD)) {
      return searched(b, start, end);
    }
    int q = indexOf(b, (byte) '"', m, end);
    if (q < 0 || !startsWith(b, q, end, WINDOW_FIELD)) {
      return searched(b, start, end);
    }
    String metric = new String(b, m, q - m, StandardCharsets.ISO_8859_1);
    if (!rates.contains(metric) && !counts.contains(metric)) {
      return false;
    }
    int w = q + WINDOW_FIELD.length;
    int wq = indexOf(b, (byte) '"', w, end);
    if (wq < 0 || wq + TO_LEVEL + 6 > end) {
      return searched(b, start, end);
    }
    if (!equals(b, w, wq, "day_to_date") && !equals(b, w, wq, "month")) {
      return false;
    }
    int l = wq + TO_LEVEL;
    if (b[l - 1] != '"' || b[l - 2] != ':') {
      return searched(b, start, end);
    }
    return !startsWith(b, l, end, STREET_NAME) && !startsWith(b, l, end, AGENCY_NAME);
  }

  private static final byte[] STREET_NAME = "street\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AGENCY_NAME = "agency\"".getBytes(StandardCharsets.US_ASCII);

  private static boolean searched(byte[] buf, int start, int end) {
    return (contains(buf, start, end, DAY_TO_DATE) || contains(buf, start, end, MONTH))
        && !contains(buf, start, end, STREET) && !contains(buf, start, end, AGENCY);
  }

  private static boolean startsWith(byte[] b, int at, int end, byte[] p) {
    if (at + p.length > end) {
      return false;
    }
    for (int k = 0; k < p.length; k++) {
      if (b[at + k] != p[k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean equals(byte[] b, int from, int to, String ascii) {
    if (to - from != ascii.length()) {
      return false;
    }
    for (int k = 0; k < ascii.length(); k++) {
      if (b[from + k] != ascii.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Of two lines for one window, the figure at its later end, or the newer revision at the same end. */
  private static String newer(String a, String b) {
    int c = OutputOrder.field(a, "windowEnd").compareTo(OutputOrder.field(b, "windowEnd"));
    if (c != 0) {
      return c > 0 ? a : b;
    }
    return revision(a) >= revision(b) ? a : b;
  }

  private static int revision(String line) {
    int k = line.indexOf("\"revision\":");
    int v = 0;
    for (int i = k + 11; k >= 0 && i < line.length() && Character.isDigit(line.charAt(i)); i++) {
      v = v * 10 + (line.charAt(i) - '0');
    }
    return v;
  }

  private static int indexOf(byte[] b, byte x, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }

  private static boolean contains(byte[] b, int from, int to, byte[] p) {
    outer:
    for (int i = from; i <= to - p.length; i++) {
      if (b[i] != p[0]) {
        continue;
      }
      for (int k = 1; k < p.length; k++) {
        if (b[i + k] != p[k]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** The places of the table: all, then each city followed by its districts. */
  static List<String[]> places(Map<String, Sum> period) {
    TreeSet<String> cities = new TreeSet<>();
    TreeSet<String> districts = new TreeSet<>();
    for (String k : period.keySet()) {
      String[] p = k.split("\\|", 3);
      if (p[1].equals("city")) {
        cities.add(p[2]);
      } else if (p[1].equals("district")) {
        districts.add(p[2]);
      }
    }
    List<String[]> out = new ArrayList<>();
    out.add(new String[] {"all", "all"});
    for (String c : cities) {
      out.add(new String[] {"city", c});
      for (String d : districts) {
        if (d.startsWith(c + "/")) {
          out.add(new String[] {"district", d});
        }
      }
    }
    return out;
  }

  static String placeName(String level, String scope) {
    return level.equals("all") ? "全部" : scope;
  }

  /** The columns of the streams the run has figures for: a city that feeds no suits gets no empty 行政应诉 columns. */
  static List<Column> columns(Map<String, Sum> period) {
    java.util.Set<String> streams = new java.util.HashSet<>();
    for (String k : period.keySet()) {
      StreamKind s = StreamKind.fromWire(k.substring(0, k.indexOf('.')));
      if (s != null) {
        streams.add(Catalogue.of(s).labels().name());
      }
    }
    return COLUMNS.stream().filter(c -> streams.contains(c.stream())).toList();
  }

  static void writeCsv(Path file, Map<String, Sum> period) throws IOException {
    List<Column> columns = columns(period);
    StringBuilder b = new StringBuilder("\uFEFF");
    b.append("范围层级,范围");
    for (Column m : columns) {
      b.append(',').append(m.label()).append(',').append(m.label()).append("分子,").append(m.label()).append("分母");
    }
    b.append("\r\n");
    for (String[] p : places(period)) {
      b.append(p[0]).append(',').append(csv(placeName(p[0], p[1])));
      for (Column m : columns) {
        Sum s = period.get(key(m.id(), p[0], p[1]));
        if (s == null || s.d() == 0) {
          b.append(",,,");
        } else {
          b.append(',').append(percent(s)).append(',').append(s.n()).append(',').append(s.d());
        }
      }
      b.append("\r\n");
    }
    Files.writeString(file, b, StandardCharsets.UTF_8);
  }

  static String percent(Sum s) {
    return String.format(Locale.ROOT, "%.1f%%", s.n() * 100.0 / s.d());
  }

  static String csv(String v) {
    return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

  static ObjectNode data(String title, List<Run> runs, Map<String, TreeMap<Long, MetricRecord>> days,
      Map<String, Sum> period, List<List<Episode>> episodes) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("title", title);
    TreeSet<Long> allDays = new TreeSet<>();
    days.values().forEach(t -> allDays.addAll(t.keySet()));
    root.put("from", allDays.isEmpty() ? "" : DAY.format(Instant.ofEpochMilli(allDays.first())));
    root.put("to", allDays.isEmpty() ? "" : DAY.format(Instant.ofEpochMilli(allDays.last())));
    if (!allDays.isEmpty()) {
      root.put("fromMs", allDays.first());
      root.put("toMs", allDays.last());
    }
    ArrayNode metrics = root.putArray("metrics");
    List<Column> columns = columns(period);
    for (Column m : columns) {
      ObjectNode n = metrics.addObject().put("id", m.id()).put("label", m.label()).put("stream", m.stream());
      if (m == CLOSURE_RATE) {
        n.put("cumulative", true); // a day's closings over its receipts says little: the period so far does
      }
      AlertRule r = threshold(runs.get(0).rules(), m.id());
      if (r != null) {
        n.put("threshold", r.fireThreshold()).put("below", r.below()).put("rule", r.id());
      }
    }
    ArrayNode places = root.putArray("places");
    for (String[] p : places(period)) {
      ObjectNode place = places.addObject().put("level", p[0]).put("scope", p[1]).put("name", placeName(p[0], p[1]));
      ObjectNode table = place.putObject("period");
      ObjectNode series = place.putObject("days");
      for (Column m : columns) {
        String k = key(m.id(), p[0], p[1]);
        Sum s = period.get(k);
        if (s != null && s.d() > 0) {
          table.putArray(m.id()).add(s.n()).add(s.d());
        }
        TreeMap<Long, MetricRecord> t = days.get(k);
        if (t != null) {
          ArrayNode a = series.putArray(m.id());
          long[] sum = {0, 0};
          t.forEach((day, rec) -> {
            boolean cumulative = m == CLOSURE_RATE;
            sum[0] = cumulative ? sum[0] + rec.numerator() : rec.numerator();
            sum[1] = cumulative ? sum[1] + rec.denominator() : rec.denominator();
            if (sum[1] > 0) {
              a.addArray().add(day).add(sum[0]).add(sum[1]);
            }
          });
        }
      }
    }
    ArrayNode runsNode = root.putArray("runs");
    for (int i = 0; i < runs.size(); i++) {
      ObjectNode r = runsNode.addObject().put("label", runs.get(i).label());
      ArrayNode eps = r.putArray("alerts");
      for (Episode e : episodes.get(i)) {
        ObjectNode x = eps.addObject().put("rule", e.rule()).put("metric", e.metric()).put("window", e.window())
            .put("scopeLevel", e.scopeLevel()).put("scope", e.scope()).put("severity", e.severity())
            .put("firing", e.firing());
        if (e.resolved() == Long.MAX_VALUE) {
          x.putNull("resolved");
        } else {
          x.put("resolved", e.resolved());
        }
      }
    }
    return root;
  }

  /** The rule a metric's chart draws its threshold from: the first on that metric, city-wide if there is one. */
  static AlertRule threshold(RuleSet rules, String metric) {
    AlertRule any = null;
    for (AlertRule r : rules.rules()) {
      if (r.metric().equals(metric)) {
        if (r.scopeLevel().equals("all")) {
          return r;
        }
        if (any == null) {
          any = r;
        }
      }
    }
    return any;
  }

  static void writeHtml(Path file, String title, ObjectNode data) throws IOException {
    String page = resource("report/report.html");
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put("/*TITLE*/", escapeHtml(title));
    parts.put("/*CSS*/", resource("report/report.css"));
    parts.put("/*ECHARTS*/", resource(ECHARTS).replace("</script", "<\\/script"));
    // JSON in a script element: nothing in it may close the element
    parts.put("/*DATA*/", new ObjectMapper().writeValueAsString(data).replace("</", "<\\/"));
    parts.put("/*SCRIPT*/", resource("report/report.js"));
    // each placeholder of the template replaced once, where it is: never one inside what was put in
    StringBuilder b = new StringBuilder();
    int at = 0;
    while (true) {
      int next = -1;
      String which = null;
      for (String k : parts.keySet()) {
        int i = page.indexOf(k, at);
        if (i >= 0 && (next < 0 || i < next)) {
          next = i;
          which = k;
        }
      }
      if (which == null) {
        break;
      }
      b.append(page, at, next).append(parts.remove(which));
      at = next + which.length();
    }
    b.append(page.substring(at));
    if (!parts.isEmpty()) {
      throw new IllegalStateException("the report template has no " + parts.keySet());
    }
    page = b.toString();
    Files.writeString(file, page, StandardCharsets.UTF_8);
  }

  static String escapeHtml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static String resource(String name) {
    try (InputStream in = Report.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing from the jar: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
