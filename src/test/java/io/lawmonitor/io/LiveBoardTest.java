package io.lawmonitor.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.metrics.MetricRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The wallboard's sparkline points: the newest 48 hourly values of a 24-hour rate, whatever order they come in. */
class LiveBoardTest {
  static final long HOUR = 3_600_000L;

  static MetricRecord rate(long end, long num, long den, int revision) {
    return new MetricRecord("hotline.satisfaction_rate", "sliding_24h", end - 24 * HOUR, end, "district", "宜昌市/西陵区",
        num, den, (double) num / den, null, null, revision, "live");
  }

  @Test
  void aSparklineKeepsTheNewest48HoursWithRevisionsLateHoursAndGaps() {
    Random r = new Random(31);
    for (int run = 0; run < 200; run++) {
      LiveBoard b = new LiveBoard();
      // what the points are: the newest 48 window ends, each with its latest value
      TreeMap<Long, double[]> expected = new TreeMap<>();
      long end = 1_790_000_000_000L / HOUR * HOUR;
      for (int i = 0; i < 150; i++) {
        long at = switch (r.nextInt(6)) {
          case 0 -> end - HOUR * r.nextInt(60); // a revision, or an hour older than the rest
          case 1 -> end + HOUR * (1 + r.nextInt(5)); // a gap
          default -> end + HOUR;
        };
        end = Math.max(end, at);
        long den = 1 + r.nextInt(100);
        long num = r.nextInt((int) den + 1);
        b.put(rate(at, num, den, r.nextInt(3)));
        expected.put(at, new double[] {at, (double) num / den, den});
        while (expected.size() > LiveBoard.HISTORY) {
          expected.pollFirstEntry();
        }
        List<double[]> points = b.history("hotline.satisfaction_rate", "district", "宜昌市/西陵区");
        List<String> want = new ArrayList<>();
        expected.values().forEach(p -> want.add(Arrays.toString(p)));
        assertThat(points.stream().map(Arrays::toString).toList()).as("run %d, put %d", run, i).isEqualTo(want);
      }
    }
  }

  @Test
  void onlyHourlyRatesOfTheSlidingDayMakePoints() {
    LiveBoard b = new LiveBoard();
    long end = 1_790_000_000_000L / HOUR * HOUR;
    b.put(rate(end + 60_000L, 1, 2, 0));
    b.put(new MetricRecord("hotline.satisfaction_rate", "day_to_date", end - HOUR, end, "district", "宜昌市/西陵区",
        1L, 2L, 0.5, null, null, 0, "live"));
    assertThat(b.history("hotline.satisfaction_rate", "district", "宜昌市/西陵区")).isEmpty();
    b.put(rate(end, 3, 4, 0));
    assertThat(b.history("hotline.satisfaction_rate", "district", "宜昌市/西陵区"))
        .containsExactly(new double[] {end, 0.75, 4});
  }
}
