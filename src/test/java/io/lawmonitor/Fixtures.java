package io.lawmonitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.events.Event;
import io.lawmonitor.parse.EventParser;
import io.lawmonitor.events.RawEvent;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test events by intent: {@code hotline("HL-1").received("2026-10-12T09:00").attr("kind", "HELP")}.
 * Times are Asia/Shanghai wall-clock times; each event gets a unique id unless one is given.
 */
public final class Fixtures {
  private Fixtures() {}

  public static final String REGION = "宜昌市/西陵区/云集街道";
  public static final String AGENCY = "宜昌市市场监督管理局";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final AtomicInteger SEQ = new AtomicInteger();

  public static Case hotline(String caseId) {
    return new Case("hotline", caseId);
  }

  public static Case enforcement(String caseId) {
    return new Case("enforcement", caseId);
  }

  public static Case review(String caseId) {
    return new Case("review", caseId);
  }

  public static Case mediation(String caseId) {
    return new Case("mediation", caseId);
  }

  public static Case litigation(String caseId) {
    return new Case("litigation", caseId);
  }

  public static Case disclosure(String caseId) {
    return new Case("disclosure", caseId);
  }

  /**
   * A slip and a recovery of the 12345 按期办结率, in event-time order, ids starting with the prefix:
   * four requests of Oct 12 (HELP: 3 working days, due 24:00 Oct 15), three closed on time and
   * the fourth late, so the sliding 24 h to Oct 16 01:00 is 3 of 4; four more of Oct 14 closed on
   * time, so the window to Oct 17 01:00 is 4 of 4; and two requests of Oct 17 that carry time on.
   */
  public static java.util.List<String> closureEpisode(String prefix) {
    java.util.List<String> e = new java.util.ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      e.add(hotline(prefix + i).received("2026-10-12T09:0" + i).attr("kind", "HELP").json());
    }
    for (int i = 5; i <= 8; i++) {
      e.add(hotline(prefix + i).received("2026-10-14T09:0" + i).attr("kind", "HELP").json());
    }
    for (int i = 1; i <= 3; i++) {
      e.add(hotline(prefix + i).closed("2026-10-15T10:00", true).json());
    }
    e.add(hotline(prefix + 4).closed("2026-10-16T09:00", false).json());
    for (int i = 5; i <= 8; i++) {
      e.add(hotline(prefix + i).closed("2026-10-16T14:00", true).json());
    }
    e.add(hotline(prefix + 9).received("2026-10-17T12:00").attr("kind", "HELP").json());
    e.add(hotline(prefix + 10).received("2026-10-17T12:01").attr("kind", "HELP").json());
    return e;
  }

  /** Epoch millis of an Asia/Shanghai wall-clock time such as "2026-10-12T09:00". */
  public static long t(String local) {
    return LocalDateTime.parse(local).toInstant(ZoneOffset.ofHours(8)).toEpochMilli();
  }

  /** A case of one stream; each method starts one event of it. */
  public static final class Case {
    final String stream;
    final String caseId;
    String region = REGION;
    String agency = AGENCY;

    Case(String stream, String caseId) {
      this.stream = stream;
      this.caseId = caseId;
    }

    public Case in(String region) {
      this.region = region;
      return this;
    }

    public Case by(String agency) {
      this.agency = agency;
      return this;
    }

    public E event(String type, String at) {
      return new E(this, type, at);
    }

    public E received(String at) {
      return event("RECEIVED", at);
    }

    public E responded(String at) {
      return event("RESPONDED", at);
    }

    public E closed(String at, boolean resolved) {
      return event("CLOSED", at).attr("resolved", resolved);
    }

    public E visited(String at, String satisfaction) {
      return event("VISITED", at).attr("satisfaction", satisfaction);
    }

    public E filed(String at, String procedure) {
      return event("FILED", at).attr("procedure", procedure);
    }

    public E decided(String at, String decisionOrOutcome) {
      return event("DECIDED", at).attr("review".equals(stream) ? "outcome" : "decision", decisionOrOutcome);
    }

    public E applied(String at, boolean preLitigation) {
      return event("APPLIED", at).attr("preLitigation", preLitigation);
    }

    public E mediated(String at, String result) {
      return event("MEDIATED", at).attr("result", result);
    }
  }

  /** One event under construction. */
  public static final class E {
    final ObjectNode node = MAPPER.createObjectNode();
    final ObjectNode attrs;

    E(Case c, String type, String at) {
      node.put("eventId", c.caseId + "-" + type + "-" + SEQ.incrementAndGet());
      node.put("stream", c.stream);
      node.put("caseId", c.caseId);
      node.put("type", type);
      node.put("eventTime", at.length() == 16 ? at + ":00+08:00" : at + "+08:00");
      if (c.region != null) {
        node.put("region", c.region);
      }
      if (c.agency != null) {
        node.put("agency", c.agency);
      }
      attrs = node.putObject("attrs");
    }

    public E id(String eventId) {
      node.put("eventId", eventId);
      return this;
    }

    public E attr(String k, Object v) {
      attrs.set(k, MAPPER.valueToTree(v));
      return this;
    }

    public String json() {
      return node.toString();
    }

    public Event event() {
      String json = json();
      io.lawmonitor.events.RecordParser.Parsed p = new EventParser(65536)
          .parse(new RawEvent(json, "test", json.getBytes(StandardCharsets.UTF_8).length));
      if (p.event() == null) {
        throw new IllegalArgumentException(p.deadLetter().toString());
      }
      return p.event();
    }
  }
}
