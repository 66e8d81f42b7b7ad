package io.lawmonitor.parse;

import io.lawmonitor.streams.disclosure.DisclosureAttributes;
import io.lawmonitor.streams.hotline.HotlineAttributes;
import io.lawmonitor.streams.litigation.LitigationAttributes;
import io.lawmonitor.streams.mediation.MediationAttributes;
import static io.lawmonitor.Fixtures.hotline;
import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.events.DeadLetter;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.events.PersonalData;
import io.lawmonitor.events.EventType;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.RawEvent;
import io.lawmonitor.events.RecordParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventParserTest {
  private final EventParser parser = new EventParser(1024);

  private RecordParser.Parsed parse(String text) {
    return parser.parse(new RawEvent(text, "f.jsonl:7", text.getBytes(StandardCharsets.UTF_8).length));
  }

  private String reason(String text) {
    RecordParser.Parsed p = parse(text);
    assertThat(p.deadLetter()).as(text).isNotNull();
    assertThat(p.deadLetter().origin()).isEqualTo("f.jsonl:7");
    return p.deadLetter().reason();
  }

  @Test
  void aGoodEventKeepsOnlyWhatDesignNames() {
    Event e = hotline("HL-1").received("2026-10-12T09:00").attr("kind", "consult").attr("callerName", "王先生")
        .attr("callerPhone", "13812341234").attr("channel", "电话 13812341234").event();
    assertThat(e.stream).isEqualTo(StreamKind.HOTLINE);
    assertThat(e.type).isEqualTo(EventType.RECEIVED);
    assertThat(HotlineAttributes.of(e).kind()).isEqualTo("CONSULT");
    assertThat(HotlineAttributes.of(e).urgency()).isEqualTo("NORMAL");
    assertThat(HotlineAttributes.of(e).channel()).isEqualTo("电话 138****1234");
    assertThat(EventJson.toJson(e)).doesNotContain("13812341234").doesNotContain("王先生");
  }

  @Test
  void everyReasonCode() {
    assertThat(reason("{\"eventId\":\"x\"")).isEqualTo(DeadLetter.MALFORMED_JSON);
    assertThat(reason("")).isEqualTo(DeadLetter.MALFORMED_JSON);
    assertThat(reason("[1]")).isEqualTo(DeadLetter.MALFORMED_JSON);
    assertThat(reason("{\"eventId\":\"x\",\"stream\":\"hotline\",\"type\":\"RECEIVED\",\"eventTime\":\"2026-10-12T09:00:00+08:00\"}"))
        .isEqualTo(DeadLetter.MISSING_FIELD);
    assertThat(reason(hotline("HL-1").received("2026-10-12T09:00").json().replace("\"hotline\"", "\"petition\"")))
        .isEqualTo(DeadLetter.UNKNOWN_STREAM);
    assertThat(reason(hotline("HL-1").event("FILED", "2026-10-12T09:00").json())).isEqualTo(DeadLetter.UNKNOWN_TYPE);
    assertThat(reason(hotline("HL-1").received("2026-10-12T09:00").json().replace("+08:00", "")))
        .isEqualTo(DeadLetter.BAD_TIMESTAMP);
    assertThat(reason(hotline("HL-1").visited("2026-10-12T09:00", "GOOD").json())).isEqualTo(DeadLetter.BAD_VALUE);
    assertThat(reason(hotline("HL-1").event("CLOSED", "2026-10-12T09:00").json())).isEqualTo(DeadLetter.MISSING_FIELD);
    assertThat(reason(hotline("HL-1").in(null).received("2026-10-12T09:00").json())).isEqualTo(DeadLetter.MISSING_FIELD);
    assertThat(reason(hotline("HL-1").in("a/b/c/d").received("2026-10-12T09:00").json())).isEqualTo(DeadLetter.BAD_VALUE);
    assertThat(reason(hotline("HL-1").received("2026-10-12T09:00").attr("note", "长".repeat(400)).json()))
        .isEqualTo(DeadLetter.TOO_LARGE);
  }

  @Test
  void deadLettersKeepTheRawTextWithPersonalDataMasked() {
    DeadLetter d = parse("{\"eventId\":\"x\",\"attrs\":{\"callerPhone\":\"13912345678\",\"idNumber\":\"420502198812121234\","
        + "\"note\":\"call 13712345678 or id 42050219881212123X\"").deadLetter();
    assertThat(d.reason()).isEqualTo(DeadLetter.MALFORMED_JSON);
    assertThat(d.raw()).doesNotContain("13912345678").doesNotContain("420502198812121234")
        .doesNotContain("13712345678").doesNotContain("42050219881212123X")
        .contains("\"callerPhone\":\"***\"").contains("137****5678").contains("420502********123X");
    assertThat(PersonalData.holdsPersonalNumber(d.raw() + d.detail())).isFalse();
  }

  @Test
  void unknownAttributesAreIgnoredAndDefaultsApply() {
    Event e = hotline("HL-1").event("EXTENDED", "2026-10-12T09:00").attr("whatever", 1).event();
    assertThat(HotlineAttributes.of(e).workdays()).isEqualTo(10);
    Event m = io.lawmonitor.Fixtures.mediation("MD-1").event("APPLIED", "2026-10-12T09:00").event();
    assertThat(MediationAttributes.of(m).preLitigation()).isFalse();
  }

  @Test
  void theNewStreamsAttributes() {
    var suit = io.lawmonitor.Fixtures.litigation("LT-1");
    Event filed = suit.event("FILED", "2026-09-16T10:00").attr("court", "西陵区人民法院").attr("matter", "行政处罚")
        .attr("partyNames", "王某某 13812341234").event();
    assertThat(LitigationAttributes.of(filed).court()).isEqualTo("西陵区人民法院");
    assertThat(LitigationAttributes.of(filed).matter()).isEqualTo("行政处罚");
    assertThat(EventJson.toJson(filed)).doesNotContain("王某某").doesNotContain("13812341234");
    assertThat(LitigationAttributes.of(suit.event("HEARD", "2026-10-09T10:00").attr("headAppeared", "false").event()).headAppeared()).isFalse();
    assertThat(reason(suit.event("HEARD", "2026-10-09T10:00").json())).isEqualTo(DeadLetter.MISSING_FIELD);
    assertThat(reason(suit.event("JUDGED", "2026-10-09T10:00").attr("outcome", "LOSE").json())).isEqualTo(DeadLetter.BAD_VALUE);
    assertThat(LitigationAttributes.of(suit.event("JUDGED", "2026-10-09T10:00").attr("outcome", "lost").event()).outcome()).isEqualTo("LOST");
    assertThat(reason(suit.event("APPLIED", "2026-10-09T10:00").json())).isEqualTo(DeadLetter.UNKNOWN_TYPE);

    var app = io.lawmonitor.Fixtures.disclosure("GI-1");
    assertThat(DisclosureAttributes.of(app.event("APPLIED", "2026-09-21T10:00").attr("channel", "online").event()).channel()).isEqualTo("ONLINE");
    assertThat(reason(app.event("APPLIED", "2026-09-21T10:00").attr("channel", "FAX").json())).isEqualTo(DeadLetter.BAD_VALUE);
    assertThat(DisclosureAttributes.of(app.event("EXTENDED", "2026-09-21T10:00").event()).workdays()).isEqualTo(20);
    assertThat(parse(app.event("EXTENDED", "2026-09-21T10:00").attr("workdays", 25).json()).deadLetter().detail())
        .isEqualTo("attrs.workdays is not a whole number of days from 0 to 20");
    assertThat(reason(app.event("ANSWERED", "2026-09-21T10:00").json())).isEqualTo(DeadLetter.MISSING_FIELD);
    assertThat(DisclosureAttributes.of(app.event("ANSWERED", "2026-09-21T10:00").attr("result", "NOT_EXIST").event()).result()).isEqualTo("NOT_EXIST");
    assertThat(parse(hotline("HL-1").received("2026-10-12T09:00").json().replace("\"hotline\"", "\"petition\""))
        .deadLetter().detail()).isEqualTo("stream 'petition' is not one of hotline, enforcement, review, mediation, litigation, disclosure");
  }
}
