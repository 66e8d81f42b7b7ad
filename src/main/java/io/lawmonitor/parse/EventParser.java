package io.lawmonitor.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.catalogue.Catalogue;
import io.lawmonitor.events.Attributes;
import io.lawmonitor.events.DeadLetter;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.events.EventType;
import io.lawmonitor.events.PersonalData;
import io.lawmonitor.events.RawEvent;
import io.lawmonitor.events.RecordParser;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.streams.StreamDefinition;
import java.time.format.DateTimeParseException;

/**
 * Turns one raw record into an {@link Event} or a {@link DeadLetter}. Pure: no Flink types, no
 * clock. Only the attributes each type has (README, "The input") are kept, so personal data in other attributes never
 * gets further than this; string values are masked in case a number hides in them.
 */
public final class EventParser implements RecordParser {
  private static final long serialVersionUID = 1L;

  private static final int MAX_RAW_IN_DEAD_LETTER = 4096;

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

  @Override
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
    } catch (Attributes.Invalid r) {
      return dead(raw, r.reason(), r.getMessage(), eventId, streamName);
    }
  }

  private Event toEvent(ObjectNode root, String origin) throws Reject, Attributes.Invalid {
    Event e = new Event();
    e.origin = origin;
    e.eventId = required(root, "eventId");
    String streamName = required(root, "stream");
    e.stream = StreamKind.fromWire(streamName);
    if (e.stream == null) {
      throw new Reject(DeadLetter.UNKNOWN_STREAM,
          "stream '" + streamName + "' is not one of " + Catalogue.wireNames());
    }
    StreamDefinition def = Catalogue.of(e.stream);
    e.caseId = required(root, "caseId");
    String typeName = required(root, "type");
    e.type = EventType.fromWire(typeName);
    if (e.type == null || !def.types().contains(e.type)) {
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
    e.region = Attributes.clean(text(root, "region"));
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
    } else if (e.type == def.opening()) {
      throw new Reject(DeadLetter.MISSING_FIELD, "no region on the " + e.type + " event that opens the case");
    }
    e.agency = Attributes.clean(text(root, "agency"));
    JsonNode attrs = root.path("attrs");
    if (!attrs.isMissingNode() && !attrs.isNull() && !attrs.isObject()) {
      throw new Reject(DeadLetter.BAD_VALUE, "attrs is not an object");
    }
    e.attrs = def.readAttributes(e, new Attributes(attrs));
    return e;
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
