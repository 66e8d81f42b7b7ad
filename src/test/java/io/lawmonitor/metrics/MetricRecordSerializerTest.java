package io.lawmonitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class MetricRecordSerializerTest {
  static final MetricRecord RATE = new MetricRecord("hotline.satisfaction_rate", "sliding_24h", 1_763_949_600_000L,
      1_764_036_000_000L, "district", "宜昌市/西陵区", 997L, 1000L, 0.997, 0.9912, 0.999, 2, "live");
  static final MetricRecord COUNT = new MetricRecord("hotline.closed_count", "day_to_date", 1_763_913_600_000L,
      1_763_942_400_000L, "agency", "宜昌市12345政务服务便民热线", null, null, 14, null, null, 0, "replay");
  static final MetricRecord PART = new MetricRecord("hotline.closure_rate", "month", 0L, 1L, "all", "all", 3L, 4L,
      0.75, null, 0.9, 0, "replay");

  @Test
  void everyFieldComesBackAndNamesAreSharedInstances() throws Exception {
    TypeSerializer<MetricRecord> s = MetricRecordSerializer.info().createSerializer(null);
    DataOutputSerializer out = new DataOutputSerializer(256);
    for (MetricRecord r : List.of(RATE, COUNT, PART, RATE)) {
      s.serialize(r, out);
    }
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    TypeSerializer<MetricRecord> reader = s.duplicate();
    MetricRecord first = reader.deserialize(in);
    assertThat(first).isEqualTo(RATE);
    assertThat(reader.deserialize(in)).isEqualTo(COUNT);
    assertThat(reader.deserialize(in)).isEqualTo(PART);
    MetricRecord again = reader.deserialize(in);
    assertThat(again).isEqualTo(RATE);
    assertThat(again.scope()).isSameAs(first.scope());
    assertThat(again.metric()).isSameAs(first.metric());
    assertThat(in.available()).isZero();
  }

  @Test
  void copyingTheBytesCopiesTheRecord() throws Exception {
    MetricRecordSerializer s = new MetricRecordSerializer();
    for (MetricRecord r : List.of(RATE, COUNT, PART)) {
      DataOutputSerializer out = new DataOutputSerializer(256);
      s.serialize(r, out);
      DataOutputSerializer copied = new DataOutputSerializer(256);
      s.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
      assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
      assertThat(s.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer()))).isEqualTo(r);
    }
  }

  @Test
  void aSnapshotRestoresTheSameSerializer() {
    assertThat(new MetricRecordSerializer().snapshotConfiguration().restoreSerializer())
        .isEqualTo(new MetricRecordSerializer());
  }

  @Test
  void aMetricDeltaComesBackWithItsNamesShared() throws Exception {
    MetricDelta d = new MetricDelta("hotline.satisfaction_rate", "district", "宜昌市/西陵区", 1_763_949_600_000L, 3, 4,
        Long.MIN_VALUE);
    MetricDelta late = new MetricDelta("hotline.satisfaction_rate", "district", "宜昌市/西陵区", 1_763_949_600_000L, -1, 0,
        1_763_950_000_000L);
    MetricDeltaSerializer s = new MetricDeltaSerializer();
    DataOutputSerializer out = new DataOutputSerializer(256);
    s.serialize(d, out);
    s.serialize(late, out);
    DataOutputSerializer copied = new DataOutputSerializer(256);
    DataInputDeserializer original = new DataInputDeserializer(out.getCopyOfBuffer());
    s.copy(original, copied);
    s.copy(original, copied);
    assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    MetricDelta a = s.deserialize(in);
    MetricDelta b = s.deserialize(in);
    assertThat(a).isEqualTo(d);
    assertThat(b).isEqualTo(late);
    assertThat(b.scope()).isSameAs(a.scope());
    assertThat(new MetricDeltaSerializer().snapshotConfiguration().restoreSerializer()).isEqualTo(s);
  }
}
