package io.lawmonitor.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lawmonitor.io.Placeholders;
import io.lawmonitor.metrics.Metric;
import io.lawmonitor.metrics.Scopes;
import io.lawmonitor.metrics.WindowKind;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
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

  private static final Set<String> RULE_FIELDS = Set.of("id", "metric", "window", "scopeLevel", "fireWhen",
      "clearWhen", "minSample", "confidence", "for", "severity", "notify", "description");
  private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

  private final List<AlertRule> rules;
  private final Map<String, Subscriber> subscribers;
  /** The YAML it was read from (what a running job keeps in its checkpoints), or null. */
  private final String yaml;

  public RuleSet(List<AlertRule> rules, Map<String, Subscriber> subscribers) {
    this(rules, subscribers, null);
  }

  private RuleSet(List<AlertRule> rules, Map<String, Subscriber> subscribers, String yaml) {
    this.rules = List.copyOf(rules);
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

  /** @param env where {@code ${VAR}} in a subscriber's url, headers and secret is looked up */
  public static RuleSet parse(String yaml, Collection<String> windows, String where, Function<String, String> env) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new InvalidRules(where + ": not YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return empty();
    }
    if (!root.isObject()) {
      throw new InvalidRules(where + ": expected a map with 'rules' and 'subscribers'");
    }
    Map<String, Subscriber> subs = new LinkedHashMap<>();
    JsonNode subsNode = root.path("subscribers");
    if (!subsNode.isMissingNode() && !subsNode.isNull()) {
      if (!subsNode.isObject()) {
        throw new InvalidRules(where + ": 'subscribers' must be a map of name to {type, url}");
      }
      Iterator<Map.Entry<String, JsonNode>> it = subsNode.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        subs.put(e.getKey(), subscriber(e.getKey(), e.getValue(), env, where));
      }
    }
    List<AlertRule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    JsonNode rulesNode = root.path("rules");
    if (!rulesNode.isMissingNode() && !rulesNode.isNull() && !rulesNode.isArray()) {
      throw new InvalidRules(where + ": 'rules' must be a list");
    }
    int index = 0;
    for (JsonNode r : rulesNode) {
      index++;
      String id = r.path("id").asText("");
      String name = id.isEmpty() ? "#" + index : "'" + id + "'";
      Fail fail = (field, msg) -> new InvalidRules(where + ": rule " + name + ": field '" + field + "': " + msg);
      if (!r.isObject()) {
        throw new InvalidRules(where + ": rule #" + index + " is not a map");
      }
      knownFieldsOnly(r, RULE_FIELDS, fail);
      if (id.isEmpty()) {
        throw fail.at("id", "missing");
      }
      if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
        throw fail.at("id", "use letters, digits, '.', '_' and '-'");
      }
      if (!ids.add(id)) {
        throw fail.at("id", "another rule has the same id");
      }
      String metricId = r.path("metric").asText("");
      Metric metric = Metric.byId(metricId);
      if (metric == null) {
        throw fail.at("metric", metricId.isEmpty() ? "missing" : "'" + metricId + "' is not a metric");
      }
      String window = r.path("window").asText("sliding_24h");
      if (WindowKind.fromWire(window) == null) {
        throw fail.at("window", "'" + window + "' is not a window (sliding_24h, day_to_date, month, year)");
      }
      if (windows != null && !windows.contains(window)) {
        throw fail.at("window", "'" + window + "' is not computed by this job (windows: " + String.join(", ", windows) + ")");
      }
      String level = r.path("scopeLevel").asText("");
      if (!Scopes.isLevel(level)) {
        throw fail.at("scopeLevel", (level.isEmpty() ? "missing" : "'" + level + "' is not a level")
            + " (city, district, street, agency, all)");
      }
      String[] fire = condition(r, "fireWhen", fail, true);
      boolean below = fire[0].equals("below");
      double fireAt = Double.parseDouble(fire[1]);
      boolean rate = metric.kind() == Metric.Kind.RATE;
      if (rate && (fireAt < 0 || fireAt > 1)) {
        throw fail.at("fireWhen", "a rate threshold lies between 0 and 1 (0.95 = 95%)");
      }
      double clearAt = fireAt;
      if (r.has("clearWhen")) {
        String[] clear = condition(r, "clearWhen", fail, false);
        if (clear[0].equals(fire[0])) {
          throw fail.at("clearWhen", "must point the other way from fireWhen (" + fire[0] + " fires, so clear with "
              + (below ? "above" : "below") + ")");
        }
        clearAt = Double.parseDouble(clear[1]);
        if (below ? clearAt < fireAt : clearAt > fireAt) {
          throw fail.at("clearWhen", "must be on the recovered side of fireWhen (hysteresis), not past it");
        }
      }
      long minSample = r.has("minSample") ? wholeNumber(r, "minSample", fail) : 0;
      double confidence = r.path("confidence").asDouble(0);
      if (r.has("confidence") && (!r.get("confidence").isNumber() || confidence < 0 || confidence >= 1)) {
        throw fail.at("confidence", "a number from 0 (point value) up to but not including 1");
      }
      int forWindows = r.has("for") ? (int) wholeNumber(r, "for", fail) : 1;
      if (forWindows < 1) {
        throw fail.at("for", "at least 1 window");
      }
      String severity = r.path("severity").asText("warning").toLowerCase(Locale.ROOT);
      if (!SEVERITIES.contains(severity)) {
        throw fail.at("severity", "'" + severity + "' is not info, warning or critical");
      }
      List<String> notify = new ArrayList<>();
      JsonNode n = r.path("notify");
      if (n.isTextual()) {
        notify.add(n.asText());
      } else if (n.isArray()) {
        n.forEach(x -> notify.add(x.asText()));
      } else if (!n.isMissingNode() && !n.isNull()) {
        throw fail.at("notify", "a subscriber name or a list of them");
      }
      for (String s : notify) {
        if (!subs.containsKey(s)) {
          throw fail.at("notify", "subscriber '" + s + "' is not defined under 'subscribers'");
        }
      }
      rules.add(new AlertRule(id, metricId, window, level, below, fireAt, clearAt, minSample, confidence,
          forWindows, severity, notify));
    }
    return new RuleSet(rules, subs, yaml);
  }

  private static final Set<String> SUBSCRIBER_FIELDS = Set.of("type", "url", "urls", "headers", "secret", "perMinute");

  /** One subscriber: its type, where it is (secrets from the environment), how often it may be sent to. */
  private static Subscriber subscriber(String name, JsonNode n, Function<String, String> env, String where) {
    Fail fail = (field, msg) -> new InvalidRules(where + ": subscriber '" + name + "': field '" + field + "': " + msg);
    if (!n.isObject()) {
      throw new InvalidRules(where + ": subscriber '" + name + "': a map with type and url");
    }
    knownFieldsOnly(n, SUBSCRIBER_FIELDS, fail);
    String type = n.path("type").asText("");
    if (!Subscriber.TYPES.contains(type)) {
      throw fail.at("type", "'" + type + "' is not one of " + String.join(", ", Subscriber.TYPES.stream().sorted().toList()));
    }
    if (type.equals("kafka")) {
      return Subscriber.kafka(name);
    }
    List<String> urls = new ArrayList<>();
    if (n.has("url")) {
      urls.add(n.get("url").asText());
    }
    if (n.has("urls")) {
      if (!type.equals("alertmanager") || !n.get("urls").isArray()) {
        throw fail.at("urls", "a list, for alertmanager (an HA pair gets every alert); other types take one url");
      }
      n.get("urls").forEach(u -> urls.add(u.asText()));
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
      expanded.add(x);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    JsonNode h = n.path("headers");
    if (!h.isMissingNode()) {
      if (!h.isObject()) {
        throw fail.at("headers", "a map of header name to value");
      }
      h.fields().forEachRemaining(e -> headers.put(e.getKey(), expand(e.getValue().asText(), env, fail, "headers")));
    }
    String secret = null;
    if (n.has("secret")) {
      if (!type.equals("dingtalk")) {
        throw fail.at("secret", "the signing secret (加签) is for dingtalk robots");
      }
      secret = expand(n.get("secret").asText(), env, fail, "secret");
    }
    int perMinute = type.equals("wecom") || type.equals("dingtalk") ? 20 : 0;
    if (n.has("perMinute")) {
      JsonNode pm = n.get("perMinute");
      if (!pm.isIntegralNumber() || pm.asInt() < 0) {
        throw fail.at("perMinute", "a whole number, 0 or more (0: no limit)");
      }
      perMinute = pm.asInt();
    }
    return new Subscriber(name, type, expanded, headers, secret, perMinute);
  }

  private static String expand(String value, Function<String, String> env, Fail fail, String field) {
    try {
      return Placeholders.expand(value, env, "x");
    } catch (IllegalArgumentException e) {
      throw fail.at(field, e.getMessage().substring("x: ".length()));
    }
  }

  /** A field the format does not know is an error naming it, so a typo cannot pass silently. */
  private static void knownFieldsOnly(JsonNode n, Set<String> known, Fail fail) {
    Iterator<String> names = n.fieldNames();
    while (names.hasNext()) {
      String f = names.next();
      if (!known.contains(f)) {
        throw fail.at(f, "unknown field (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
      }
    }
  }

  @FunctionalInterface
  private interface Fail {
    InvalidRules at(String field, String message);
  }

  private static String[] condition(JsonNode r, String field, Fail fail, boolean required) {
    JsonNode n = r.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw fail.at(field, "missing (e.g. 'below 0.95')");
      }
      return null;
    }
    String[] parts = n.asText().trim().split("\\s+");
    if (parts.length != 2 || !(parts[0].equals("below") || parts[0].equals("above"))) {
      throw fail.at(field, "'" + n.asText() + "' is not 'below <number>' or 'above <number>'");
    }
    try {
      Double.parseDouble(parts[1]);
    } catch (NumberFormatException e) {
      throw fail.at(field, "'" + parts[1] + "' is not a number");
    }
    return parts;
  }

  private static long wholeNumber(JsonNode r, String field, Fail fail) {
    JsonNode n = r.get(field);
    if (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 0) {
      throw fail.at(field, "a whole number, 0 or more");
    }
    return n.asLong();
  }
}
