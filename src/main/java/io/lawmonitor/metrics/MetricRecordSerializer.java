package io.lawmonitor.metrics;

import io.lawmonitor.serial.Names;
import io.lawmonitor.serial.WrittenByHand;
import io.lawmonitor.serial.WrittenByHandInfo;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's serializer for {@link MetricRecord}, written by hand: millions of figures a run cross
 * from the windows to the writers. Names are read back as shared instances ({@link Names}). The
 * windows' output stream is typed with {@link #info()}; state that keeps records (the alert history)
 * keeps Flink's POJO serializer.
 */
public final class MetricRecordSerializer extends WrittenByHand<MetricRecord> {
  private static final long serialVersionUID = 1L;
  private static final int NUMERATOR = 1;
  private static final int DENOMINATOR = 2;
  private static final int WILSON_LOW = 4;
  private static final int WILSON_HIGH = 8;

  @Override
  public void serialize(MetricRecord r, DataOutputView out) throws IOException {
    int present = (r.numerator() != null ? NUMERATOR : 0) | (r.denominator() != null ? DENOMINATOR : 0)
        | (r.wilsonLow() != null ? WILSON_LOW : 0) | (r.wilsonHigh() != null ? WILSON_HIGH : 0);
    out.writeByte(present);
    names().writeName(r.metric(), out);
    names().writeName(r.window(), out);
    out.writeLong(r.windowStart());
    out.writeLong(r.windowEnd());
    names().writeName(r.scopeLevel(), out);
    names().writeName(r.scope(), out);
    if (r.numerator() != null) {
      out.writeLong(r.numerator());
    }
    if (r.denominator() != null) {
      out.writeLong(r.denominator());
    }
    out.writeDouble(r.value());
    if (r.wilsonLow() != null) {
      out.writeDouble(r.wilsonLow());
    }
    if (r.wilsonHigh() != null) {
      out.writeDouble(r.wilsonHigh());
    }
    out.writeInt(r.revision());
    names().writeName(r.mode(), out);
  }

  @Override
  public MetricRecord deserialize(DataInputView in) throws IOException {
    Names n = names();
    int present = in.readByte();
    String metric = n.read(in);
    String window = n.read(in);
    long start = in.readLong();
    long end = in.readLong();
    String level = n.read(in);
    String scope = n.read(in);
    Long numerator = (present & NUMERATOR) != 0 ? in.readLong() : null;
    Long denominator = (present & DENOMINATOR) != 0 ? in.readLong() : null;
    double value = in.readDouble();
    Double low = (present & WILSON_LOW) != 0 ? in.readDouble() : null;
    Double high = (present & WILSON_HIGH) != 0 ? in.readDouble() : null;
    int revision = in.readInt();
    String mode = n.read(in);
    return new MetricRecord(metric, window, start, end, level, scope, numerator, denominator, value, low, high, revision,
        mode);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    int present = in.readByte();
    out.writeByte(present);
    Names.copy(in, out);
    Names.copy(in, out);
    out.write(in, 16);
    Names.copy(in, out);
    Names.copy(in, out);
    int numbers = Integer.bitCount(present) * 8 + 8 + 4;
    out.write(in, numbers);
    Names.copy(in, out);
  }

  /** The figures' type to Flink: {@link MetricRecord} as one value, serialized by this. */
  public static WrittenByHandInfo<MetricRecord> info() {
    return new WrittenByHandInfo<>(MetricRecord.class, MetricRecordSerializer::new);
  }
}
