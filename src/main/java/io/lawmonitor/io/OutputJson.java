package io.lawmonitor.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.alerts.RuleChange;
import io.lawmonitor.events.DeadLetter;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.events.LateEvent;
import io.lawmonitor.metrics.MetricRecord;
import io.lawmonitor.notify.DeliveryRecord;

/** The output records' JSON, field names and order as the README gives them ("Outputs"); times in +08:00. */
public final class OutputJson {
  private OutputJson() {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Written field by field (millions a run), the same bytes Jackson writes for the same fields. */
  public static String metric(MetricRecord m) {
    return metric(m, new LineBuffer()).toString();
  }

  /** {@link #metric(MetricRecord)} into a line's bytes: the writer of metrics.jsonl reuses one buffer. */
  public static LineBuffer metric(MetricRecord m, LineBuffer b) {
    b.bytes(METRIC).bytes(quoted(m.metric()));
    b.bytes(WINDOW).bytes(quoted(m.window()));
    b.bytes(WINDOW_START).time(m.windowStart());
    b.bytes(WINDOW_END).time(m.windowEnd());
    b.bytes(SCOPE_LEVEL).bytes(quoted(m.scopeLevel()));
    b.bytes(SCOPE).bytes(quoted(m.scope()));
    if (m.isRate()) {
      b.bytes(NUMERATOR).number(m.numerator());
      b.bytes(DENOMINATOR).number(m.denominator());
      b.bytes(VALUE).bytes(RateText.value(m.value()));
      b.bytes(WILSON_LOW).bytes(m.wilsonLow() == null ? NULL : RateText.bound(m.wilsonLow()));
      b.bytes(WILSON_HIGH).bytes(m.wilsonHigh() == null ? NULL : RateText.bound(m.wilsonHigh()));
    } else {
      b.bytes(VALUE).number((long) m.value());
    }
    b.bytes(REVISION).number(m.revision());
    b.bytes(MODE).bytes(quoted(m.mode()));
    return b.ascii('}');
  }

  // a metric line's fixed parts, as bytes once
  private static final byte[] METRIC = ascii("{\"metric\":");
  private static final byte[] WINDOW = ascii(",\"window\":");
  private static final byte[] WINDOW_START = ascii(",\"windowStart\":\"");
  private static final byte[] WINDOW_END = ascii("\",\"windowEnd\":\"");
  private static final byte[] SCOPE_LEVEL = ascii("\",\"scopeLevel\":");
  private static final byte[] SCOPE = ascii(",\"scope\":");
  private static final byte[] NUMERATOR = ascii(",\"numerator\":");
  private static final byte[] DENOMINATOR = ascii(",\"denominator\":");
  private static final byte[] VALUE = ascii(",\"value\":");
  private static final byte[] WILSON_LOW = ascii(",\"wilsonLow\":");
  private static final byte[] WILSON_HIGH = ascii(",\"wilsonHigh\":");
  private static final byte[] REVISION = ascii(",\"revision\":");
  private static final byte[] MODE = ascii(",\"mode\":");

  static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /**
   * The names a run's metric records repeat (metrics, windows, scopes), each quoted and escaped as
   * JSON and in UTF-8 once; bounded, so that a run with unbounded names still only computes more.
   */
  private static final java.util.concurrent.ConcurrentHashMap<String, byte[]> QUOTED =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final int QUOTED_MAX = 100_000;
  private static final byte[] NULL = "null".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static byte[] quoted(String s) {
    if (s == null) {
      return NULL;
    }
    byte[] q = QUOTED.get(s);
    if (q == null) {
      String json = '"' + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
      q = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      if (QUOTED.size() < QUOTED_MAX) {
        QUOTED.put(s, q);
      }
    }
    return q;
  }

  private static final java.util.concurrent.ConcurrentHashMap<String, byte[]> UTF8 =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A name's UTF-8 bytes ("null" for none), kept for the names a run repeats; the caller does not change them. */
  static byte[] utf8(String s) {
    if (s == null) {
      return NULL;
    }
    byte[] b = UTF8.get(s);
    if (b == null) {
      b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      if (UTF8.size() < QUOTED_MAX) {
        UTF8.put(s, b);
      }
    }
    return b;
  }

  /** A metrics.jsonl line back to its record (what {@link #metric} wrote); null for a line that is not one. */
  public static MetricRecord readMetric(String line) {
    try {
      com.fasterxml.jackson.databind.JsonNode n = MAPPER.readTree(line);
      if (n == null || !n.hasNonNull("metric") || !n.hasNonNull("windowEnd")) {
        return null;
      }
      boolean rate = n.hasNonNull("denominator");
      return new MetricRecord(n.get("metric").asText(), n.get("window").asText(), instant(n.get("windowStart")),
          instant(n.get("windowEnd")), n.get("scopeLevel").asText(), n.get("scope").asText(),
          rate ? n.get("numerator").asLong() : null, rate ? n.get("denominator").asLong() : null,
          n.get("value").asDouble(), rate && n.hasNonNull("wilsonLow") ? n.get("wilsonLow").asDouble() : null,
          rate && n.hasNonNull("wilsonHigh") ? n.get("wilsonHigh").asDouble() : null, n.path("revision").asInt(),
          n.path("mode").asText());
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  /** Every alert record of an alerts.jsonl file, in file order; none when there is no file. */
  public static java.util.List<AlertRecord> readAlerts(java.nio.file.Path file) throws java.io.IOException {
    java.util.List<AlertRecord> out = new java.util.ArrayList<>();
    if (java.nio.file.Files.exists(file)) {
      for (String l : java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8)) {
        AlertRecord a = l.isBlank() ? null : readAlert(l);
        if (a != null) {
          out.add(a);
        }
      }
    }
    return out;
  }

  /** An alerts.jsonl line back to its record (what {@link #alert} wrote); null for a line that is not one. */
  public static AlertRecord readAlert(String line) {
    try {
      com.fasterxml.jackson.databind.JsonNode n = MAPPER.readTree(line);
      if (n == null || !n.hasNonNull("fingerprint") || !n.hasNonNull("at")) {
        return null;
      }
      boolean rate = n.hasNonNull("denominator");
      return new AlertRecord(n.get("fingerprint").asText(), n.get("rule").asText(), n.get("state").asText(),
          n.get("severity").asText(), n.get("metric").asText(), n.get("window").asText(), n.get("scopeLevel").asText(),
          n.get("scope").asText(), n.get("value").asDouble(), rate ? n.get("numerator").asLong() : null,
          rate ? n.get("denominator").asLong() : null, rate && n.hasNonNull("wilsonLow") ? n.get("wilsonLow").asDouble() : null,
          rate && n.hasNonNull("wilsonHigh") ? n.get("wilsonHigh").asDouble() : null, n.get("threshold").asDouble(),
          instant(n.get("activeSince")), instant(n.get("at")), n.get("summary").asText(), n.path("mode").asText());
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private static long instant(com.fasterxml.jackson.databind.JsonNode t) {
    return java.time.OffsetDateTime.parse(t.asText()).toInstant().toEpochMilli();
  }

  public static String delivery(DeliveryRecord d) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("subscriber", d.subscriber());
    n.put("type", d.type());
    n.put("target", d.target());
    n.put("kind", d.kind());
    n.put("outcome", d.outcome());
    n.put("idempotencyKey", d.key());
    n.put("alerts", d.alerts());
    n.put("alertKeys", d.alertKeys());
    n.put("at", EventJson.time(d.at()));
    n.put("attempts", d.attempts());
    n.put("status", d.status());
    if (d.error() != null) {
      n.put("error", d.error());
    }
    n.put("sentAt", java.time.OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(d.sentAt()),
        java.time.ZoneId.of("Asia/Shanghai")).toString());
    n.put("mode", d.mode());
    return n.toString();
  }

  public static String ruleChange(RuleChange c) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("outcome", c.outcome());
    n.put("origin", c.origin());
    n.put("detail", c.detail());
    n.put("at", java.time.OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(c.at()),
        java.time.ZoneId.of("Asia/Shanghai")).toString());
    n.put("mode", c.mode());
    return n.toString();
  }

  public static String deadLetter(DeadLetter d) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("reason", d.reason());
    n.put("detail", d.detail());
    n.put("origin", d.origin());
    if (d.eventId() != null) {
      n.put("eventId", d.eventId());
    }
    if (d.stream() != null) {
      n.put("stream", d.stream());
    }
    n.put("raw", d.raw());
    return n.toString();
  }

  public static String late(LateEvent l) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("reason", "LATE");
    n.put("detail", "eventTime is " + (l.lateByMillis() / 60_000) + " min behind the watermark "
        + EventJson.time(l.watermark()) + ", past the allowed lateness");
    n.put("origin", l.event().origin);
    n.put("eventId", l.event().eventId);
    n.put("stream", l.event().stream.wireName());
    n.put("eventTime", EventJson.time(l.event().eventTime));
    n.put("watermark", EventJson.time(l.watermark()));
    n.set("event", EventJson.toNode(l.event()));
    return n.toString();
  }
}
