package io.lawmonitor.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.lawmonitor.io.KafkaClients;
import io.lawmonitor.io.KafkaSettings;
import io.lawmonitor.support.Placeholders;
import io.lawmonitor.catalogue.Catalogue;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.calendar.ClockUnit;
import io.lawmonitor.cases.LifecycleSettings;
import io.lawmonitor.streams.Setting;
import io.lawmonitor.streams.StreamDefinition;
import io.lawmonitor.streams.StreamSettings;
import java.util.EnumMap;
import java.util.HashMap;
import io.lawmonitor.metrics.Scopes;
import io.lawmonitor.metrics.WindowKind;
import io.lawmonitor.notify.DeliverySettings;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
    List<String> prometheusScopeLevels,
    /** The scope levels figures are computed for (all five by default; an annual report needs all, city and district). */
    List<String> scopeLevels,
    /** The metrics computed (all by default), by id. */
    List<String> metrics) implements Serializable {


  public static final List<String> PROMETHEUS_DEFAULT_LEVELS = List.of("all", "city", "district");

  public static MonitorConfig defaults() {
    return new MonitorConfig(List.of(WindowKind.SLIDING_24H, WindowKind.DAY_TO_DATE), Duration.ofMinutes(5),
        Duration.ofHours(2), Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofDays(7), 65_536,
        LifecycleSettings.defaults(), null, null, KafkaSettings.defaults(), DeliverySettings.defaults(),
        PROMETHEUS_DEFAULT_LEVELS, Scopes.LEVELS, Catalogue.metricIds());
  }

  public MonitorConfig withWindows(List<WindowKind> w) {
    return new MonitorConfig(w, outOfOrderness, allowedLateness, farFuture, idleness, dedupRetention, maxEventBytes,
        lifecycle, calendarDir, rulesFile, kafka, delivery, prometheusScopeLevels, scopeLevels, metrics);
  }

  /** No figure as a Prometheus gauge: for a run that reports to no Prometheus. */
  public MonitorConfig withoutGauges() {
    return new MonitorConfig(windows, outOfOrderness, allowedLateness, farFuture, idleness, dedupRetention, maxEventBytes,
        lifecycle, calendarDir, rulesFile, kafka, delivery, List.of(), scopeLevels, metrics);
  }

  public MonitorConfig withKafka(KafkaSettings k) {
    return new MonitorConfig(windows, outOfOrderness, allowedLateness, farFuture, idleness, dedupRetention, maxEventBytes,
        lifecycle, calendarDir, rulesFile, k, delivery, prometheusScopeLevels, scopeLevels, metrics);
  }

  public MonitorConfig withIdleness(Duration d) {
    return new MonitorConfig(windows, outOfOrderness, allowedLateness, farFuture, d, dedupRetention, maxEventBytes,
        lifecycle, calendarDir, rulesFile, kafka, delivery, prometheusScopeLevels, scopeLevels, metrics);
  }

  public MonitorConfig withDelivery(DeliverySettings d) {
    return new MonitorConfig(windows, outOfOrderness, allowedLateness, farFuture, idleness, dedupRetention, maxEventBytes,
        lifecycle, calendarDir, rulesFile, kafka, d, prometheusScopeLevels, scopeLevels, metrics);
  }

  /** Figures for these scope levels only, in the order all, city, district, street, agency. */
  public MonitorConfig withScopeLevels(List<String> levels) {
    return new MonitorConfig(windows, outOfOrderness, allowedLateness, farFuture, idleness, dedupRetention, maxEventBytes,
        lifecycle, calendarDir, rulesFile, kafka, delivery, prometheusScopeLevels,
        Scopes.inOrder(levels), metrics);
  }

  /** Only these metrics (ids), in the order of {@link Metric}. */
  public MonitorConfig withMetrics(List<String> ids) {
    return new MonitorConfig(windows, outOfOrderness, allowedLateness, farFuture, idleness, dedupRetention, maxEventBytes,
        lifecycle, calendarDir, rulesFile, kafka, delivery, prometheusScopeLevels, scopeLevels, Catalogue.inOrder(ids));
  }

  public MonitorConfig withPrometheusScopeLevels(List<String> levels) {
    return new MonitorConfig(windows, outOfOrderness, allowedLateness, farFuture, idleness, dedupRetention, maxEventBytes,
        lifecycle, calendarDir, rulesFile, kafka, delivery, List.copyOf(levels), scopeLevels, metrics);
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

  /** The file's shape, bound by Jackson: an unknown key or a value of the wrong type is an error naming it. */
  record File(List<String> windows, List<String> scopeLevels, List<String> metrics, Time time, Input input, Map<String, Map<String, JsonNode>> deadlines,
      CaseWatchKeys caseWatch, StateKeys state, CalendarKeys calendar, String rules, Kafka kafka, Delivery delivery, Prometheus prometheus) {}

  record Time(Duration outOfOrderness, Duration allowedLateness, Duration farFuture, Duration idleness,
      Duration dedupRetention) {}

  record Input(Integer maxEventBytes) {}

  record StateKeys(Duration caseGrace, Duration maxCaseAge) {}

  record CaseWatchKeys(Map<String, Map<String, JsonNode>> margins) {}

  record CalendarKeys(String dir) {}

  record Kafka(String bootstrapServers, Map<String, String> topics, String groupId, String startingOffsets,
      String transactionalIdPrefix, Duration transactionTimeout, Duration checkpointInterval,
      Integer maxPartitionFetchBytes, Map<String, JsonNode> properties) {}

  /** The output topics' keys under kafka.topics, beside the streams' names. */
  record Topics(String metrics, String alerts, String deadLetters, String lateEvents, String deliveries, String rules,
      String ruleChanges, String caseWatch) {
    static final List<String> KEYS = List.of("metrics", "alerts", "deadLetters", "lateEvents", "deliveries", "rules", "ruleChanges",
        "caseWatch");
  }

  record Delivery(Duration requestTimeout, Integer attempts, Duration initialBackoff, Duration maxBackoff,
      Duration budget, Duration resendInterval) {}

  record Prometheus(List<String> scopeLevels) {}

  public static MonitorConfig load(Path file) {
    return load(file, System::getenv);
  }

  /** @param env where {@code ${VAR}} in kafka.properties is looked up */
  public static MonitorConfig load(Path file, Function<String, String> env) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new InvalidConfig(file + ": cannot read: " + e.getMessage().lines().findFirst().orElse(""));
    }
    return parse(text, file.toString(), env);
  }

  /** Reads monitor.yaml's text; {@code where} names it in errors. */
  public static MonitorConfig parse(String yaml, String where, Function<String, String> env) {
    File f;
    try {
      f = io.lawmonitor.support.YamlBinding.MAPPER.readValue(yaml.isBlank() ? "{}" : yaml, File.class);
    } catch (IOException e) {
      throw new InvalidConfig(io.lawmonitor.support.YamlBinding.explain(e, where, "key"));
    }
    return f == null ? defaults() : from(f, where, env);
  }

  private static <T> T or(T value, T dflt) {
    return value == null ? dflt : value;
  }

  private static <T, R> R in(T parent, Function<T, R> child) {
    return parent == null ? null : child.apply(parent);
  }

  private static int atLeast(Integer v, int dflt, int min, String where, String key) {
    if (v == null) {
      return dflt;
    }
    if (v < min) {
      throw new InvalidConfig(where + ": " + key + ": " + (min == 0 ? "a whole number, 0 or more" : "at least " + min));
    }
    return v;
  }

  private static MonitorConfig from(File f, String where, Function<String, String> env) {
    MonitorConfig d = defaults();
    List<WindowKind> windows = d.windows;
    if (f.windows() != null) {
      windows = new ArrayList<>();
      for (String w : f.windows()) {
        WindowKind k = WindowKind.fromWire(w);
        if (k == null) {
          throw new InvalidConfig(where + ": windows: '" + w + "' is not sliding_24h, day_to_date, month or year");
        }
        windows.add(k);
      }
      if (windows.isEmpty()) {
        throw new InvalidConfig(where + ": windows: at least one window");
      }
    }
    LifecycleSettings lifecycle = new LifecycleSettings(deadlines(f.deadlines(), d.lifecycle, where),
        or(in(f.state(), StateKeys::caseGrace), d.lifecycle.caseGrace()),
        or(in(f.state(), StateKeys::maxCaseAge), d.lifecycle.maxCaseAge()),
        margins(in(f.caseWatch(), CaseWatchKeys::margins), d.lifecycle.watchMargins(), where));
    int maxBytes = atLeast(in(f.input(), Input::maxEventBytes), d.maxEventBytes, 256, where, "input.maxEventBytes");
    KafkaSettings kd = d.kafka;
    Kafka k = f.kafka();
    Map<String, String> topics = in(k, Kafka::topics);
    Topics t = outputTopics(topics, where);
    String offsets = or(in(k, Kafka::startingOffsets), kd.startingOffsets());
    if (!Set.of("earliest", "latest", "committed").contains(offsets)) {
      throw new InvalidConfig(where + ": kafka.startingOffsets: '" + offsets + "' is not earliest, latest or committed");
    }
    KafkaSettings kafka = new KafkaSettings(
        or(in(k, Kafka::bootstrapServers), kd.bootstrapServers()),
        inputTopics(topics, kd, where),
        or(in(t, Topics::metrics), kd.metricsTopic()), or(in(t, Topics::alerts), kd.alertsTopic()),
        or(in(t, Topics::deadLetters), kd.deadLettersTopic()), or(in(t, Topics::lateEvents), kd.lateEventsTopic()),
        or(in(t, Topics::deliveries), kd.deliveriesTopic()), or(in(t, Topics::rules), kd.rulesTopic()),
        or(in(t, Topics::ruleChanges), kd.ruleChangesTopic()), or(in(t, Topics::caseWatch), kd.caseWatchTopic()),
        or(in(k, Kafka::groupId), kd.groupId()), offsets, or(in(k, Kafka::transactionalIdPrefix), kd.transactionalIdPrefix()),
        or(in(k, Kafka::transactionTimeout), kd.transactionTimeout()),
        or(in(k, Kafka::checkpointInterval), kd.checkpointInterval()),
        atLeast(in(k, Kafka::maxPartitionFetchBytes), kd.maxPartitionFetchBytes(), 0, where, "kafka.maxPartitionFetchBytes"),
        clientProperties(in(k, Kafka::properties), env, where + ": kafka.properties"));
    if (kafka.transactionTimeout().compareTo(Duration.ofMinutes(15)) > 0) {
      throw new InvalidConfig(where + ": kafka.transactionTimeout: above the brokers' default maximum of 15 min"
          + " (transaction.max.timeout.ms); raise that on the brokers first");
    }
    Delivery dv = f.delivery();
    DeliverySettings dd = d.delivery;
    DeliverySettings delivery = new DeliverySettings(or(in(dv, Delivery::requestTimeout), dd.requestTimeout()),
        atLeast(in(dv, Delivery::attempts), dd.attempts(), 1, where, "delivery.attempts"),
        or(in(dv, Delivery::initialBackoff), dd.initialBackoff()), or(in(dv, Delivery::maxBackoff), dd.maxBackoff()),
        or(in(dv, Delivery::budget), dd.budget()), or(in(dv, Delivery::resendInterval), dd.resendInterval()));
    List<String> levels = List.copyOf(or(in(f.prometheus(), Prometheus::scopeLevels), d.prometheusScopeLevels));
    levels(levels, where, "prometheus.scopeLevels");
    List<String> computed = levels(or(f.scopeLevels(), Scopes.LEVELS), where, "scopeLevels");
    if (computed.isEmpty()) {
      throw new InvalidConfig(where + ": scopeLevels: at least one level");
    }
    List<String> metrics;
    try {
      metrics = Catalogue.inOrder(or(f.metrics(), Catalogue.metricIds()));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfig(where + ": metrics: " + e.getMessage());
    }
    if (metrics.isEmpty()) {
      throw new InvalidConfig(where + ": metrics: at least one metric");
    }
    Time tm = f.time();
    return new MonitorConfig(windows,
        or(in(tm, Time::outOfOrderness), d.outOfOrderness),
        or(in(tm, Time::allowedLateness), d.allowedLateness),
        or(in(tm, Time::farFuture), d.farFuture),
        or(in(tm, Time::idleness), d.idleness),
        or(in(tm, Time::dedupRetention), d.dedupRetention),
        maxBytes, lifecycle, in(f.calendar(), CalendarKeys::dir), f.rules(), kafka, delivery, levels, computed, metrics);
  }

  /** kafka.topics: a stream's name for its input topic, or an output's key. */
  private static Topics outputTopics(Map<String, String> given, String where) {
    if (given == null) {
      return null;
    }
    for (String key : given.keySet()) {
      if (!Topics.KEYS.contains(key) && (StreamKind.fromWire(key) == null || !StreamKind.fromWire(key).wireName().equals(key))) {
        throw new InvalidConfig(where + ": unknown key 'kafka.topics." + key + "' (known: " + Catalogue.wireNames() + ", "
            + String.join(", ", Topics.KEYS) + ")");
      }
    }
    return new Topics(given.get("metrics"), given.get("alerts"), given.get("deadLetters"), given.get("lateEvents"),
        given.get("deliveries"), given.get("rules"), given.get("ruleChanges"),
        given.get("caseWatch"));
  }

  /** Each stream's input topic: as kafka.topics names it, else its default. */
  private static Map<StreamKind, String> inputTopics(Map<String, String> given, KafkaSettings defaults, String where) {
    Map<StreamKind, String> out = new EnumMap<>(defaults.inputs());
    if (given != null) {
      for (StreamKind s : StreamKind.values()) {
        String topic = given.get(s.wireName());
        if (topic != null) {
          out.put(s, topic);
        }
      }
    }
    return out;
  }

  /**
   * deadlines: per stream, its settings (the streams' own keys, whole numbers, 0 or more); a
   * stream or key not named keeps its default.
   */
  private static Map<StreamKind, StreamSettings> deadlines(Map<String, Map<String, JsonNode>> given,
      LifecycleSettings defaults, String where) {
    Map<StreamKind, StreamSettings> out = new EnumMap<>(defaults.deadlines());
    if (given == null) {
      return out;
    }
    for (Map.Entry<String, Map<String, JsonNode>> s : given.entrySet()) {
      StreamKind kind = StreamKind.fromWire(s.getKey());
      if (kind == null || !kind.wireName().equals(s.getKey())) {
        throw new InvalidConfig(where + ": unknown key 'deadlines." + s.getKey() + "' (known: " + Catalogue.wireNames() + ")");
      }
      StreamDefinition def = Catalogue.of(kind);
      Map<String, Integer> values = new HashMap<>(out.get(kind).values());
      if (s.getValue() != null) {
        for (Map.Entry<String, JsonNode> k : s.getValue().entrySet()) {
          String key = "deadlines." + s.getKey() + "." + k.getKey();
          if (!values.containsKey(k.getKey())) {
            throw new InvalidConfig(where + ": unknown key '" + key + "' (known: "
                + String.join(", ", def.settings().stream().map(Setting::key).toList()) + ")");
          }
          JsonNode v = k.getValue();
          if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidConfig(where + ": " + key + ": a whole number");
          }
          values.put(k.getKey(), atLeast(v.asInt(), 0, 0, where, key));
        }
      }
      out.put(kind, new StreamSettings(values));
    }
    return out;
  }

  /**
   * caseWatch.margins: per clock ({@code stream.clock}), per unit ({@code working_days}, {@code days},
   * {@code hours}) the warning margin, a whole number, 0 for none; a clock or unit not named keeps
   * its default.
   */
  private static Map<String, Map<ClockUnit, Integer>> margins(Map<String, Map<String, JsonNode>> given,
      Map<String, Map<ClockUnit, Integer>> defaults, String where) {
    Map<String, Map<ClockUnit, Integer>> out = new HashMap<>();
    defaults.forEach((k, v) -> out.put(k, new EnumMap<>(v.isEmpty() ? new EnumMap<>(ClockUnit.class) : v)));
    if (given == null) {
      return out;
    }
    List<String> known = new ArrayList<>();
    for (StreamDefinition def : Catalogue.all()) {
      for (io.lawmonitor.streams.ClockSpec c : def.clocks()) {
        known.add(io.lawmonitor.streams.ClockWatch.configName(def, c));
      }
    }
    for (Map.Entry<String, Map<String, JsonNode>> c : given.entrySet()) {
      if (!known.contains(c.getKey())) {
        throw new InvalidConfig(where + ": unknown key 'caseWatch.margins." + c.getKey() + "' (known: "
            + String.join(", ", known) + ")");
      }
      Map<ClockUnit, Integer> m = out.computeIfAbsent(c.getKey(), k -> new EnumMap<>(ClockUnit.class));
      if (c.getValue() == null) {
        continue;
      }
      for (Map.Entry<String, JsonNode> u : c.getValue().entrySet()) {
        String key = "caseWatch.margins." + c.getKey() + "." + u.getKey();
        ClockUnit unit = ClockUnit.fromWire(u.getKey());
        if (unit == null) {
          throw new InvalidConfig(where + ": unknown key '" + key + "' (known: working_days, days, hours)");
        }
        JsonNode v = u.getValue();
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
          throw new InvalidConfig(where + ": " + key + ": a whole number");
        }
        m.put(unit, atLeast(v.asInt(), 0, 0, where, key));
      }
    }
    return out;
  }

  /** The scope levels named, widest first; refused naming the key if one is not a level. */
  private static List<String> levels(List<String> names, String where, String key) {
    try {
      return Scopes.inOrder(names);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfig(where + ": " + key + ": " + e.getMessage());
    }
  }

  /** kafka.properties: a flat map of Kafka client settings, ${VAR} taken from the environment, checked. */
  private static Map<String, String> clientProperties(Map<String, JsonNode> n, Function<String, String> env, String where) {
    if (n == null) {
      return Map.of();
    }
    Map<String, String> props = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : n.entrySet()) {
      if (e.getValue() == null || !e.getValue().isValueNode() || e.getValue().isNull()) {
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
}
