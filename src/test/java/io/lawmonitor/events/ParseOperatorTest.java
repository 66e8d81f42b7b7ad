package io.lawmonitor.events;

import static io.lawmonitor.Fixtures.hotline;
import static io.lawmonitor.Fixtures.review;
import static io.lawmonitor.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The far-future guard, per Kafka partition, as a reader working through a backlog sees the records. */
class ParseOperatorTest {
  static final long MIN5 = 300_000L;
  static final long H24 = 86_400_000L;

  static OneInputStreamOperatorTestHarness<RawEvent, Event> harness() throws Exception {
    var h = new OneInputStreamOperatorTestHarness<>(new ParseOperator(65_536, MIN5, H24, Long.MAX_VALUE));
    h.open();
    return h;
  }

  static void send(OneInputStreamOperatorTestHarness<RawEvent, Event> h, String origin, String json) throws Exception {
    h.processElement(new StreamRecord<>(new RawEvent(json, origin, json.length())));
  }

  static List<String> passed(OneInputStreamOperatorTestHarness<RawEvent, Event> h) {
    List<String> ids = new ArrayList<>();
    for (Object o : h.getOutput()) {
      if (o instanceof StreamRecord<?> r) {
        ids.add(((Event) r.getValue()).caseId + "@" + ((Event) r.getValue()).eventTime);
      }
    }
    return ids;
  }

  static List<String> deadReasons(OneInputStreamOperatorTestHarness<RawEvent, Event> h) {
    List<String> out = new ArrayList<>();
    var side = h.getSideOutput(ParseOperator.DEAD_LETTERS);
    if (side != null) {
      side.forEach(r -> out.add(r.getValue().reason() + " " + r.getValue().origin()));
    }
    return out;
  }

  @Test
  void aSparsePartitionReadAheadOfABusyOneIsNotFarFuture() throws Exception {
    try (var h = harness()) {
      // the busy partition's first chunk: Sep 26 to Sep 27
      send(h, "law.hotline.events/0@0", hotline("HL-1").received("2026-09-26T08:00").json());
      send(h, "law.hotline.events/0@1", hotline("HL-2").received("2026-09-27T07:00").json());
      // the sparse partition's whole content in one chunk, with a quiet holiday of 5 days inside it
      send(h, "law.review.events/0@0", review("RV-1").received("2026-09-26T09:00").json());
      send(h, "law.review.events/0@1", review("RV-2").received("2026-10-08T09:00").json());
      // then the busy partition again, still at Sep 27: says nothing about the review partition's clock
      send(h, "law.hotline.events/0@2", hotline("HL-3").received("2026-09-27T09:00").json());
      send(h, "law.review.events/0@2", review("RV-3").received("2026-10-08T10:00").json());
      assertThat(deadReasons(h)).isEmpty();
      assertThat(passed(h)).containsExactly("HL-1@" + t("2026-09-26T08:00"), "HL-2@" + t("2026-09-27T07:00"),
          "RV-1@" + t("2026-09-26T09:00"), "HL-3@" + t("2026-09-27T09:00"), "RV-2@" + t("2026-10-08T09:00"),
          "RV-3@" + t("2026-10-08T10:00"));
    }
  }

  @Test
  void aWrongClockInOnePartitionIsStillFarFuture() throws Exception {
    try (var h = harness()) {
      send(h, "law.hotline.events/1@0", hotline("HL-1").received("2026-09-26T08:00").json());
      send(h, "law.hotline.events/1@1", hotline("HL-2").received("2027-09-26T08:00").json());
      send(h, "law.hotline.events/1@2", hotline("HL-3").received("2026-09-26T08:30").json());
      assertThat(deadReasons(h)).containsExactly("FAR_FUTURE law.hotline.events/1@1");
      assertThat(passed(h)).containsExactly("HL-1@" + t("2026-09-26T08:00"), "HL-3@" + t("2026-09-26T08:30"));
    }
  }

  @Test
  void aPartitionsFirstEventIsMeasuredAgainstTheWatermark() throws Exception {
    try (var h = harness()) {
      h.processWatermark(new Watermark(t("2026-09-26T08:00")));
      send(h, "law.review.events/1@0", review("RV-9").received("2027-01-01T09:00").json());
      send(h, "law.review.events/1@1", review("RV-10").received("2026-09-26T09:00").json());
      assertThat(deadReasons(h)).containsExactly("FAR_FUTURE law.review.events/1@0");
    }
  }

  @Test
  void aHeldEventTheWatermarkCatchesUpWithIsPassedOn() throws Exception {
    try (var h = harness()) {
      send(h, "law.review.events/0@0", review("RV-1").received("2026-09-26T09:00").json());
      send(h, "law.review.events/0@1", review("RV-2").received("2026-10-08T09:00").json());
      assertThat(passed(h)).hasSize(1);
      h.processWatermark(new Watermark(t("2026-10-07T10:00")));
      assertThat(passed(h)).hasSize(2);
      assertThat(deadReasons(h)).isEmpty();
    }
  }

  @Test
  void theLaneOfAnOrigin() {
    assertThat(ParseOperator.lane("law.hotline.events/3@1234")).isEqualTo("law.hotline.events/3");
    assertThat(ParseOperator.lane("sample-events/hotline.jsonl:17")).isEmpty();
    assertThat(ParseOperator.lane("/data/a@b/x.jsonl:3")).isEmpty();
  }
}
