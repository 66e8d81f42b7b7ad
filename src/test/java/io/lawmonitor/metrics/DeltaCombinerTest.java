package io.lawmonitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Sums per (metric, scope, hour) go on when the watermark passes the hour; event time goes on in whole minutes. */
class DeltaCombinerTest {
  private static final long H = 3_600_000L;

  private static List<String> seen(OneInputStreamOperatorTestHarness<MetricDelta, MetricDelta> h) {
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

  private static StreamRecord<MetricDelta> delta(String scope, long time, long n, long d) {
    return new StreamRecord<>(new MetricDelta("hotline.ontime_closure_rate", "district", scope, time, n, d, Long.MIN_VALUE));
  }

  @Test
  void sendsAnHoursSumsWhenTheWatermarkPassesItsEnd() throws Exception {
    try (var h = new OneInputStreamOperatorTestHarness<>(new DeltaCombiner())) {
      h.open();
      h.processElement(delta("a", 10 * H + 1_000, 1, 1));
      h.processElement(delta("a", 10 * H + 2_000, 0, 1));
      h.processElement(delta("b", 10 * H + 3_000, 1, 1));
      h.processElement(delta("a", 11 * H + 5_000, 1, 1));
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
      h.processElement(new StreamRecord<>(new MetricDelta("hotline.ontime_closure_rate", "district", "a", 9 * H, 1, 1,
          10 * H)));
      assertThat(seen(h)).as("a change from a late event goes straight on").endsWith("a@9 1/1 late");
      h.processWatermark(new Watermark(Long.MAX_VALUE));
      assertThat(seen(h)).endsWith("a@11 1/1", "wm " + Long.MAX_VALUE);
    }
  }

  /** An input going idle stops holding the windows back: what is held goes on before the idle status. */
  @Test
  void sendsEverythingHeldBeforeItsInputGoesIdle() throws Exception {
    try (var h = new OneInputStreamOperatorTestHarness<>(new DeltaCombiner())) {
      h.open();
      h.processElement(delta("a", 10 * H + 1_000, 1, 1));
      h.processElement(delta("a", 11 * H + 1_000, 1, 2));
      h.processWatermark(new Watermark(10 * H + 30 * 60_000));
      assertThat(seen(h)).containsExactly("wm " + (10 * H + 30 * 60_000));
      h.processWatermarkStatus(WatermarkStatus.IDLE);
      List<Object> all = new ArrayList<>(h.getOutput());
      assertThat(seen(h)).containsExactly("wm " + (10 * H + 30 * 60_000), "a@10 1/1", "a@11 1/2");
      assertThat(all.get(all.size() - 1)).isEqualTo(WatermarkStatus.IDLE);
      h.processWatermarkStatus(WatermarkStatus.ACTIVE);
      h.processElement(delta("a", 11 * H + 2_000, 1, 1));
      h.processWatermark(new Watermark(12 * H));
      assertThat(seen(h)).endsWith("a@11 1/1", "wm " + 12 * H);
    }
  }
}
