package io.lawmonitor.dashboard;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.catalogue.Catalogue;
import io.lawmonitor.streams.Metric;
import io.lawmonitor.streams.StreamDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The Grafana dashboard shipped in {@code k8s/grafana/}: a row for each stream of the catalogue —
 * its rates for the chosen city and district, each under its Chinese name with its alert
 * threshold dashed beside it, their sample sizes, and its open and overdue cases — then the alerts
 * and the job's health, which are the same for every stream ({@code dashboard-base.json}).
 */
public final class GrafanaDashboard {
  private GrafanaDashboard() {}

  /** Where the project keeps it. */
  public static final String FILE = "k8s/grafana/rule-of-law-monitor.json";

  private static final String FIGURE = "lawmonitor_figure_";
  private static final String THRESHOLD = "lawmonitor_alert_threshold";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROW_HEIGHT = 8;

  /** The dashboard as the file holds it. */
  public static String text() {
    DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return JSON.writer(pretty).writeValueAsString(build()) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode build() {
    ObjectNode d;
    try (InputStream in = GrafanaDashboard.class.getResourceAsStream("dashboard-base.json")) {
      d = (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ArrayNode fixed = (ArrayNode) d.remove("panels");
    ArrayNode panels = d.putArray("panels");
    int[] id = {0};
    int y = 0;
    for (StreamDefinition s : Catalogue.all()) {
      List<Metric> rates = s.metrics().stream().filter(m -> m.kind() == Metric.Kind.RATE).toList();
      ObjectNode row = panels.addObject();
      row.put("id", ++id[0]).put("type", "row").put("title", s.labels().name() + "（$window）").put("collapsed", false);
      grid(row, 0, y, 24, 1);
      row.putArray("panels");
      y++;
      rates(panels.addObject(), ++id[0], s, rates, "city", "$city", 0, y, 7);
      rates(panels.addObject(), ++id[0], s, rates, "district", "$district", 7, y, 7);
      ObjectNode n = timeseries(panels.addObject(), ++id[0], s.labels().shortName() + " 样本量：$district", 14, y, 5, "short");
      ArrayNode t = n.putArray("targets");
      for (Metric m : rates) {
        target(t, "max(" + FIGURE + "denominator" + selector("district", "$district", m) + ")", m.labels().shortName());
      }
      ObjectNode open = timeseries(panels.addObject(), ++id[0], s.labels().shortName() + " 在办与超期：$district", 19, y, 5,
          "short");
      ArrayNode g = open.putArray("targets");
      for (Metric m : List.of(s.openCases(), s.overdueOpen())) {
        target(g, "max(" + FIGURE + "count" + selector("district", "$district", m) + ")", m.labels().shortName());
      }
      y += ROW_HEIGHT;
    }
    int shift = y - fixed.get(0).path("gridPos").path("y").asInt();
    for (JsonNode p : fixed) {
      ObjectNode c = ((ObjectNode) p).deepCopy();
      c.put("id", ++id[0]);
      ObjectNode pos = (ObjectNode) c.get("gridPos");
      pos.put("y", pos.get("y").asInt() + shift);
      panels.add(c);
    }
    return d;
  }

  /** A stream's rates in one place, each with the threshold of the rules that watch it, dashed. */
  private static void rates(ObjectNode p, int id, StreamDefinition s, List<Metric> rates, String level, String scope,
      int x, int y, int w) {
    timeseries(p, id, s.labels().shortName() + " 各项比率：" + scope, x, y, w, "percentunit");
    ObjectNode defaults = (ObjectNode) p.path("fieldConfig").path("defaults");
    defaults.put("min", 0).put("max", 1);
    ArrayNode t = p.putArray("targets");
    for (Metric m : rates) {
      target(t, "max(" + FIGURE + "ratio" + selector(level, scope, m) + ")", m.labels().shortName());
    }
    for (Metric m : rates) {
      target(t, "max(" + THRESHOLD + "{metric=\"" + m.id() + "\"})", "阈值 " + m.labels().shortName());
    }
    ObjectNode dashed = ((ArrayNode) p.path("fieldConfig").path("overrides")).addObject();
    dashed.putObject("matcher").put("id", "byRegexp").put("options", "阈值.*");
    ArrayNode props = dashed.putArray("properties");
    ObjectNode style = props.addObject().put("id", "custom.lineStyle").putObject("value").put("fill", "dash");
    style.putArray("dash").add(10).add(10);
    props.addObject().put("id", "custom.lineWidth").put("value", 1);
    p.put("description", "每个比率为最近一个已关闭窗口的数值；虚线为告警规则的触发阈值。");
  }

  private static String selector(String level, String scope, Metric m) {
    return "{scope_level=\"" + level + "\",scope=\"" + scope + "\",window=\"$window\",metric=\"" + m.id() + "\"}";
  }

  private static ObjectNode timeseries(ObjectNode p, int id, String title, int x, int y, int w, String unit) {
    p.put("id", id).put("type", "timeseries").put("title", title);
    datasource(p);
    grid(p, x, y, w, ROW_HEIGHT);
    ObjectNode f = p.putObject("fieldConfig");
    f.putObject("defaults").put("unit", unit);
    f.putArray("overrides");
    p.putObject("options");
    return p;
  }

  private static void target(ArrayNode targets, String expr, String legend) {
    ObjectNode t = targets.addObject();
    t.put("expr", expr).put("legendFormat", legend).put("refId", refId(targets.size() - 1));
    datasource(t);
  }

  private static String refId(int i) {
    return i < 26 ? String.valueOf((char) ('A' + i)) : "A" + (char) ('A' + i - 26);
  }

  private static void datasource(ObjectNode n) {
    n.putObject("datasource").put("type", "prometheus").put("uid", "${datasource}");
  }

  private static void grid(ObjectNode p, int x, int y, int w, int h) {
    p.putObject("gridPos").put("x", x).put("y", y).put("w", w).put("h", h);
  }
}
