package io.lawmonitor.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.calendar.ClockUnit;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.events.StreamKind;

/** A 督办清单 record as a line of case-watch.jsonl, a record of law.case-watch and a part of a message's body. */
public final class CaseWatchJson {
  private CaseWatchJson() {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The record's one JSON line, field names and order as the README gives them ("Outputs"); times in +08:00. */
  public static String write(CaseWatch w) {
    return node(w).toString();
  }

  /** The record's fields as a JSON object, to be put inside another (a message's list of cases). */
  public static ObjectNode node(CaseWatch w) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("caseId", w.caseId());
    n.put("stream", w.stream().wireName());
    n.put("clock", w.clock());
    n.put("agency", w.agency());
    n.put("region", w.region());
    n.put("startedAt", EventJson.time(w.startedAt()));
    n.put("deadline", EventJson.time(w.deadline()));
    n.put("state", w.state().name());
    n.put("behind", w.behind());
    n.put("unit", w.unit().wireName());
    n.put("at", EventJson.time(w.at()));
    n.put("mode", w.mode());
    return n;
  }

  /** The record from its JSON line. */
  public static CaseWatch read(String line) {
    try {
      JsonNode n = MAPPER.readTree(line);
      return new CaseWatch(n.path("caseId").asText(), StreamKind.fromWire(n.path("stream").asText()),
          n.path("clock").asText(),
          n.path("agency").isNull() ? null : n.path("agency").asText(null),
          n.path("region").isNull() ? null : n.path("region").asText(null),
          instant(n.path("startedAt")), instant(n.path("deadline")),
          WatchState.valueOf(n.path("state").asText()), n.path("behind").asInt(),
          ClockUnit.fromWire(n.path("unit").asText()), instant(n.path("at")),
          n.path("mode").asText(null));
    } catch (java.io.IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a case-watch record: " + e.getMessage(), e);
    }
  }

  private static long instant(JsonNode t) {
    return java.time.OffsetDateTime.parse(t.asText()).toInstant().toEpochMilli();
  }
}
