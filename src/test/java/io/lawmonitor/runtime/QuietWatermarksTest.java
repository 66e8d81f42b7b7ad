package io.lawmonitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutputMultiplexer;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

class QuietWatermarksTest {
  /** What reached the output: "wm <millis>", "idle" or "active". */
  static final class Seen implements WatermarkOutput {
    final List<String> log = new ArrayList<>();

    @Override
    public void emitWatermark(Watermark w) {
      log.add("wm " + w.getTimestamp());
    }

    @Override
    public void markIdle() {
      log.add("idle");
    }

    @Override
    public void markActive() {
      log.add("active");
    }

    String last() {
      return log.isEmpty() ? "" : log.get(log.size() - 1);
    }
  }

  final ManualClock clock = new ManualClock(1_000_000_000L);
  final Seen out = new Seen();
  final QuietWatermarks.Reader reader = new QuietWatermarks.Reader();
  // out of order by 5 s; quiet after 10 s
  final QuietWatermarks<Long> q = new QuietWatermarks<>(new OutOfOrder(), 10_000, clock, reader);

  /** Like the monitor's generators: out of order by 5 s, whole seconds, emitted as events arrive. */
  static final class OutOfOrder implements WatermarkGenerator<Long> {
    long max = Long.MIN_VALUE;
    long emitted = Long.MIN_VALUE;

    @Override
    public void onEvent(Long e, long ts, WatermarkOutput output) {
      max = Math.max(max, ts);
      long wm = Math.floorDiv(max - 5_000 - 1, 1000L) * 1000L;
      if (wm > emitted) {
        emitted = wm;
        output.emitWatermark(new Watermark(wm));
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      if (emitted != Long.MIN_VALUE) {
        output.emitWatermark(new Watermark(emitted));
      }
    }
  }

  void after(long millis) {
    clock.advanceTime(java.time.Duration.ofMillis(millis));
    q.onPeriodicEmit(out);
  }

  void event(long t) {
    q.onEvent(t, t, out);
  }

  @Test
  void anInputWithoutEventsIsIdleOnceTheIdlenessHasPassed() {
    after(9_999);
    assertThat(out.log).isEmpty();
    after(1);
    assertThat(out.log).containsExactly("idle");
    after(60_000);
    assertThat(out.log).containsExactly("idle");
    event(100_000);
    assertThat(out.last()).isEqualTo("wm 94000");
  }

  @Test
  void aQuietInputIsIdleAndNeverMovesWithTheClock() {
    event(100_000);
    assertThat(out.last()).isEqualTo("wm 94000");
    after(9_999);
    assertThat(out.last()).isEqualTo("wm 94000");
    after(1);
    assertThat(out.last()).isEqualTo("idle");
    int seen = out.log.size();
    after(3_600_000);
    assertThat(out.log).hasSize(seen); // an hour later, still where its last event put it
    // the next event, ahead, takes it back
    event(200_000);
    assertThat(out.last()).isEqualTo("wm 194000");
  }

  /** Two partitions of one reader, combined as Flink's source combines them. */
  final class TwoSplits {
    final WatermarkOutputMultiplexer mux = new WatermarkOutputMultiplexer(out);
    final QuietWatermarks<Long> busy = new QuietWatermarks<>(new OutOfOrder(), 10_000, clock, reader);
    final QuietWatermarks<Long> sparse = new QuietWatermarks<>(new OutOfOrder(), 10_000, clock, reader);

    TwoSplits() {
      mux.registerNewOutput("busy");
      mux.registerNewOutput("sparse");
    }

    void busy(long t) {
      busy.onEvent(t, t, mux.getImmediateOutput("busy"));
    }

    void sparse(long t) {
      sparse.onEvent(t, t, mux.getImmediateOutput("sparse"));
    }

    void after(long millis) {
      clock.advanceTime(java.time.Duration.ofMillis(millis));
      busy.onPeriodicEmit(mux.getDeferredOutput("busy"));
      sparse.onPeriodicEmit(mux.getDeferredOutput("sparse"));
      mux.onPeriodicEmit();
    }
  }

  @Test
  void aQuietPartitionStopsHoldingItsReaderBackAndComesBackOnlyOnceCaughtUp() {
    TwoSplits r = new TwoSplits();
    r.sparse(100_000);
    r.busy(50_000);
    assertThat(out.last()).isEqualTo("wm 44000"); // the lower of the two
    // the busy partition reads on through a backlog, far past the sparse one's last event
    for (int i = 1; i <= 12; i++) {
      r.after(500);
      r.busy(50_000 + i * 100_000L);
    }
    assertThat(out.last()).isEqualTo("wm 94000"); // held at the sparse partition's
    r.after(4_000); // the sparse one has been quiet for 10 s: it no longer holds the reader
    assertThat(out.last()).isEqualTo("wm 1244000");
    r.busy(1_300_000);
    assertThat(out.last()).isEqualTo("wm 1294000");
    // its next event, days behind the reader, does not stall it
    r.sparse(400_000);
    r.busy(1_400_000);
    assertThat(out.last()).isEqualTo("wm 1394000");
    r.after(1_000);
    assertThat(out.last()).isEqualTo("wm 1394000");
    // caught up, it counts again: the reader waits for it
    r.sparse(1_450_000);
    r.busy(1_600_000);
    assertThat(out.last()).isEqualTo("wm 1444000");
    r.sparse(1_700_000);
    assertThat(out.last()).isEqualTo("wm 1594000");
  }

  @Test
  void anIdleInputDoesNotComeBackWithoutAnEvent() {
    TwoSplits r = new TwoSplits();
    r.busy(50_000);
    r.sparse(50_000);
    assertThat(out.last()).isEqualTo("wm 44000");
    r.after(10_000);
    assertThat(out.last()).isEqualTo("idle"); // both quiet: the reader is idle
    r.after(5_000);
    r.after(5_000);
    assertThat(out.last()).isEqualTo("idle");
    r.busy(60_000);
    r.after(5_000);
    r.busy(65_000);
    assertThat(out.last()).isEqualTo("idle"); // a reader whose inputs were all idle waits for the others
    r.after(5_000);
    assertThat(out.last()).isEqualTo("wm 59000"); // active again, by the partition that had events
    r.busy(70_000);
    assertThat(out.last()).isEqualTo("wm 64000");
  }

  @Test
  void aPartitionWhoseFirstEventIsBehindTheReaderHoldsItBackUntilItCatchesUp() {
    TwoSplits r = new TwoSplits();
    r.after(10_000); // the sparse partition has had nothing since the start: idle
    r.busy(500_000);
    assertThat(out.last()).isEqualTo("wm 494000");
    QuietWatermarks<Long> added = new QuietWatermarks<>(new OutOfOrder(), 10_000, clock, reader);
    r.mux.registerNewOutput("added");
    added.onEvent(100_000L, 100_000L, r.mux.getImmediateOutput("added"));
    r.busy(600_000);
    assertThat(out.last()).isEqualTo("wm 494000"); // a new partition's backlog is not made late
    added.onEvent(700_000L, 700_000L, r.mux.getImmediateOutput("added"));
    assertThat(out.last()).isEqualTo("wm 594000");
  }

  /**
   * Both partitions of a reader idle (a pause, or the broker away), then a backlog on each: the
   * first to be read again must not carry the reader past the other's. The reader takes both back
   * together one idleness after the first return, at the lower of the two.
   */
  @Test
  void aReaderWhosePartitionsWereAllIdleTakesThemBackTogether() {
    TwoSplits r = new TwoSplits();
    r.busy(100_000);
    r.sparse(100_000);
    assertThat(out.last()).isEqualTo("wm 94000");
    r.after(10_000);
    assertThat(out.last()).isEqualTo("idle");
    // the busy partition's backlog comes first, hours of it, then the other's
    for (int i = 1; i <= 30; i++) {
      r.busy(100_000 + i * 600_000L);
    }
    r.after(200);
    r.sparse(200_000);
    r.sparse(300_000);
    assertThat(out.last()).isEqualTo("idle"); // not yet: the others may still be on their way
    r.after(4_800);
    r.busy(18_200_000);
    r.after(5_000);
    assertThat(out.last()).isEqualTo("wm 294000"); // both back, at the lower
    r.sparse(20_000_000);
    r.after(200);
    assertThat(out.last()).isEqualTo("wm 18194000"); // now the busy one is the lower
  }
}
