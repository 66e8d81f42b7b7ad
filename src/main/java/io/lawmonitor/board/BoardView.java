package io.lawmonitor.board;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.alerts.AlertRule;
import io.lawmonitor.calendar.Deadlines;
import io.lawmonitor.catalogue.Catalogue;
import io.lawmonitor.catalogue.WatchText;
import io.lawmonitor.lifecycle.CaseList;
import io.lawmonitor.lifecycle.CaseWatch;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.io.LiveBoard;
import io.lawmonitor.metrics.MetricRecord;
import io.lawmonitor.metrics.Scopes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the wallboard shows for one place and window, as JSON: the headline rates of each stream
 * with sample size, Wilson interval, threshold and a 48-hour sparkline; the places one level
 * down; open and overdue cases; the firing alerts and the last resolves; how fresh it all is.
 */
public final class BoardView {
  static final ObjectMapper JSON = new ObjectMapper();
  /** With no new figure for this long, the screen says the data has stopped. */
  static final long STALE_MILLIS = 120_000;

  /** A headline rate: metric id and its short Chinese name. */
  record Headline(String metric, String name) {}

  /** A stream: its names, its headline rates, its open and overdue gauges. */
  record Stream(String id, String name, String shortName, List<Headline> rates, String open, String overdue) {}

  /** Every stream of the catalogue, with its headline rates. */
  static final List<Stream> STREAMS = Catalogue.all().stream()
      .map(d -> new Stream(d.kind().wireName(), d.labels().name(), d.labels().shortName(),
          d.headlines().stream().map(m -> new Headline(m.id(), m.labels().shortName())).toList(),
          d.openCases().id(), d.overdueOpen().id()))
      .toList();

  private BoardView() {}

  /** The view of one place: level all/city/district/street/agency, scope as in the metric records. */
  public static ObjectNode of(LiveBoard b, String window, String level, String scope, long now) {
    ObjectNode v = JSON.createObjectNode();
    v.put("window", window);
    v.put("level", level);
    v.put("scope", scope);
    v.put("name", name(level, scope));
    v.set("path", path(level, scope));
    Map<String, AlertRecord> firing = firing(b.alerts());
    long reached = b.reached();

    ArrayNode streams = v.putArray("streams");
    for (Stream s : STREAMS) {
      ObjectNode sn = streams.addObject();
      sn.put("id", s.id());
      sn.put("name", s.name());
      sn.put("short", s.shortName());
      ArrayNode tiles = sn.putArray("tiles");
      for (Headline h : s.rates()) {
        ObjectNode t = tiles.addObject();
        t.put("metric", h.metric());
        t.put("name", h.name());
        fill(t, b, b.latest(h.metric(), window, level, scope), h.metric(), window, level, scope, firing);
        ArrayNode spark = t.putArray("spark");
        for (double[] p : b.history(h.metric(), level, scope)) {
          spark.addArray().add((long) p[0]).add(p[1]);
        }
      }
      putGauge(sn, "open", b.latest(s.open(), window, level, scope));
      putGauge(sn, "overdue", b.latest(s.overdue(), window, level, scope));
    }

    String childLevel = switch (level) {
      case Scopes.ALL -> Scopes.CITY;
      case Scopes.CITY -> Scopes.DISTRICT;
      case Scopes.DISTRICT -> Scopes.STREET;
      default -> null;
    };
    ArrayNode children = v.putArray("children");
    ArrayNode agencies = v.putArray("agencies");
    TreeSet<String> childScopes = new TreeSet<>();
    TreeSet<String> agencyScopes = new TreeSet<>();
    for (MetricRecord m : b.latestAll()) {
      if (!m.window().equals(window)) {
        continue;
      }
      if (childLevel != null && m.scopeLevel().equals(childLevel)
          && (level.equals(Scopes.ALL) || m.scope().startsWith(scope + "/"))) {
        childScopes.add(m.scope());
      }
      if (m.scopeLevel().equals(Scopes.AGENCY) && (level.equals(Scopes.ALL)
          || (level.equals(Scopes.CITY) && m.scope().startsWith(scope)))) {
        agencyScopes.add(m.scope());
      }
    }
    for (String c : childScopes) {
      children.add(row(b, window, childLevel, c, firing));
    }
    for (String a : agencyScopes) {
      agencies.add(row(b, window, Scopes.AGENCY, a, firing));
    }

    ArrayNode fa = v.putArray("firing");
    List<AlertRecord> open = new ArrayList<>(firing.values());
    open.sort(Comparator.comparingLong(AlertRecord::activeSince).reversed().thenComparing(AlertRecord::fingerprint));
    for (AlertRecord a : open) {
      ObjectNode n = alert(a);
      n.put("for", duration(Math.max(0, Math.max(reached, a.at()) - a.activeSince())));
      fa.add(n);
    }
    ArrayNode ra = v.putArray("resolved");
    List<AlertRecord> all = b.alerts();
    for (int i = all.size() - 1; i >= 0 && ra.size() < 8; i--) {
      AlertRecord a = all.get(i);
      if (a.state().equals("RESOLVED")) {
        ra.add(alert(a));
      }
    }

    v.set("watch", watch(b, level, scope, reached));

    ObjectNode f = v.putObject("fresh");
    if (reached != Long.MIN_VALUE) {
      f.put("reached", EventJson.time(reached));
      f.put("lagSeconds", Math.max(0, (now - reached) / 1000));
    }
    long quiet = now - b.reachedChangedAt();
    f.put("quietSeconds", quiet / 1000);
    f.put("stale", quiet > STALE_MILLIS);
    if (b.eventsRead() >= 0) {
      f.put("eventsRead", b.eventsRead());
    }
    if (!Double.isNaN(b.eventsPerSecond())) {
      f.put("eventsPerSecond", Math.round(b.eventsPerSecond()));
    }
    f.put("version", b.version());
    return v;
  }

  /** The 督办清单 entries a screen shows: the top of the list of the place, and every agency's counts. */
  static final int WATCH_TOP = 30;
  static final int WATCH_AGENCIES = 12;

  /** The 督办清单 of one place: red and yellow counts, the agencies holding most, the most overdue cases. */
  static ObjectNode watch(LiveBoard b, String level, String scope, long reached) {
    java.util.function.Predicate<CaseWatch> in = switch (level) {
      case Scopes.ALL -> w -> true;
      case Scopes.AGENCY -> w -> scope.equals(w.agency());
      default -> w -> w.region() != null && (w.region().equals(scope) || w.region().startsWith(scope + "/"));
    };
    CaseList.View view = b.cases().view(in, WATCH_TOP);
    Deadlines deadlines = b.calendar() == null ? null : new Deadlines(b.calendar());
    ObjectNode n = JSON.createObjectNode();
    n.put("overdue", view.overdue());
    n.put("dueSoon", view.dueSoon());
    ArrayNode agencies = n.putArray("agencies");
    for (CaseList.AgencyCount a : view.agencies()) {
      if (agencies.size() >= WATCH_AGENCIES) {
        break;
      }
      agencies.addObject().put("agency", a.agency()).put("overdue", a.overdue()).put("dueSoon", a.dueSoon());
    }
    n.put("moreAgencies", Math.max(0, view.agencies().size() - WATCH_AGENCIES));
    ArrayNode cases = n.putArray("cases");
    for (CaseWatch w : view.top()) {
      int behind = WatchText.behindAt(w, deadlines, reached);
      cases.addObject()
          .put("caseId", w.caseId())
          .put("what", WatchText.what(w))
          .put("agency", w.agency())
          .put("region", w.region())
          .put("state", w.state().name())
          .put("deadline", WatchText.deadline(w.deadline()))
          .put("behind", behind)
          .put("distance", WatchText.distance(behind, w.unit()));
    }
    return n;
  }

  private static ObjectNode row(LiveBoard b, String window, String level, String scope, Map<String, AlertRecord> firing) {
    ObjectNode r = JSON.createObjectNode();
    r.put("level", level);
    r.put("scope", scope);
    r.put("name", name(level, scope));
    ObjectNode cells = r.putObject("cells");
    long open = 0;
    long overdue = 0;
    for (Stream s : STREAMS) {
      for (Headline h : s.rates()) {
        MetricRecord m = b.latest(h.metric(), window, level, scope);
        if (m != null) {
          fill(cells.putObject(h.metric()), b, m, h.metric(), window, level, scope, firing);
        }
      }
      MetricRecord o = b.latest(s.open(), window, level, scope);
      MetricRecord d = b.latest(s.overdue(), window, level, scope);
      open += o == null ? 0 : (long) o.value();
      overdue += d == null ? 0 : (long) d.value();
    }
    r.put("open", open);
    r.put("overdue", overdue);
    return r;
  }

  /** A figure with its threshold and its standing: firing, breach, watch, ok, or none. */
  private static void fill(ObjectNode t, LiveBoard b, MetricRecord m, String metric, String window, String level,
      String scope, Map<String, AlertRecord> firing) {
    AlertRule rule = ruleFor(b.rules(), metric, window, level);
    if (rule != null) {
      t.put("threshold", rule.fireThreshold());
      t.put("clear", rule.clearThreshold());
      t.put("below", rule.below());
    }
    if (m == null) {
      t.put("status", "none");
      return;
    }
    t.put("value", m.value());
    t.put("numerator", m.numerator());
    t.put("n", m.denominator());
    if (m.wilsonLow() != null) {
      t.put("low", m.wilsonLow());
      t.put("high", m.wilsonHigh());
    }
    t.put("windowEnd", EventJson.time(m.windowEnd()));
    boolean isFiring = firing.values().stream().anyMatch(a -> a.metric().equals(metric) && a.window().equals(window)
        && a.scopeLevel().equals(level) && a.scope().equals(scope));
    String status;
    if (isFiring) {
      status = "firing";
    } else if (rule == null) {
      status = "none";
    } else if (rule.below() ? m.value() < rule.fireThreshold() : m.value() > rule.fireThreshold()) {
      status = "breach";
    } else if (rule.below() ? m.value() < rule.clearThreshold() : m.value() > rule.clearThreshold()) {
      status = "watch";
    } else {
      status = "ok";
    }
    t.put("status", status);
  }

  /** The rule that judges this figure: for its own level first, else any level of the metric and window. */
  static AlertRule ruleFor(List<AlertRule> rules, String metric, String window, String level) {
    AlertRule any = null;
    for (AlertRule r : rules) {
      if (r.metric().equals(metric) && r.window().equals(window)) {
        if (r.scopeLevel().equals(level)) {
          return r;
        }
        if (any == null) {
          any = r;
        }
      }
    }
    return any;
  }

  /** The alerts now firing, by fingerprint: those whose last transition is FIRING. */
  static Map<String, AlertRecord> firing(List<AlertRecord> alerts) {
    Map<String, AlertRecord> last = new LinkedHashMap<>();
    for (AlertRecord a : alerts) {
      AlertRecord before = last.get(a.fingerprint());
      if (before == null || a.at() >= before.at()) {
        last.put(a.fingerprint(), a);
      }
    }
    Map<String, AlertRecord> out = new HashMap<>();
    last.forEach((k, a) -> {
      if (a.state().equals("FIRING")) {
        out.put(k, a);
      }
    });
    return out;
  }

  private static ObjectNode alert(AlertRecord a) {
    ObjectNode n = JSON.createObjectNode();
    n.put("fingerprint", a.fingerprint());
    n.put("rule", a.rule());
    n.put("state", a.state());
    n.put("severity", a.severity());
    n.put("summary", a.summary());
    n.put("scopeLevel", a.scopeLevel());
    n.put("scope", a.scope());
    n.put("since", EventJson.time(a.activeSince()));
    n.put("at", EventJson.time(a.at()));
    return n;
  }

  private static void putGauge(ObjectNode n, String field, MetricRecord m) {
    if (m != null) {
      n.put(field, (long) m.value());
    }
  }

  private static ArrayNode path(String level, String scope) {
    ArrayNode p = JSON.createArrayNode();
    p.addObject().put("level", Scopes.ALL).put("scope", "all").put("name", "全部地区");
    if (level.equals(Scopes.AGENCY)) {
      p.addObject().put("level", level).put("scope", scope).put("name", scope);
      return p;
    }
    if (level.equals(Scopes.ALL)) {
      return p;
    }
    String[] parts = scope.split("/");
    String[] levels = {Scopes.CITY, Scopes.DISTRICT, Scopes.STREET};
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < parts.length && i < levels.length; i++) {
      if (i > 0) {
        prefix.append('/');
      }
      prefix.append(parts[i]);
      p.addObject().put("level", levels[i]).put("scope", prefix.toString()).put("name", parts[i]);
    }
    return p;
  }

  static String name(String level, String scope) {
    if (level.equals(Scopes.ALL)) {
      return "全部地区";
    }
    int slash = scope.lastIndexOf('/');
    return slash < 0 ? scope : scope.substring(slash + 1);
  }

  /** 3天2小时, 5小时12分, 40分. */
  static String duration(long millis) {
    long minutes = millis / 60_000;
    long days = minutes / 1440;
    long hours = minutes % 1440 / 60;
    long mins = minutes % 60;
    if (days > 0) {
      return days + "天" + hours + "小时";
    }
    if (hours > 0) {
      return hours + "小时" + mins + "分";
    }
    return mins + "分";
  }
}
