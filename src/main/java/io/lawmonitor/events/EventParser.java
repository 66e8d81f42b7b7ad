package io.lawmonitor.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/**
 * Turns one raw record into an {@link Event} or a {@link DeadLetter}. Pure: no Flink types, no
 * clock. Only the attributes each type has (README, "The input") are kept, so personal data in other attributes never
 * gets further than this; string values are masked in case a number hides in them.
 */
public final class EventParser implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The parse result: exactly one of the two is set. */
  public record Parsed(Event event, DeadLetter deadLetter) {
    static Parsed ok(Event e) {
      return new Parsed(e, null);
    }
  }

  private static final int MAX_RAW_IN_DEAD_LETTER = 4096;
  private static final Set<String> URGENCY = Set.of("NORMAL", "URGENT");
  private static final Set<String> HOTLINE_KIND = Set.of("CONSULT", "HELP", "COMPLAINT", "PROPOSAL");
  private static final Set<String> SATISFACTION =
      Set.of("SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED", "UNREACHABLE");
  private static final Set<String> ENFORCEMENT_PROCEDURE = Set.of("GENERAL", "SIMPLE");
  private static final Set<String> DECISION =
      Set.of("PENALTY", "NO_PENALTY", "EXEMPT_FIRST_OFFENCE", "TRANSFERRED", "DISMISSED");
  private static final Set<String> FILE_REVIEW = Set.of("PASS", "DEFECTIVE");
  private static final Set<String> REVIEW_PROCEDURE = Set.of("NORMAL", "SIMPLIFIED");
  private static final Set<String> OUTCOME =
      Set.of("UPHELD", "REVOKED", "ALTERED", "CONFIRMED_ILLEGAL", "ORDERED_TO_PERFORM", "DISMISSED");
  private static final Set<String> SETTLE_HOW = Set.of("MEDIATION", "RECONCILIATION");
  private static final Set<String> MEDIATION_RESULT = Set.of("SUCCESS", "FAILED");

  private final int maxEventBytes;
  private transient volatile ObjectMapper mapper;

  public EventParser(int maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
  }

  private ObjectMapper mapper() {
    if (mapper == null) {
      mapper = new ObjectMapper();
    }
    return mapper;
  }

  /** A reason that stops parsing, carried up to {@link #parse}. */
  private static final class Reject extends Exception {
    final String reason;

    Reject(String reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }
  }

  public Parsed parse(RawEvent raw) {
    if (raw.size() > maxEventBytes) {
      return dead(raw, DeadLetter.TOO_LARGE,
          "record of " + raw.size() + " bytes is over the limit of " + maxEventBytes, null, null);
    }
    String text = raw.text();
    if (raw.problem() != null) {
      return dead(raw, DeadLetter.BAD_ENCODING, raw.problem(), null, null);
    }
    if (text == null || text.isBlank()) {
      return dead(raw, DeadLetter.MALFORMED_JSON, "empty record", null, null);
    }
    JsonNode root;
    try {
      root = mapper().readTree(text);
    } catch (JsonProcessingException e) {
      String msg = e.getOriginalMessage();
      return dead(raw, DeadLetter.MALFORMED_JSON, "not JSON: " + firstLine(msg), null, null);
    }
    if (root == null || !root.isObject()) {
      return dead(raw, DeadLetter.MALFORMED_JSON, "not a JSON object", null, null);
    }
    String eventId = text(root, "eventId");
    String streamName = text(root, "stream");
    try {
      return Parsed.ok(toEvent((ObjectNode) root, raw.origin()));
    } catch (Reject r) {
      return dead(raw, r.reason, r.getMessage(), eventId, streamName);
    }
  }

  private Event toEvent(ObjectNode root, String origin) throws Reject {
    Event e = new Event();
    e.origin = origin;
    e.eventId = required(root, "eventId");
    String streamName = required(root, "stream");
    e.stream = StreamKind.fromWire(streamName);
    if (e.stream == null) {
      throw new Reject(DeadLetter.UNKNOWN_STREAM,
          "stream '" + streamName + "' is not one of enforcement, hotline, review, mediation");
    }
    e.caseId = required(root, "caseId");
    String typeName = required(root, "type");
    e.type = EventType.fromWire(typeName);
    if (e.type == null || !e.stream.allows(e.type)) {
      throw new Reject(DeadLetter.UNKNOWN_TYPE,
          "type '" + typeName + "' is not a " + e.stream.wireName() + " event type");
    }
    String time = required(root, "eventTime");
    try {
      e.eventTime = EventJson.parseTime(time);
    } catch (DateTimeParseException ex) {
      throw new Reject(DeadLetter.BAD_TIMESTAMP,
          "eventTime '" + time + "' is not ISO-8601 with an offset (e.g. 2026-11-24T10:15:00+08:00)");
    }
    e.region = clean(text(root, "region"));
    if (e.region != null) {
      String[] levels = e.region.split("/", -1);
      for (String level : levels) {
        if (level.isBlank()) {
          throw new Reject(DeadLetter.BAD_VALUE, "region '" + e.region + "' has an empty level");
        }
      }
      if (levels.length > 3) {
        throw new Reject(DeadLetter.BAD_VALUE, "region '" + e.region + "' has more than 3 levels");
      }
    } else if (e.type == e.stream.opening()) {
      throw new Reject(DeadLetter.MISSING_FIELD, "no region on the " + e.type + " event that opens the case");
    }
    e.agency = clean(text(root, "agency"));
    JsonNode attrs = root.path("attrs");
    if (!attrs.isMissingNode() && !attrs.isNull() && !attrs.isObject()) {
      throw new Reject(DeadLetter.BAD_VALUE, "attrs is not an object");
    }
    readAttrs(e, attrs);
    return e;
  }

  private void readAttrs(Event e, JsonNode a) throws Reject {
    switch (e.stream) {
      case HOTLINE -> {
        switch (e.type) {
          case RECEIVED -> {
            e.channel = clean(text(a, "channel"));
            e.category = clean(text(a, "category"));
            e.urgency = oneOf(a, "urgency", URGENCY, false, "NORMAL");
            e.kind = oneOf(a, "kind", HOTLINE_KIND, false, "HELP");
          }
          case ASSIGNED -> {
            String assigned = clean(text(a, "agency"));
            if (assigned != null) {
              e.agency = assigned;
            }
            if (e.agency == null) {
              throw new Reject(DeadLetter.MISSING_FIELD, "ASSIGNED names no agency (attrs.agency)");
            }
          }
          case EXTENDED -> e.extension = positiveInt(a, "workdays", 10);
          case CLOSED -> e.resolved = bool(a, "resolved", true);
          case VISITED -> e.satisfaction = oneOf(a, "satisfaction", SATISFACTION, true, null);
          default -> { }
        }
      }
      case ENFORCEMENT -> {
        switch (e.type) {
          case FILED -> {
            e.procedure = oneOf(a, "procedure", ENFORCEMENT_PROCEDURE, false, "GENERAL");
            e.lawArea = clean(text(a, "lawArea"));
          }
          case EXTENDED -> e.extension = positiveInt(a, "days", 30);
          case DECIDED -> {
            e.decision = oneOf(a, "decision", DECISION, true, null);
            JsonNode fine = a.path("fineYuan");
            if (fine.isNumber()) {
              e.fineYuan = fine.asLong();
            }
          }
          case FILE_REVIEWED -> {
            e.result = oneOf(a, "result", FILE_REVIEW, true, null);
            e.corrected = bool(a, "corrected", false);
          }
          default -> { }
        }
      }
      case REVIEW -> {
        switch (e.type) {
          case ACCEPTED -> e.procedure = oneOf(a, "procedure", REVIEW_PROCEDURE, false, "NORMAL");
          case EXTENDED -> e.extension = positiveInt(a, "days", 30);
          case DECIDED -> e.outcome = oneOf(a, "outcome", OUTCOME, true, null);
          case SETTLED -> e.how = oneOf(a, "how", SETTLE_HOW, false, null);
          default -> { }
        }
      }
      case MEDIATION -> {
        switch (e.type) {
          case APPLIED -> {
            e.disputeType = clean(text(a, "disputeType"));
            e.preLitigation = Boolean.TRUE.equals(bool(a, "preLitigation", false));
            e.committee = clean(text(a, "committee"));
          }
          case MEDIATED -> e.result = oneOf(a, "result", MEDIATION_RESULT, true, null);
          case FEEDBACK -> e.satisfied = bool(a, "satisfied", true);
          default -> { }
        }
      }
    }
  }

  private static String required(JsonNode root, String field) throws Reject {
    JsonNode n = root.get(field);
    if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
      throw new Reject(DeadLetter.MISSING_FIELD, "no " + field);
    }
    if (!n.isTextual()) {
      throw new Reject(DeadLetter.BAD_VALUE, field + " is not a string");
    }
    return PersonalData.mask(n.asText().trim());
  }

  private static String text(JsonNode node, String field) {
    JsonNode n = node.get(field);
    return n == null || n.isNull() || !n.isValueNode() ? null : n.asText();
  }

  private static String clean(String s) {
    if (s == null) {
      return null;
    }
    String t = s.trim();
    return t.isEmpty() ? null : PersonalData.mask(t);
  }

  private static String oneOf(JsonNode a, String field, Set<String> allowed, boolean required, String dflt)
      throws Reject {
    String v = text(a, field);
    if (v == null || v.isBlank()) {
      if (required) {
        throw new Reject(DeadLetter.MISSING_FIELD, "no attrs." + field);
      }
      return dflt;
    }
    String u = v.trim().toUpperCase(Locale.ROOT);
    if (!allowed.contains(u)) {
      throw new Reject(DeadLetter.BAD_VALUE,
          "attrs." + field + " '" + PersonalData.mask(v) + "' is not one of " + String.join(", ", allowed.stream().sorted().toList()));
    }
    return u;
  }

  private static Boolean bool(JsonNode a, String field, boolean required) throws Reject {
    JsonNode n = a.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw new Reject(DeadLetter.MISSING_FIELD, "no attrs." + field);
      }
      return null;
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    if (n.isTextual() && (n.asText().equalsIgnoreCase("true") || n.asText().equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(n.asText().toLowerCase(Locale.ROOT));
    }
    throw new Reject(DeadLetter.BAD_VALUE, "attrs." + field + " is not true or false");
  }

  private static Integer positiveInt(JsonNode a, String field, int dflt) throws Reject {
    JsonNode n = a.get(field);
    if (n == null || n.isNull()) {
      return dflt;
    }
    if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 0 || n.asInt() > 3650) {
      throw new Reject(DeadLetter.BAD_VALUE, "attrs." + field + " is not a whole number of days from 0 to 3650");
    }
    return n.asInt();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return PersonalData.maskRaw(line.length() > 200 ? line.substring(0, 200) : line);
  }

  private static Parsed dead(RawEvent raw, String reason, String detail, String eventId, String stream) {
    String text = raw.text() == null ? "" : raw.text();
    if (text.length() > MAX_RAW_IN_DEAD_LETTER) {
      text = text.substring(0, MAX_RAW_IN_DEAD_LETTER) + "…(" + raw.size() + " bytes)";
    }
    return new Parsed(null, new DeadLetter(reason, detail, raw.origin(), PersonalData.maskRaw(text),
        PersonalData.mask(eventId), stream == null ? null : PersonalData.mask(stream)));
  }
}
