package io.lawmonitor.metrics;

import io.lawmonitor.serial.StateSerializer;
import io.lawmonitor.serial.Varint;
import io.lawmonitor.serial.WrittenByHandInfo;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The windows' state of a (metric, scope) as Flink keeps it, written by hand: its arrays one after
 * another, each its length and its values as differences from the one before, instead of Flink's POJO serializer setting eighteen fields
 * through reflection at every record and timer (on RocksDB every one reads and writes the whole
 * value).
 */
public final class MetricStateSerializer extends StateSerializer<MetricState> {
  private static final long serialVersionUID = 1L;

  private transient byte[] scratch;

  /** The windows' state's type to Flink. */
  public static WrittenByHandInfo<MetricState> info() {
    return new WrittenByHandInfo<>(MetricState.class, MetricStateSerializer::new);
  }

  @Override
  protected int format() {
    return 1;
  }

  @Override
  protected String what() {
    return "a windows' state";
  }

  @Override
  public MetricState createInstance() {
    return new MetricState();
  }

  @Override
  public MetricState copy(MetricState from) {
    MetricState c = new MetricState();
    c.hours = from.hours.clone();
    c.nums = from.nums.clone();
    c.dens = from.dens.clone();
    c.gaugeBase = from.gaugeBase;
    c.emEnds = from.emEnds.clone();
    c.emKinds = from.emKinds.clone();
    c.emRevisions = from.emRevisions.clone();
    c.emNums = from.emNums.clone();
    c.emDens = from.emDens.clone();
    c.calStarts = from.calStarts.clone();
    c.calKinds = from.calKinds.clone();
    c.calNums = from.calNums.clone();
    c.calDens = from.calDens.clone();
    c.dirty = from.dirty.clone();
    c.lateHours = from.lateHours.clone();
    c.lateNums = from.lateNums.clone();
    c.lateDens = from.lateDens.clone();
    c.lateWatermarks = from.lateWatermarks.clone();
    return c;
  }

  @Override
  public void serialize(MetricState s, DataOutputView out) throws IOException {
    writeFormat(out);
    write(s.hours, out);
    write(s.nums, out);
    write(s.dens, out);
    Varint.writeLong(Varint.zigzag(s.gaugeBase), out);
    write(s.emEnds, out);
    Varint.write(s.emKinds.length, out);
    out.write(s.emKinds);
    long[] revisions = new long[s.emRevisions.length];
    for (int i = 0; i < revisions.length; i++) {
      revisions[i] = s.emRevisions[i];
    }
    write(revisions, out);
    write(s.emNums, out);
    write(s.emDens, out);
    write(s.calStarts, out);
    Varint.write(s.calKinds.length, out);
    out.write(s.calKinds);
    write(s.calNums, out);
    write(s.calDens, out);
    write(s.dirty, out);
    write(s.lateHours, out);
    write(s.lateNums, out);
    write(s.lateDens, out);
    write(s.lateWatermarks, out);
  }

  /**
   * An array: its length, then each value as the difference from the one before it (zigzag, 7 bits
   * a byte): hours an hour apart and counts of a few hundred take two to four bytes, not eight. Put
   * together here and written at once.
   */
  private void write(long[] a, DataOutputView out) throws IOException {
    Varint.write(a.length, out);
    if (scratch == null || scratch.length < a.length * 10) {
      scratch = new byte[Math.max(64, a.length * 10)];
    }
    int n = 0;
    long prev = 0;
    for (long x : a) {
      n = Varint.put(Varint.zigzag(x - prev), scratch, n);
      prev = x;
    }
    out.write(scratch, 0, n);
  }

  @Override
  public MetricState deserialize(DataInputView in) throws IOException {
    readFormat(in);
    MetricState s = new MetricState();
    s.hours = longs(in);
    s.nums = longs(in);
    s.dens = longs(in);
    s.gaugeBase = Varint.unzigzag(Varint.readLong(in));
    s.emEnds = longs(in);
    s.emKinds = new byte[Varint.read(in)];
    in.readFully(s.emKinds);
    long[] revisions = longs(in);
    s.emRevisions = new int[revisions.length];
    for (int i = 0; i < revisions.length; i++) {
      s.emRevisions[i] = (int) revisions[i];
    }
    s.emNums = longs(in);
    s.emDens = longs(in);
    s.calStarts = longs(in);
    s.calKinds = new byte[Varint.read(in)];
    in.readFully(s.calKinds);
    s.calNums = longs(in);
    s.calDens = longs(in);
    s.dirty = longs(in);
    s.lateHours = longs(in);
    s.lateNums = longs(in);
    s.lateDens = longs(in);
    s.lateWatermarks = longs(in);
    return s;
  }

  private static long[] longs(DataInputView in) throws IOException {
    long[] a = new long[Varint.read(in)];
    long prev = 0;
    for (int i = 0; i < a.length; i++) {
      prev += Varint.unzigzag(Varint.readLong(in));
      a[i] = prev;
    }
    return a;
  }
}
