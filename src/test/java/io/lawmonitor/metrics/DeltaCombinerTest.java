package io.lawmonitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.events.StreamKind;
import io.lawmonitor.lifecycle.Fact;
import io.lawmonitor.lifecycle.FactKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * A fact's changes, per metric and scope of the levels computed; sums per (metric, scope, hour) go
 * on when the watermark passes the hour; event time goes on in whole minutes.
 */
class DeltaCombinerTest {
  private static final long H = 3_600_000L;

  /** Cities only, and the on-time closure rate only: a fact of city {@code a} moves one cell. */
  private static DeltaCombiner combiner() {
    return new DeltaCombiner(List.of("city"), List.of("hotline.ontime_closure_rate"));
  }

  private static List<String> seen(OneInputStreamOperatorTestHarness<Fact, MetricDelta> h) {
    List<String> out = new ArrayList<>();
    for (Object o : h.getOutput()) {
      if (o instanceof StreamRecord<?> r && r.getValue() instanceof MetricDelta d) {
        out.add(d.scope() + "@" + d.time() / H + " " + d.numerator() + "/" + d.denominator()
            + (d.lateWatermark() == Long.MIN_VALUE ? "" : " late"));
      } else if (o instanceof Watermark w) {
        out.add("wm " + w.getTimestamp());
      }
    }
    return out;
  }

  /** A 12345 closure of city {@code scope}: on time (1/1) or overdue (0/1). */
  private static StreamRecord<Fact> closure(String scope, long time, boolean onTime) {
    return new StreamRecord<>(new Fact(StreamKind.HOTLINE, onTime ? FactKind.ONTIME : FactKind.OVERDUE,
        "HOTLINE_CLOSURE", time, scope, "宜昌市生态环境局", 1));
  }

  /** A fact moves every metric computed in every scope of the levels computed, and nothing else. */
  @Test
  void aFactMovesItsMetricsInTheScopesComputed() throws Exception {
    try (var h = new OneInputStreamOperatorTestHarness<>(new DeltaCombiner(List.of("all", "district", "agency"),
        List.of("hotline.ontime_closure_rate", "hotline.closed_count")))) {
      h.open();
      h.processElement(new StreamRecord<>(new Fact(StreamKind.HOTLINE, FactKind.LATE_COMPLETION, "HOTLINE_CLOSURE",
          10 * H, "宜昌市/西陵区/云集街道", "宜昌市生态环境局", 1)));
      h.processElement(new StreamRecord<>(new Fact(StreamKind.HOTLINE, FactKind.OVERDUE, "HOTLINE_CLOSURE",
          10 * H + 1, "宜昌市/西陵区/云集街道", "宜昌市生态环境局", 1)));
      h.processWatermark(new Watermark(Long.MAX_VALUE));
      List<String> out = new ArrayList<>();
      for (Object o : h.getOutput()) {
        if (o instanceof StreamRecord<?> r && r.getValue() instanceof MetricDelta d) {
          out.add(d.metric() + " " + d.scopeLevel() + " " + d.scope() + " " + d.numerator() + "/" + d.denominator());
        }
      }
      assertThat(out).containsExactlyInAnyOrder(
          "hotline.closed_count all all 1/0", "hotline.closed_count district 宜昌市/西陵区 1/0",
          "hotline.closed_count agency 宜昌市生态环境局 1/0", "hotline.ontime_closure_rate all all 0/1",
          "hotline.ontime_closure_rate district 宜昌市/西陵区 0/1", "hotline.ontime_closure_rate agency 宜昌市生态环境局 0/1");
    }
  }

  @Test
  void sendsAnHoursSumsWhenTheWatermarkPassesItsEnd() throws Exception {
    try (var h = new OneInputStreamOperatorTestHarness<>(combiner())) {
      h.open();
      h.processElement(closure("a", 10 * H + 1_000, true));
      h.processElement(closure("a", 10 * H + 2_000, false));
      h.processElement(closure("b", 10 * H + 3_000, true));
      h.processElement(closure("a", 11 * H + 5_000, true));
      h.processWatermark(new Watermark(10 * H + 59 * 60_000 + 30_500)); // 10:59:30.5
      assertThat(seen(h)).as("the hour is not over: nothing sent; the watermark at its whole minute")
          .containsExactly("wm " + (10 * H + 59 * 60_000));
      h.processWatermark(new Watermark(10 * H + 59 * 60_000 + 45_000)); // same minute: not passed on again
      h.processWatermark(new Watermark(11 * H - 1)); // every event of hour 10 is in
      assertThat(seen(h)).containsExactlyInAnyOrder("wm " + (10 * H + 59 * 60_000), "a@10 1/2", "b@10 1/1");
      assertThat(seen(h).get(seen(h).size() - 1)).as("sent before the watermark that closes the hour")
          .isIn("a@10 1/2", "b@10 1/1");
      h.processWatermark(new Watermark(11 * H));
      assertThat(seen(h)).endsWith("wm " + 11 * H);
      h.processElement(new StreamRecord<>(new Fact(StreamKind.HOTLINE, FactKind.ONTIME, "HOTLINE_CLOSURE", 9 * H, "a",
          null, 1, 10 * H)));
      assertThat(seen(h)).as("a change from a late event goes straight on").endsWith("a@9 1/1 late");
      h.processWatermark(new Watermark(Long.MAX_VALUE));
      assertThat(seen(h)).endsWith("a@11 1/1", "wm " + Long.MAX_VALUE);
    }
  }

  /** An input going idle stops holding the windows back: what is held goes on before the idle status. */
  @Test
  void sendsEverythingHeldBeforeItsInputGoesIdle() throws Exception {
    try (var h = new OneInputStreamOperatorTestHarness<>(combiner())) {
      h.open();
      h.processElement(closure("a", 10 * H + 1_000, true));
      h.processElement(closure("a", 11 * H + 1_000, true));
      h.processElement(closure("a", 11 * H + 1_500, false));
      h.processWatermark(new Watermark(10 * H + 30 * 60_000));
      assertThat(seen(h)).containsExactly("wm " + (10 * H + 30 * 60_000));
      h.processWatermarkStatus(WatermarkStatus.IDLE);
      List<Object> all = new ArrayList<>(h.getOutput());
      assertThat(seen(h)).containsExactly("wm " + (10 * H + 30 * 60_000), "a@10 1/1", "a@11 1/2");
      assertThat(all.get(all.size() - 1)).isEqualTo(WatermarkStatus.IDLE);
      h.processWatermarkStatus(WatermarkStatus.ACTIVE);
      h.processElement(closure("a", 11 * H + 2_000, true));
      h.processWatermark(new Watermark(12 * H));
      assertThat(seen(h)).endsWith("a@11 1/1", "wm " + 12 * H);
    }
  }
}
