package io.lawmonitor.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lawmonitor.io.KafkaClients;
import io.lawmonitor.io.Placeholders;
import io.lawmonitor.lifecycle.LifecycleSettings;
import io.lawmonitor.metrics.WindowKind;
import io.lawmonitor.notify.DeliverySettings;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The job's own settings, typed and validated: windows, the time bounds, the statutory clocks,
 * the calendar and the rule file. Read from YAML ({@code flink-conf/monitor.yaml}); every key
 * is optional and an unknown key is an error, so a typo cannot pass silently.
 */
public record MonitorConfig(
    List<WindowKind> windows,
    Duration outOfOrderness,
    Duration allowedLateness,
    Duration farFuture,
    Duration idleness,
    Duration dedupRetention,
    int maxEventBytes,
    LifecycleSettings lifecycle,
    String calendarDir,
    String rulesFile,
    KafkaSettings kafka,
    DeliverySettings delivery,
    /** The scope levels whose latest figures are Prometheus gauges (cardinality: street and agency are many). */
    List<String> prometheusScopeLevels) implements Serializable {

  public static final List<String> PROMETHEUS_DEFAULT_LEVELS = List.of("all", "city", "district");

  public static MonitorConfig defaults() {
    return new MonitorConfig(List.of(WindowKind.SLIDING_24H, WindowKind.DAY_TO_DATE), Duration.ofMinutes(5),
        Duration.ofHours(2), Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofDays(7), 65_536,
        LifecycleSettings.defaults(), null, null, KafkaSettings.defaults(), DeliverySettings.defaults(),
        PROMETHEUS_DEFAULT_LEVELS);
  }

  public MonitorConfig withWindows(List<WindowKind> w) {
    return new MonitorConfig(w, outOfOrderness, allowedLateness, farFuture, idleness, dedupRetention, maxEventBytes,
        lifecycle, calendarDir, rulesFile, kafka, delivery, prometheusScopeLevels);
  }

  public MonitorConfig withKafka(KafkaSettings k) {
    return new MonitorConfig(windows, outOfOrderness, allowedLateness, farFuture, idleness, dedupRetention, maxEventBytes,
        lifecycle, calendarDir, rulesFile, k, delivery, prometheusScopeLevels);
  }

  public MonitorConfig withIdleness(Duration d) {
    return new MonitorConfig(windows, outOfOrderness, allowedLateness, farFuture, d, dedupRetention, maxEventBytes,
        lifecycle, calendarDir, rulesFile, kafka, delivery, prometheusScopeLevels);
  }

  public MonitorConfig withDelivery(DeliverySettings d) {
    return new MonitorConfig(windows, outOfOrderness, allowedLateness, farFuture, idleness, dedupRetention, maxEventBytes,
        lifecycle, calendarDir, rulesFile, kafka, d, prometheusScopeLevels);
  }

  public MonitorConfig withPrometheusScopeLevels(List<String> levels) {
    return new MonitorConfig(windows, outOfOrderness, allowedLateness, farFuture, idleness, dedupRetention, maxEventBytes,
        lifecycle, calendarDir, rulesFile, kafka, delivery, List.copyOf(levels));
  }

  private static List<String> prometheusLevels(JsonNode n, List<String> d, String where) {
    if (n.isMissingNode() || n.isNull()) {
      return d;
    }
    if (!n.isArray()) {
      throw new InvalidConfig(where + ": scopeLevels must be a list, e.g. [all, city, district]");
    }
    List<String> out = new java.util.ArrayList<>();
    for (JsonNode l : n) {
      if (!io.lawmonitor.metrics.Scopes.isLevel(l.asText())) {
        throw new InvalidConfig(where + ": scopeLevels: '" + l.asText() + "' is not one of all, city, district, street, agency");
      }
      out.add(l.asText());
    }
    return List.copyOf(out);
  }

  public List<String> windowNames() {
    return windows.stream().map(WindowKind::wireName).toList();
  }

  /** Thrown for a config that does not validate; the message names the key. */
  public static final class InvalidConfig extends IllegalArgumentException {
    public InvalidConfig(String message) {
      super(message);
    }
  }

  private static final Map<String, Set<String>> KEYS = Map.ofEntries(
      Map.entry("", Set.of("windows", "time", "input", "deadlines", "state", "calendar", "rules", "kafka", "delivery",
          "prometheus")),
      Map.entry("prometheus", Set.of("scopeLevels")),
      Map.entry("delivery", Set.of("requestTimeout", "attempts", "initialBackoff", "maxBackoff", "budget", "resendInterval")),
      Map.entry("kafka", Set.of("bootstrapServers", "topics", "groupId", "startingOffsets", "transactionalIdPrefix",
          "transactionTimeout", "checkpointInterval", "maxPartitionFetchBytes", "properties")),
      Map.entry("kafka.topics", Set.of("enforcement", "hotline", "review", "mediation", "metrics", "alerts", "deadLetters",
          "lateEvents", "deliveries", "rules", "ruleChanges")),
      Map.entry("time", Set.of("outOfOrderness", "allowedLateness", "farFuture", "idleness", "dedupRetention")),
      Map.entry("input", Set.of("maxEventBytes")),
      Map.entry("deadlines", Set.of("hotline", "review", "enforcement", "mediation")),
      Map.entry("deadlines.hotline", Set.of("responseWorkdays", "urgentResponseHours", "closureWorkdays", "urgentClosureHours")),
      Map.entry("deadlines.review", Set.of("intakeWorkdays", "decisionDays", "simplifiedDecisionDays", "maxExtensionDays")),
      Map.entry("deadlines.enforcement", Set.of("decisionDays")),
      Map.entry("deadlines.mediation", Set.of("conclusionDays", "fulfilmentCheckDays")),
      Map.entry("state", Set.of("caseGrace", "maxCaseAge")),
      Map.entry("calendar", Set.of("dir")));

  public static MonitorConfig load(Path file) {
    return load(file, System::getenv);
  }

  /** @param env where {@code ${VAR}} in kafka.properties is looked up */
  public static MonitorConfig load(Path file, Function<String, String> env) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (IOException e) {
      throw new InvalidConfig(file + ": cannot read: " + e.getMessage().lines().findFirst().orElse(""));
    }
    return from(root, file.toString(), env);
  }

  public static MonitorConfig from(JsonNode root, String where) {
    return from(root, where, System::getenv);
  }

  public static MonitorConfig from(JsonNode root, String where, Function<String, String> env) {
    MonitorConfig d = defaults();
    if (root == null || root.isNull() || root.isMissingNode()) {
      return d;
    }
    checkKeys(root, "", where);
    List<WindowKind> windows = d.windows;
    if (root.has("windows")) {
      windows = new ArrayList<>();
      for (JsonNode w : root.get("windows")) {
        WindowKind k = WindowKind.fromWire(w.asText());
        if (k == null) {
          throw new InvalidConfig(where + ": windows: '" + w.asText() + "' is not sliding_24h, day_to_date, month or year");
        }
        windows.add(k);
      }
      if (windows.isEmpty()) {
        throw new InvalidConfig(where + ": windows: at least one window");
      }
    }
    JsonNode t = root.path("time");
    JsonNode h = root.path("deadlines").path("hotline");
    JsonNode r = root.path("deadlines").path("review");
    JsonNode en = root.path("deadlines").path("enforcement");
    JsonNode m = root.path("deadlines").path("mediation");
    JsonNode s = root.path("state");
    LifecycleSettings l = d.lifecycle;
    LifecycleSettings lifecycle = new LifecycleSettings(
        count(h, "responseWorkdays", l.hotlineResponseWorkdays(), where + ": deadlines.hotline"),
        count(h, "urgentResponseHours", l.hotlineUrgentResponseHours(), where + ": deadlines.hotline"),
        count(h, "closureWorkdays", l.hotlineClosureWorkdays(), where + ": deadlines.hotline"),
        count(h, "urgentClosureHours", l.hotlineUrgentClosureHours(), where + ": deadlines.hotline"),
        count(r, "intakeWorkdays", l.reviewIntakeWorkdays(), where + ": deadlines.review"),
        count(r, "decisionDays", l.reviewDecisionDays(), where + ": deadlines.review"),
        count(r, "simplifiedDecisionDays", l.reviewSimplifiedDecisionDays(), where + ": deadlines.review"),
        count(r, "maxExtensionDays", l.reviewMaxExtensionDays(), where + ": deadlines.review"),
        count(en, "decisionDays", l.enforcementDecisionDays(), where + ": deadlines.enforcement"),
        count(m, "conclusionDays", l.mediationConclusionDays(), where + ": deadlines.mediation"),
        count(m, "fulfilmentCheckDays", l.mediationFulfilmentCheckDays(), where + ": deadlines.mediation"),
        duration(s, "caseGrace", l.caseGrace(), where + ": state"),
        duration(s, "maxCaseAge", l.maxCaseAge(), where + ": state"));
    int maxBytes = count(root.path("input"), "maxEventBytes", d.maxEventBytes, where + ": input");
    if (maxBytes < 256) {
      throw new InvalidConfig(where + ": input.maxEventBytes: at least 256");
    }
    String calendarDir = root.path("calendar").path("dir").asText(null);
    String rules = root.has("rules") ? root.get("rules").asText(null) : null;
    KafkaSettings kd = d.kafka;
    JsonNode k = root.path("kafka");
    JsonNode topics = k.path("topics");
    String offsets = k.path("startingOffsets").asText(kd.startingOffsets());
    if (!Set.of("earliest", "latest", "committed").contains(offsets)) {
      throw new InvalidConfig(where + ": kafka.startingOffsets: '" + offsets + "' is not earliest, latest or committed");
    }
    KafkaSettings kafka = new KafkaSettings(
        k.path("bootstrapServers").asText(kd.bootstrapServers()),
        List.of(topics.path("enforcement").asText(kd.inputTopics().get(0)), topics.path("hotline").asText(kd.inputTopics().get(1)),
            topics.path("review").asText(kd.inputTopics().get(2)), topics.path("mediation").asText(kd.inputTopics().get(3))),
        topics.path("metrics").asText(kd.metricsTopic()), topics.path("alerts").asText(kd.alertsTopic()),
        topics.path("deadLetters").asText(kd.deadLettersTopic()), topics.path("lateEvents").asText(kd.lateEventsTopic()),
        topics.path("deliveries").asText(kd.deliveriesTopic()), topics.path("rules").asText(kd.rulesTopic()),
        topics.path("ruleChanges").asText(kd.ruleChangesTopic()),
        k.path("groupId").asText(kd.groupId()), offsets, k.path("transactionalIdPrefix").asText(kd.transactionalIdPrefix()),
        duration(k, "transactionTimeout", kd.transactionTimeout(), where + ": kafka"),
        duration(k, "checkpointInterval", kd.checkpointInterval(), where + ": kafka"),
        count(k, "maxPartitionFetchBytes", kd.maxPartitionFetchBytes(), where + ": kafka"),
        clientProperties(k.path("properties"), env, where + ": kafka.properties"));
    if (kafka.transactionTimeout().compareTo(Duration.ofMinutes(15)) > 0) {
      throw new InvalidConfig(where + ": kafka.transactionTimeout: above the brokers' default maximum of 15 min"
          + " (transaction.max.timeout.ms); raise that on the brokers first");
    }
    return new MonitorConfig(windows,
        duration(t, "outOfOrderness", d.outOfOrderness, where + ": time"),
        duration(t, "allowedLateness", d.allowedLateness, where + ": time"),
        duration(t, "farFuture", d.farFuture, where + ": time"),
        duration(t, "idleness", d.idleness, where + ": time"),
        duration(t, "dedupRetention", d.dedupRetention, where + ": time"),
        maxBytes, lifecycle, calendarDir, rules, kafka, delivery(root.path("delivery"), d.delivery, where + ": delivery"),
        prometheusLevels(root.path("prometheus").path("scopeLevels"), d.prometheusScopeLevels, where + ": prometheus"));
  }

  private static void checkKeys(JsonNode node, String path, String where) {
    Set<String> known = KEYS.get(path);
    if (known == null || !node.isObject()) {
      return;
    }
    Iterator<String> it = node.fieldNames();
    while (it.hasNext()) {
      String k = it.next();
      if (!known.contains(k)) {
        throw new InvalidConfig(where + ": unknown key '" + (path.isEmpty() ? k : path + "." + k) + "' (known here: "
            + String.join(", ", known.stream().sorted().toList()) + ")");
      }
      checkKeys(node.get(k), path.isEmpty() ? k : path + "." + k, where);
    }
  }

  private static DeliverySettings delivery(JsonNode n, DeliverySettings d, String where) {
    int attempts = count(n, "attempts", d.attempts(), where);
    if (attempts < 1) {
      throw new InvalidConfig(where + ".attempts: at least 1");
    }
    return new DeliverySettings(duration(n, "requestTimeout", d.requestTimeout(), where), attempts,
        duration(n, "initialBackoff", d.initialBackoff(), where), duration(n, "maxBackoff", d.maxBackoff(), where),
        duration(n, "budget", d.budget(), where), duration(n, "resendInterval", d.resendInterval(), where));
  }

  /** kafka.properties: a flat map of Kafka client settings, ${VAR} taken from the environment, checked. */
  private static Map<String, String> clientProperties(JsonNode n, Function<String, String> env, String where) {
    if (n.isMissingNode() || n.isNull()) {
      return Map.of();
    }
    if (!n.isObject()) {
      throw new InvalidConfig(where + ": a map of Kafka client settings (security.protocol: SASL_SSL, ...)");
    }
    Map<String, String> props = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw new InvalidConfig(where + "." + e.getKey() + ": a single value (text, number or true/false)");
      }
      try {
        props.put(e.getKey(), Placeholders.expand(e.getValue().asText(), env, where + "." + e.getKey()));
      } catch (IllegalArgumentException bad) {
        throw new InvalidConfig(bad.getMessage());
      }
    }
    try {
      KafkaClients.validate(props, where);
    } catch (IllegalArgumentException bad) {
      throw new InvalidConfig(bad.getMessage());
    }
    return props;
  }

  private static int count(JsonNode n, String key, int dflt, String where) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isIntegralNumber() || v.asInt() < 0) {
      throw new InvalidConfig(where + "." + key + ": a whole number, 0 or more");
    }
    return v.asInt();
  }

  private static Duration duration(JsonNode n, String key, Duration dflt, String where) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    try {
      Duration d = Durations.parse(v.asText());
      if (d.isNegative()) {
        throw new IllegalArgumentException("negative");
      }
      return d;
    } catch (RuntimeException e) {
      throw new InvalidConfig(where + "." + key + ": '" + v.asText() + "' is not a duration (e.g. 30s, 5m, 2h, 7d)");
    }
  }
}
