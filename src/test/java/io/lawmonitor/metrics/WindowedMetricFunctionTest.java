package io.lawmonitor.metrics;

import static io.lawmonitor.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class WindowedMetricFunctionTest {
  private static final long HOUR = 3_600_000L;
  private static final String SCOPE = "宜昌市/西陵区";

  private static KeyedOneInputStreamOperatorTestHarness<String, MetricDelta, MetricRecord> harness() throws Exception {
    return harness(null);
  }

  /** A harness, restored from {@code snapshot} when one is given. */
  private static KeyedOneInputStreamOperatorTestHarness<String, MetricDelta, MetricRecord> harness(
      org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot) throws Exception {
    return harness(snapshot, 50_000);
  }

  /** A harness keeping at most {@code kept} keys' state in memory between their calls. */
  private static KeyedOneInputStreamOperatorTestHarness<String, MetricDelta, MetricRecord> harness(
      org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot, int kept) throws Exception {
    var h = new KeyedOneInputStreamOperatorTestHarness<>(new io.lawmonitor.runtime.HeldSteps<>(
        new WindowedMetricFunction(List.of(WindowKind.SLIDING_24H, WindowKind.DAY_TO_DATE), 2 * HOUR, Long.MAX_VALUE, "live")
            .keptAtMost(kept)),
        MetricDelta::key, Types.STRING);
    if (snapshot != null) {
      h.initializeState(snapshot);
    }
    h.open();
    return h;
  }

  /**
   * Two scopes' outcomes over three days, the watermark hour by hour (each scope's next window end
   * held by the operator), each day's outcomes just before their hour: every record, in either
   * scope, sorted.
   */
  private static List<String> hourByHour(boolean restoreHalfway) throws Exception {
    return hourByHour(restoreHalfway, 50_000);
  }

  private static List<String> hourByHour(boolean restoreHalfway, int kept) throws Exception {
    return hourByHour(restoreHalfway, kept, -1);
  }

  /** As above, with a checkpoint first taken after {@code checkpointAfter} hours that the harness carries on from. */
  private static List<String> hourByHour(boolean restoreHalfway, int kept, int checkpointAfter) throws Exception {
    var h = harness(null, kept);
    List<MetricRecord> out = new java.util.ArrayList<>();
    long from = t("2026-10-12T09:00");
    long to = t("2026-10-16T12:00");
    for (long w = from; w <= to; w += HOUR) {
      for (int day = 12; day <= 14; day++) {
        if (w == t("2026-10-" + day + "T09:00")) { // each day's outcomes half an hour ahead of the watermark
          for (String scope : List.of(SCOPE, "宜昌市/伍家岗区")) {
            h.processElement(new MetricDelta("hotline.ontime_closure_rate", "district", scope,
                t("2026-10-" + day + "T09:30"), day % 2, 1, Long.MIN_VALUE), 0);
          }
        }
      }
      if (w == from + checkpointAfter * HOUR) {
        h.prepareSnapshotPreBarrier(1L);
        h.snapshot(1L, 1L);
        h.notifyOfCompletedCheckpoint(1L);
      }
      if (restoreHalfway && w == from + 30 * HOUR) {
        h.prepareSnapshotPreBarrier(1L); // as a task does before every checkpoint
        var snapshot = h.snapshot(1L, 1L);
        out.addAll(h.extractOutputValues());
        h.close();
        h = harness(snapshot, kept);
      }
      h.processWatermark(new Watermark(w));
    }
    out.addAll(h.extractOutputValues());
    h.close();
    return out.stream().map(m -> m.scope() + " " + show(m)).sorted().toList();
  }

  @Test
  void theWindowsEndTheSameAfterARestore() throws Exception {
    List<String> expected = hourByHour(false);
    assertThat(expected).contains(SCOPE + " sliding_24h 2026-10-13T10:00 1/1 r0", SCOPE + " day_to_date 2026-10-14T10:00 0/1 r0",
        "宜昌市/伍家岗区 sliding_24h 2026-10-15T09:00 0/1 r0");
    assertThat(expected).noneMatch(r -> r.contains("2026-10-15T10:00") && r.contains("sliding_24h"));
    assertThat(hourByHour(true)).isEqualTo(expected);
  }

  /**
   * A key's state stays in memory between its calls, goes into the snapshot (the restore above
   * fails without it) and, past the limit of keys kept, into state at once: the same records.
   */
  @Test
  void theWindowsAreTheSameWhereverTheirStateIsKept() throws Exception {
    List<String> expected = hourByHour(false);
    assertThat(expected).hasSizeGreaterThan(100);
    assertThat(hourByHour(false, 1)).isEqualTo(expected);
    assertThat(hourByHour(true, 1)).isEqualTo(expected);
  }

  /**
   * The windows kept in memory go on from a checkpoint without being read back, and the next
   * checkpoint holds what changed after the one before: restored from it, the same records.
   */
  @Test
  void theWindowsKeptAcrossACheckpointGoIntoTheNextOne() throws Exception {
    List<String> expected = hourByHour(false);
    for (int after : new int[] {1, 12, 29}) {
      assertThat(hourByHour(false, 50_000, after)).as("a checkpoint after %d hours", after).isEqualTo(expected);
      assertThat(hourByHour(true, 50_000, after)).as("restored after a checkpoint after %d hours", after)
          .isEqualTo(expected);
    }
  }

  private static MetricDelta closure(String at, long n, long d) {
    return new MetricDelta("hotline.ontime_closure_rate", "district", SCOPE, t(at), n, d, Long.MIN_VALUE);
  }

  /** Three closures on time at 10:00 Oct 15, one overdue at its deadline, 24:00 Oct 15. */
  private static void threeOnTimeOneOverdue(KeyedOneInputStreamOperatorTestHarness<String, MetricDelta, MetricRecord> h)
      throws Exception {
    for (int i = 0; i < 3; i++) {
      h.processElement(closure("2026-10-15T10:00", 1, 1), 0);
    }
    h.processElement(closure("2026-10-16T00:00", 0, 1), 0);
  }

  private static String show(MetricRecord m) {
    return m.window() + " " + io.lawmonitor.events.EventJson.time(m.windowEnd()).substring(0, 16) + " "
        + m.numerator() + "/" + m.denominator() + " r" + m.revision();
  }

  private static List<String> emitted(KeyedOneInputStreamOperatorTestHarness<String, MetricDelta, MetricRecord> h,
      String end) {
    return h.extractOutputValues().stream().filter(m -> m.windowEnd() == t(end)).map(WindowedMetricFunctionTest::show).toList();
  }

  @Test
  void threeOfFourOnTimeInTheWindowHoldingAllFour() throws Exception {
    var h = harness();
    threeOnTimeOneOverdue(h);
    h.processWatermark(new Watermark(t("2026-10-16T01:00")));
    MetricRecord last = h.extractOutputValues().stream()
        .filter(m -> m.window().equals("sliding_24h") && m.windowEnd() == t("2026-10-16T01:00")).findFirst().orElseThrow();
    assertThat(last.value()).isEqualTo(0.75);
    assertThat(last.windowStart()).isEqualTo(t("2026-10-15T01:00"));
    assertThat(last.wilsonLow()).isEqualTo(0.3006);
    assertThat(last.wilsonHigh()).isEqualTo(0.9545);
    assertThat(emitted(h, "2026-10-16T00:00")).containsExactlyInAnyOrder("sliding_24h 2026-10-16T00:00 3/3 r0",
        "day_to_date 2026-10-16T00:00 3/3 r0");
    assertThat(emitted(h, "2026-10-16T01:00")).containsExactlyInAnyOrder("sliding_24h 2026-10-16T01:00 3/4 r0",
        "day_to_date 2026-10-16T01:00 0/1 r0");
    assertThat(h.extractOutputValues()).filteredOn(m -> m.window().equals("day_to_date") && m.windowEnd() == t("2026-10-16T00:00"))
        .singleElement().extracting(MetricRecord::windowStart).isEqualTo(t("2026-10-15T00:00"));
    // empty windows are not emitted: nothing before the first outcome's hour ends
    assertThat(h.extractOutputValues()).allMatch(m -> m.windowEnd() >= t("2026-10-15T11:00"));
    h.close();
  }

  @Test
  void aLateOutcomeRevisesTheWindowsThatHadClosed() throws Exception {
    var h = harness();
    threeOnTimeOneOverdue(h);
    h.processWatermark(new Watermark(t("2026-10-16T01:00")));
    h.processElement(new MetricDelta("hotline.ontime_closure_rate", "district", SCOPE, t("2026-10-15T23:30"), 1, 1,
        t("2026-10-16T01:00")), 0);
    h.processWatermark(new Watermark(t("2026-10-16T01:30")));
    assertThat(emitted(h, "2026-10-16T00:00")).containsExactlyInAnyOrder("sliding_24h 2026-10-16T00:00 3/3 r0",
        "day_to_date 2026-10-16T00:00 3/3 r0", "sliding_24h 2026-10-16T00:00 4/4 r1", "day_to_date 2026-10-16T00:00 4/4 r1");
    assertThat(emitted(h, "2026-10-16T01:00")).containsExactlyInAnyOrder("sliding_24h 2026-10-16T01:00 3/4 r0",
        "day_to_date 2026-10-16T01:00 0/1 r0", "sliding_24h 2026-10-16T01:00 4/5 r1");
    h.close();
  }

  @Test
  void lateForTheSourceMeansARevisionEvenIfThisOperatorIsBehind() throws Exception {
    var h = harness();
    threeOnTimeOneOverdue(h);
    h.processWatermark(new Watermark(t("2026-10-15T22:00")));
    // judged late upstream at 01:00, reaching this operator before its own watermark got there
    h.processElement(new MetricDelta("hotline.ontime_closure_rate", "district", SCOPE, t("2026-10-15T23:30"), 1, 1,
        t("2026-10-16T01:00")), 0);
    h.processWatermark(new Watermark(t("2026-10-16T01:30")));
    assertThat(emitted(h, "2026-10-16T00:00")).containsExactlyInAnyOrder("sliding_24h 2026-10-16T00:00 3/3 r0",
        "day_to_date 2026-10-16T00:00 3/3 r0", "sliding_24h 2026-10-16T00:00 4/4 r1", "day_to_date 2026-10-16T00:00 4/4 r1");
    assertThat(emitted(h, "2026-10-16T01:00")).containsExactlyInAnyOrder("sliding_24h 2026-10-16T01:00 3/4 r0",
        "day_to_date 2026-10-16T01:00 0/1 r0", "sliding_24h 2026-10-16T01:00 4/5 r1");
    h.close();
  }

  @Test
  void aGaugeIsReportedAtItsLevelWhileItMoves() throws Exception {
    var h = harness();
    h.processElement(new MetricDelta("review.open_cases", "all", "all", t("2026-10-12T09:10"), 1, 0, Long.MIN_VALUE), 0);
    h.processElement(new MetricDelta("review.open_cases", "all", "all", t("2026-10-12T10:10"), 1, 0, Long.MIN_VALUE), 0);
    h.processElement(new MetricDelta("review.open_cases", "all", "all", t("2026-10-13T11:10"), -1, 0, Long.MIN_VALUE), 0);
    h.processWatermark(new Watermark(t("2026-10-16T00:00")));
    var sliding = h.extractOutputValues().stream().filter(m -> m.window().equals("sliding_24h")).toList();
    assertThat(sliding).filteredOn(m -> m.windowEnd() == t("2026-10-12T10:00")).singleElement()
        .satisfies(m -> assertThat(m.value()).isEqualTo(1.0));
    assertThat(sliding).filteredOn(m -> m.windowEnd() == t("2026-10-12T11:00")).singleElement()
        .satisfies(m -> assertThat(m.value()).isEqualTo(2.0));
    assertThat(sliding).filteredOn(m -> m.windowEnd() == t("2026-10-13T12:00")).singleElement()
        .satisfies(m -> assertThat(m.value()).isEqualTo(1.0));
    assertThat(sliding).allMatch(m -> m.numerator() == null && m.wilsonLow() == null);
    assertThat(sliding.get(sliding.size() - 1).windowEnd()).as("quiet for a day: no more records")
        .isEqualTo(t("2026-10-14T11:00"));
    h.close();
  }
}
