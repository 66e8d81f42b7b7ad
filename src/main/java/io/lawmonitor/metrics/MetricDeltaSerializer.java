package io.lawmonitor.metrics;

import io.lawmonitor.serial.Names;
import io.lawmonitor.serial.WrittenByHand;
import io.lawmonitor.serial.WrittenByHandInfo;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's serializer for {@link MetricDelta}, written by hand: the hour's sums per scope cross from
 * the case lifecycles to the windows. Names are read back as shared instances ({@link Names}).
 */
public final class MetricDeltaSerializer extends WrittenByHand<MetricDelta> {
  private static final long serialVersionUID = 1L;

  @Override
  public void serialize(MetricDelta d, DataOutputView out) throws IOException {
    names().writeName(d.metric(), out);
    names().writeName(d.scopeLevel(), out);
    names().writeName(d.scope(), out);
    out.writeLong(d.time());
    out.writeLong(d.numerator());
    out.writeLong(d.denominator());
    out.writeLong(d.lateWatermark());
  }

  @Override
  public MetricDelta deserialize(DataInputView in) throws IOException {
    Names n = names();
    return new MetricDelta(n.read(in), n.read(in), n.read(in), in.readLong(), in.readLong(), in.readLong(),
        in.readLong());
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    Names.copy(in, out);
    Names.copy(in, out);
    Names.copy(in, out);
    out.write(in, 32);
  }

  /** The sums' type to Flink: {@link MetricDelta} as one value, serialized by this. */
  public static WrittenByHandInfo<MetricDelta> info() {
    return new WrittenByHandInfo<>(MetricDelta.class, MetricDeltaSerializer::new);
  }
}
