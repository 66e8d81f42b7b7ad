package io.lawmonitor.alerts;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.lawmonitor.support.YamlBinding;
import io.lawmonitor.support.Placeholders;
import io.lawmonitor.streams.Metric;
import io.lawmonitor.metrics.Scopes;
import io.lawmonitor.metrics.WindowKind;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The alert rules and their subscribers, read from YAML and validated whole: a rule set that
 * does not validate is refused with an error that names the rule and the field.
 */
public final class RuleSet implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

  private final List<AlertRule> rules;
  private final List<CaseWatchRule> caseWatch;
  private final Map<String, Subscriber> subscribers;
  /** The YAML it was read from (what a running job keeps in its checkpoints), or null. */
  private final String yaml;

  public RuleSet(List<AlertRule> rules, Map<String, Subscriber> subscribers) {
    this(rules, List.of(), subscribers, null);
  }

  public RuleSet(List<AlertRule> rules, List<CaseWatchRule> caseWatch, Map<String, Subscriber> subscribers) {
    this(rules, caseWatch, subscribers, null);
  }

  private RuleSet(List<AlertRule> rules, List<CaseWatchRule> caseWatch, Map<String, Subscriber> subscribers, String yaml) {
    this.rules = List.copyOf(rules);
    this.caseWatch = List.copyOf(caseWatch);
    this.subscribers = Map.copyOf(subscribers);
    this.yaml = yaml;
  }

  public String yaml() {
    return yaml;
  }

  public static RuleSet empty() {
    return new RuleSet(List.of(), Map.of());
  }

  public List<AlertRule> rules() {
    return rules;
  }

  /** The 督办清单's rules: digests per agency, and messages on cases becoming overdue. */
  public List<CaseWatchRule> caseWatch() {
    return caseWatch;
  }

  public Map<String, Subscriber> subscribers() {
    return subscribers;
  }

  public AlertRule rule(String id) {
    for (AlertRule r : rules) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    return null;
  }

  /** Thrown for a rule file that does not validate; the message names the rule and field. */
  public static final class InvalidRules extends IllegalArgumentException {
    public InvalidRules(String message) {
      super(message);
    }
  }

  public static RuleSet load(Path file, Collection<String> windows) {
    return load(file, windows, System::getenv);
  }

  public static RuleSet load(Path file, Collection<String> windows, Function<String, String> env) {
    try {
      return parse(Files.readString(file), windows, file.toString(), env);
    } catch (IOException e) {
      throw new InvalidRules(file + ": cannot read: " + e.getMessage());
    }
  }

  public static RuleSet parse(String yaml, Collection<String> windows, String where) {
    return parse(yaml, windows, where, System::getenv);
  }

  /** The file's shape, bound by Jackson: an unknown field or a value of the wrong type is an error naming it. */
  record File(List<RuleKeys> rules, List<CaseWatchKeys> caseWatch, LinkedHashMap<String, SubscriberKeys> subscribers) {}

  record CaseWatchKeys(String id, String digest,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> overdue,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> streams,
      @JsonProperty("notify") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> notifyTo,
      LinkedHashMap<String, List<String>> agencies, String description) {}

  record RuleKeys(String id, String metric, String window, String scopeLevel, String fireWhen, String clearWhen,
      Long minSample, Double confidence, @JsonProperty("for") Integer forWindows, String severity,
      @JsonProperty("notify") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> notifyTo,
      String description) {}

  record SubscriberKeys(String type, String url, List<String> urls, LinkedHashMap<String, String> headers,
      String secret, Integer perMinute) {}

  /** @param env where {@code ${VAR}} in a subscriber's url, headers and secret is looked up */
  public static RuleSet parse(String yaml, Collection<String> windows, String where, Function<String, String> env) {
    JsonNode root;
    try {
      root = YamlBinding.MAPPER.readTree(yaml);
    } catch (IOException e) {
      throw new InvalidRules(YamlBinding.explain(e, where, "field"));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return empty();
    }
    if (!root.isObject()) {
      throw new InvalidRules(where + ": expected a map with 'rules' and 'subscribers'");
    }
    File file;
    try {
      file = YamlBinding.MAPPER.treeToValue(root, File.class);
    } catch (JsonMappingException e) {
      throw new InvalidRules(where + ": " + place(e, root));
    } catch (IOException e) {
      throw new InvalidRules(YamlBinding.explain(e, where, "field"));
    }
    Map<String, Subscriber> subs = new LinkedHashMap<>();
    if (file.subscribers() != null) {
      file.subscribers().forEach((name, sub) -> subs.put(name, subscriber(name, sub, env, where)));
    }
    List<AlertRule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int index = 0;
    for (RuleKeys r : file.rules() == null ? List.<RuleKeys>of() : file.rules()) {
      index++;
      if (r == null) {
        throw new InvalidRules(where + ": rule #" + index + " is not a map");
      }
      String id = r.id() == null ? "" : r.id();
      String name = id.isEmpty() ? "#" + index : "'" + id + "'";
      Fail fail = (field, msg) -> new InvalidRules(where + ": rule " + name + ": field '" + field + "': " + msg);
      if (id.isEmpty()) {
        throw fail.at("id", "missing");
      }
      if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
        throw fail.at("id", "use letters, digits, '.', '_' and '-'");
      }
      if (!ids.add(id)) {
        throw fail.at("id", "another rule has the same id");
      }
      String metricId = r.metric() == null ? "" : r.metric();
      Metric metric = io.lawmonitor.catalogue.Catalogue.metric(metricId);
      if (metric == null) {
        throw fail.at("metric", metricId.isEmpty() ? "missing" : "'" + metricId + "' is not a metric");
      }
      String window = r.window() == null ? "sliding_24h" : r.window();
      if (WindowKind.fromWire(window) == null) {
        throw fail.at("window", "'" + window + "' is not a window (sliding_24h, day_to_date, month, year)");
      }
      if (windows != null && !windows.contains(window)) {
        throw fail.at("window", "'" + window + "' is not computed by this job (windows: " + String.join(", ", windows) + ")");
      }
      String level = r.scopeLevel() == null ? "" : r.scopeLevel();
      if (!Scopes.isLevel(level)) {
        throw fail.at("scopeLevel", (level.isEmpty() ? "missing" : "'" + level + "' is not a level")
            + " (city, district, street, agency, all)");
      }
      String[] fire = condition(r.fireWhen(), "fireWhen", fail, true);
      boolean below = fire[0].equals("below");
      double fireAt = Double.parseDouble(fire[1]);
      boolean rate = metric.kind() == Metric.Kind.RATE;
      if (rate && (fireAt < 0 || fireAt > 1)) {
        throw fail.at("fireWhen", "a rate threshold lies between 0 and 1 (0.95 = 95%)");
      }
      double clearAt = fireAt;
      if (r.clearWhen() != null) {
        String[] clear = condition(r.clearWhen(), "clearWhen", fail, false);
        if (clear[0].equals(fire[0])) {
          throw fail.at("clearWhen", "must point the other way from fireWhen (" + fire[0] + " fires, so clear with "
              + (below ? "above" : "below") + ")");
        }
        clearAt = Double.parseDouble(clear[1]);
        if (below ? clearAt < fireAt : clearAt > fireAt) {
          throw fail.at("clearWhen", "must be on the recovered side of fireWhen (hysteresis), not past it");
        }
      }
      long minSample = r.minSample() == null ? 0 : r.minSample();
      if (minSample < 0) {
        throw fail.at("minSample", "a whole number, 0 or more");
      }
      double confidence = r.confidence() == null ? 0 : r.confidence();
      if (confidence < 0 || confidence >= 1) {
        throw fail.at("confidence", "a number from 0 (point value) up to but not including 1");
      }
      int forWindows = r.forWindows() == null ? 1 : r.forWindows();
      if (forWindows < 1) {
        throw fail.at("for", "at least 1 window");
      }
      String severity = (r.severity() == null ? "warning" : r.severity()).toLowerCase(Locale.ROOT);
      if (!SEVERITIES.contains(severity)) {
        throw fail.at("severity", "'" + severity + "' is not info, warning or critical");
      }
      List<String> notify = r.notifyTo() == null ? List.of() : r.notifyTo();
      for (String s : notify) {
        if (!subs.containsKey(s)) {
          throw fail.at("notify", "subscriber '" + s + "' is not defined under 'subscribers'");
        }
      }
      rules.add(new AlertRule(id, metricId, window, level, below, fireAt, clearAt, minSample, confidence,
          forWindows, severity, notify));
    }
    List<CaseWatchRule> watch = new ArrayList<>();
    index = 0;
    for (CaseWatchKeys r : file.caseWatch() == null ? List.<CaseWatchKeys>of() : file.caseWatch()) {
      index++;
      watch.add(caseWatchRule(r, index, ids, subs, where));
    }
    return new RuleSet(rules, watch, subs, yaml);
  }

  /** One 督办清单 rule: a digest at a time of day, or a message per case on the clocks named. */
  private static CaseWatchRule caseWatchRule(CaseWatchKeys r, int index, Set<String> ids, Map<String, Subscriber> subs,
      String where) {
    if (r == null) {
      throw new InvalidRules(where + ": caseWatch rule #" + index + " is not a map");
    }
    String id = r.id() == null ? "" : r.id();
    String name = id.isEmpty() ? "#" + index : "'" + id + "'";
    Fail fail = (field, msg) -> new InvalidRules(where + ": caseWatch rule " + name + ": field '" + field + "': " + msg);
    if (id.isEmpty()) {
      throw fail.at("id", "missing");
    }
    if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw fail.at("id", "use letters, digits, '.', '_' and '-'");
    }
    if (!ids.add(id)) {
      throw fail.at("id", "another rule has the same id");
    }
    boolean digest = r.digest() != null;
    List<String> overdue = r.overdue() == null ? List.of() : r.overdue();
    if (digest == !overdue.isEmpty()) {
      throw fail.at(digest ? "overdue" : "digest", digest ? "a rule is a digest or a message per overdue case, not both"
          : "missing: 'digest: \"08:30\"' (a daily digest per agency) or 'overdue: [review.acceptance]' (a message per case)");
    }
    java.time.LocalTime at = null;
    if (digest) {
      if (!r.digest().matches("\\d{1,2}:\\d{2}")) {
        throw fail.at("digest", "'" + r.digest() + "' is not a time of day such as 08:30");
      }
      try {
        at = java.time.LocalTime.parse(r.digest().length() == 4 ? "0" + r.digest() : r.digest());
      } catch (java.time.DateTimeException e) {
        throw fail.at("digest", "'" + r.digest() + "' is not a time of day such as 08:30");
      }
    }
    List<String> clocks = new ArrayList<>();
    for (io.lawmonitor.streams.StreamDefinition d : io.lawmonitor.catalogue.Catalogue.all()) {
      for (io.lawmonitor.streams.ClockSpec c : d.clocks()) {
        clocks.add(io.lawmonitor.streams.ClockWatch.configName(d, c));
      }
    }
    for (String c : overdue) {
      if (!clocks.contains(c)) {
        throw fail.at("overdue", "'" + c + "' is not a clock (" + String.join(", ", clocks) + ")");
      }
    }
    List<String> streams = r.streams() == null ? List.of() : r.streams();
    for (String st : streams) {
      if (io.lawmonitor.events.StreamKind.fromWire(st) == null) {
        throw fail.at("streams", "'" + st + "' is not a stream (" + io.lawmonitor.catalogue.Catalogue.wireNames() + ")");
      }
    }
    List<String> notify = r.notifyTo() == null ? List.of() : r.notifyTo();
    Map<String, List<String>> agencies = r.agencies() == null ? Map.of() : r.agencies();
    if (notify.isEmpty() && agencies.isEmpty()) {
      throw fail.at("notify", "missing: the subscribers the messages go to");
    }
    List<String> named = new ArrayList<>(notify);
    agencies.values().forEach(l -> named.addAll(l == null ? List.of() : l));
    for (String s : named) {
      Subscriber sub = subs.get(s);
      if (sub == null) {
        throw fail.at(notify.contains(s) ? "notify" : "agencies", "subscriber '" + s + "' is not defined under 'subscribers'");
      }
      if (!sub.http()) {
        throw fail.at(notify.contains(s) ? "notify" : "agencies", "subscriber '" + s
            + "' is the alerts topic; the 督办清单 is always written to its own topic (law.case-watch)");
      }
    }
    Map<String, List<String>> own = new LinkedHashMap<>();
    agencies.forEach((a, l) -> own.put(a, l == null ? List.of() : List.copyOf(l)));
    return new CaseWatchRule(id, at, new HashSet<>(overdue), new HashSet<>(streams), notify, own, r.description());
  }

  /** Refuses a rule on a scope level or metric the job does not compute (it could never fire). */
  public static void requireComputed(RuleSet rules, Collection<String> levels, Collection<String> metrics, String where) {
    for (AlertRule r : rules.rules()) {
      if (!metrics.contains(r.metric())) {
        throw new InvalidRules(where + ": rule '" + r.id() + "': field 'metric': '" + r.metric()
            + "' is not computed by this job (metrics: " + String.join(", ", metrics) + ")");
      }
      if (!levels.contains(r.scopeLevel())) {
        throw new InvalidRules(where + ": rule '" + r.id() + "': field 'scopeLevel': '" + r.scopeLevel()
            + "' is not computed by this job (scopeLevels: " + String.join(", ", levels) + ")");
      }
    }
  }

  /** Where a binding error is, as people name it: "rule 'x': field 'f': what is wrong". */
  private static String place(JsonMappingException e, JsonNode root) {
    List<JsonMappingException.Reference> path = e.getPath();
    String reason = YamlBinding.reason(e, "field");
    if (path.size() >= 2 && "rules".equals(path.get(0).getFieldName()) && path.get(1).getIndex() >= 0) {
      int i = path.get(1).getIndex();
      String id = root.path("rules").path(i).path("id").asText("");
      String name = id.isEmpty() ? "#" + (i + 1) : "'" + id + "'";
      return path.size() == 2 ? "rule #" + (i + 1) + " is not a map"
          : "rule " + name + ": field '" + YamlBinding.path(path.subList(2, path.size())) + "': " + reason;
    }
    if (path.size() >= 2 && "subscribers".equals(path.get(0).getFieldName())) {
      String name = path.get(1).getFieldName();
      return path.size() == 2 ? "subscriber '" + name + "': a map with type and url"
          : "subscriber '" + name + "': field '" + YamlBinding.path(path.subList(2, path.size())) + "': " + reason;
    }
    if (path.size() == 1 && "rules".equals(path.get(0).getFieldName()) && !(e instanceof UnrecognizedPropertyException)) {
      return "'rules' must be a list";
    }
    if (path.size() == 1 && "subscribers".equals(path.get(0).getFieldName()) && !(e instanceof UnrecognizedPropertyException)) {
      return "'subscribers' must be a map of name to {type, url}";
    }
    return (e instanceof UnrecognizedPropertyException ? "field '" : "") + YamlBinding.path(path)
        + (e instanceof UnrecognizedPropertyException ? "': " : ": ") + reason;
  }

  /** One subscriber: its type, where it is (secrets from the environment), how often it may be sent to. */
  private static Subscriber subscriber(String name, SubscriberKeys n, Function<String, String> env, String where) {
    Fail fail = (field, msg) -> new InvalidRules(where + ": subscriber '" + name + "': field '" + field + "': " + msg);
    if (n == null) {
      throw new InvalidRules(where + ": subscriber '" + name + "': a map with type and url");
    }
    String type = n.type() == null ? "" : n.type();
    if (!Subscriber.TYPES.contains(type)) {
      throw fail.at("type", "'" + type + "' is not one of " + String.join(", ", Subscriber.TYPES.stream().sorted().toList()));
    }
    if (type.equals("kafka")) {
      return Subscriber.kafka(name);
    }
    List<String> urls = new ArrayList<>();
    if (n.url() != null) {
      urls.add(n.url());
    }
    if (n.urls() != null) {
      if (!type.equals("alertmanager")) {
        throw fail.at("urls", "a list, for alertmanager (an HA pair gets every alert); other types take one url");
      }
      urls.addAll(n.urls());
    }
    if (urls.isEmpty()) {
      throw fail.at("url", "missing: a " + type + " subscriber needs an http(s) url");
    }
    List<String> expanded = new ArrayList<>();
    for (String u : urls) {
      String x = expand(u, env, fail, "url");
      if (!(x.startsWith("http://") || x.startsWith("https://"))) {
        throw fail.at("url", "not an http(s) url" + (u.contains("${") ? " (after its environment variables)" : ""));
      }
      try {
        java.net.URI.create(x).toURL();
      } catch (IllegalArgumentException | java.net.MalformedURLException bad) {
        throw fail.at("url", "not a valid url");
      }
      expanded.add(type.equals("alertmanager") ? alertsApi(x) : x);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (n.headers() != null) {
      n.headers().forEach((k, v) -> headers.put(k, expand(v == null ? "" : v, env, fail, "headers")));
    }
    String secret = null;
    if (n.secret() != null) {
      if (!type.equals("dingtalk")) {
        throw fail.at("secret", "the signing secret (加签) is for dingtalk robots");
      }
      secret = expand(n.secret(), env, fail, "secret");
    }
    int perMinute = type.equals("wecom") || type.equals("dingtalk") ? 20 : 0;
    if (n.perMinute() != null) {
      if (n.perMinute() < 0) {
        throw fail.at("perMinute", "a whole number, 0 or more (0: no limit)");
      }
      perMinute = n.perMinute();
    }
    return new Subscriber(name, type, expanded, headers, secret, perMinute);
  }

  /**
   * Alertmanager's alerts API at a url given as Prometheus and Grafana are given one (the server's
   * base, {@code http://am-0:9093}, or under a route prefix), or as the API itself.
   */
  static String alertsApi(String url) {
    java.net.URI u = java.net.URI.create(url);
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (!path.endsWith("/api/v2/alerts")) {
      path = path + "/api/v2/alerts";
    }
    String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
    return u.getScheme() + "://" + u.getRawAuthority() + path + query;
  }

  private static String expand(String value, Function<String, String> env, Fail fail, String field) {
    try {
      return Placeholders.expand(value, env, "x");
    } catch (IllegalArgumentException e) {
      throw fail.at(field, e.getMessage().substring("x: ".length()));
    }
  }

  @FunctionalInterface
  private interface Fail {
    InvalidRules at(String field, String message);
  }

  private static String[] condition(String text, String field, Fail fail, boolean required) {
    if (text == null) {
      if (required) {
        throw fail.at(field, "missing (e.g. 'below 0.95')");
      }
      return null;
    }
    String[] parts = text.trim().split("\\s+");
    if (parts.length != 2 || !(parts[0].equals("below") || parts[0].equals("above"))) {
      throw fail.at(field, "'" + text + "' is not 'below <number>' or 'above <number>'");
    }
    try {
      Double.parseDouble(parts[1]);
    } catch (NumberFormatException e) {
      throw fail.at(field, "'" + parts[1] + "' is not a number");
    }
    return parts;
  }
}
