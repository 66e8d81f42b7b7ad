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
    var h = new OneInputStreamOperatorTestHarness<>(new ParseOperator(new io.lawmonitor.parse.EventParser(65_536), MIN5, H24, Long.MAX_VALUE));
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

  /**
   * A live reader whose only partition is a sparse one: the first review application after days is
   * far ahead of the partition's last event, and no next event will come for a fortnight. Once the
   * reader has read nothing for the idleness, it is judged against the present: it counts; an event
   * later than the present plus the bound is FAR_FUTURE. Records still coming put the check off.
   */
  @Test
  void aHeldEventWithNothingAfterItIsJudgedAgainstThePresentInALiveRun() throws Exception {
    long quiet = 60_000L;
    try (var h = new OneInputStreamOperatorTestHarness<>(new ParseOperator(new io.lawmonitor.parse.EventParser(65_536), MIN5, H24, Long.MAX_VALUE, quiet))) {
      h.open();
      long now = t("2026-12-06T10:00");
      h.setProcessingTime(now);
      send(h, "law.review.events/0@0", review("RV-1").received("2026-12-01T09:00").json());
      send(h, "law.review.events/0@1", review("RV-2").received("2026-12-06T09:59").json());
      assertThat(passed(h)).containsExactly("RV-1@" + t("2026-12-01T09:00"));
      // a record of another partition of the reader within the minute: not quiet yet
      h.setProcessingTime(now + 30_000);
      send(h, "law.review.events/1@0", review("RV-3").received("2026-12-01T10:00").json());
      h.setProcessingTime(now + quiet);
      assertThat(passed(h)).hasSize(2);
      h.setProcessingTime(now + 2 * quiet);
      assertThat(passed(h)).containsExactly("RV-1@" + t("2026-12-01T09:00"), "RV-3@" + t("2026-12-01T10:00"),
          "RV-2@" + t("2026-12-06T09:59"));
      assertThat(deadReasons(h)).isEmpty();
      // a wrong clock on the same quiet partition: beyond the present plus 24 h
      send(h, "law.review.events/0@2", review("RV-4").received("2026-12-09T10:00").json());
      h.setProcessingTime(now + 4 * quiet);
      assertThat(deadReasons(h)).containsExactly("FAR_FUTURE law.review.events/0@2");
      assertThat(passed(h)).hasSize(3);
    }
  }

  /**
   * A live reader restored from a snapshot taken after it had read its partitions, with nothing new
   * to read: when its source turns idle, the watermark its lanes' events reached goes first (the
   * source has no event to make one from); a lower watermark from the source after that is not
   * passed on. A bounded run adds none.
   */
  @Test
  void aRestoredLiveReaderTurningIdlePassesOnTheTimeItsLanesReached() throws Exception {
    long quiet = 60_000L;
    org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
    try (var h = new OneInputStreamOperatorTestHarness<>(new ParseOperator(new io.lawmonitor.parse.EventParser(65_536), MIN5, H24, Long.MAX_VALUE, quiet))) {
      h.open();
      send(h, "law.hotline.events/0@0", hotline("HL-1").received("2026-12-06T09:00").json());
      send(h, "law.hotline.events/0@1", hotline("HL-2").received("2026-12-06T10:17:30").json());
      send(h, "law.review.events/0@0", review("RV-1").received("2026-12-03T09:00").json());
      h.processWatermark(new Watermark(t("2026-12-03T08:55") - 1000));
      snapshot = h.snapshot(1L, 1L);
    }
    try (var h = new OneInputStreamOperatorTestHarness<>(new ParseOperator(new io.lawmonitor.parse.EventParser(65_536), MIN5, H24, Long.MAX_VALUE, quiet))) {
      h.initializeState(snapshot);
      h.open();
      h.processWatermarkStatus(org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus.IDLE);
      h.processWatermarkStatus(org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus.ACTIVE);
      h.processWatermark(new Watermark(t("2026-12-03T08:55") - 1000));
      assertThat(new ArrayList<>(h.getOutput())).containsExactly(new Watermark(t("2026-12-06T10:12:29")),
          org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus.IDLE,
          org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus.ACTIVE);
    }
    try (var h = harness()) {
      send(h, "law.hotline.events/0@0", hotline("HL-1").received("2026-12-06T09:00").json());
      h.processWatermarkStatus(org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus.IDLE);
      assertThat(h.getOutput()).noneMatch(o -> o instanceof Watermark);
    }
  }

  @Test
  void aBoundedRunNeverJudgesByThePresent() throws Exception {
    try (var h = harness()) {
      h.setProcessingTime(t("2026-12-06T10:00"));
      send(h, "law.review.events/0@0", review("RV-1").received("2026-12-01T09:00").json());
      send(h, "law.review.events/0@1", review("RV-2").received("2026-12-06T09:59").json());
      h.setProcessingTime(t("2026-12-07T10:00"));
      assertThat(passed(h)).containsExactly("RV-1@" + t("2026-12-01T09:00"));
    }
  }

  @Test
  void theLaneOfAnOrigin() {
    assertThat(ParseOperator.lane("law.hotline.events/3@1234")).isEqualTo("law.hotline.events/3");
    assertThat(ParseOperator.lane("sample-events/hotline.jsonl:17")).isEmpty();
    assertThat(ParseOperator.lane("/data/a@b/x.jsonl:3")).isEmpty();
  }
}
