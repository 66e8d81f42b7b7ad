package io.lawmonitor.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Writes an {@link Event} back in the input format (personal data is already gone from it). */
public final class EventJson {
  private EventJson() {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  public static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
  public static final ZoneOffset CST = ZoneOffset.ofHours(8);

  public static String time(long millis) {
    return ISO.format(Instant.ofEpochMilli(millis).atOffset(CST));
  }

  public static ObjectNode toNode(Event e) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("eventId", e.eventId);
    n.put("stream", e.stream == null ? null : e.stream.wireName());
    n.put("caseId", e.caseId);
    n.put("type", e.type == null ? null : e.type.name());
    n.put("eventTime", time(e.eventTime));
    if (e.region != null) {
      n.put("region", e.region);
    }
    if (e.agency != null) {
      n.put("agency", e.agency);
    }
    ObjectNode a = n.putObject("attrs");
    putIf(a, "channel", e.channel);
    putIf(a, "category", e.category);
    putIf(a, "urgency", e.urgency);
    putIf(a, "kind", e.kind);
    if (e.extension != null) {
      a.put(e.stream == StreamKind.HOTLINE ? "workdays" : "days", e.extension);
    }
    if (e.resolved != null) {
      a.put("resolved", e.resolved);
    }
    putIf(a, "satisfaction", e.satisfaction);
    putIf(a, "procedure", e.procedure);
    putIf(a, "lawArea", e.lawArea);
    putIf(a, "decision", e.decision);
    if (e.fineYuan != null) {
      a.put("fineYuan", e.fineYuan);
    }
    putIf(a, "result", e.result);
    if (e.corrected != null) {
      a.put("corrected", e.corrected);
    }
    putIf(a, "outcome", e.outcome);
    putIf(a, "how", e.how);
    putIf(a, "disputeType", e.disputeType);
    if (e.preLitigation != null) {
      a.put("preLitigation", e.preLitigation);
    }
    putIf(a, "committee", e.committee);
    if (e.satisfied != null) {
      a.put("satisfied", e.satisfied);
    }
    return n;
  }

  public static String toJson(Event e) {
    return toNode(e).toString();
  }

  private static void putIf(ObjectNode n, String k, String v) {
    if (v != null) {
      n.put(k, v);
    }
  }
}
