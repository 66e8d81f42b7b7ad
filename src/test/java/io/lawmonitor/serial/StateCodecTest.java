package io.lawmonitor.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class StateCodecTest {
  @Test
  void everyTimeComesBackTheExtremesAndTheNearOnesAlike() throws Exception {
    Random r = new Random(7);
    List<long[]> records = new ArrayList<>();
    long[] extremes = {Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1, 0, -1, 1,
        1_790_000_000_000L, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2 + 3, -1_790_000_000_000L};
    records.add(extremes);
    for (int i = 0; i < 200; i++) {
      long[] times = new long[1 + r.nextInt(12)];
      long t = 1_790_000_000_000L + r.nextInt(1_000_000_000);
      for (int k = 0; k < times.length; k++) {
        int pick = r.nextInt(10);
        times[k] = pick == 0 ? extremes[r.nextInt(extremes.length)] : pick == 1 ? r.nextLong() : (t += r.nextInt(200_000_000) - 50_000_000);
      }
      records.add(times);
    }
    StateCodec writer = new StateCodec(new Names());
    DataOutputSerializer out = new DataOutputSerializer(1 << 12);
    for (long[] times : records) {
      writer.start();
      for (long t : times) {
        writer.writeTime(t, out);
      }
    }
    StateCodec reader = new StateCodec(new Names());
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    for (long[] times : records) {
      reader.start();
      for (long t : times) {
        assertThat(reader.readTime(in)).isEqualTo(t);
      }
    }
    assertThat(in.available()).isZero();
  }

  @Test
  void aTimeHoursFromTheOneBeforeTakesAFewBytes() throws Exception {
    StateCodec writer = new StateCodec(new Names());
    DataOutputSerializer out = new DataOutputSerializer(64);
    writer.start();
    writer.writeTime(1_790_000_000_000L, out);
    int first = out.length();
    writer.writeTime(1_790_000_000_000L + 7_200_000L, out);
    assertThat(out.length() - first).as("two hours later").isLessThanOrEqualTo(4);
    int before = out.length();
    writer.writeTime(Long.MIN_VALUE, out);
    assertThat(out.length() - before).as("the unknown time").isEqualTo(1);
  }
}
