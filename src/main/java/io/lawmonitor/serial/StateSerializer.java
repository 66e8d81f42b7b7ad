package io.lawmonitor.serial;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A serializer written by hand for a value kept in keyed state: the value is changed in place by
 * its function (so {@link #copy} is deep), each value begins with the number of its format (so a
 * later format can still read this one), and a state an older version kept with Flink's POJO
 * serializer of the same class is migrated on restore.
 */
public abstract class StateSerializer<T> extends WrittenByHand<T> {
  private static final long serialVersionUID = 1L;

  /** The number of the format this version writes. */
  protected abstract int format();

  /** What the value is, for an error message. */
  protected abstract String what();

  @Override
  public abstract T createInstance();

  @Override
  public abstract T copy(T from);

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  protected boolean migratesFrom(TypeSerializerSnapshot<T> old) {
    if (!(old instanceof PojoSerializerSnapshot<T> pojo)) {
      return false;
    }
    T written = pojo.restoreSerializer().createInstance();
    return written != null && written.getClass() == createInstance().getClass();
  }

  /** Begins a value: its format's number. */
  protected final void writeFormat(DataOutputView out) throws IOException {
    out.writeByte(format());
  }

  /** Reads a value's format's number, and refuses one this version does not know. */
  protected final void readFormat(DataInputView in) throws IOException {
    readFormat(in, format());
  }

  /**
   * Reads a value's format's number, from {@code oldest} to this version's, and refuses another:
   * the caller reads the value in the format it names.
   */
  protected final int readFormat(DataInputView in, int oldest) throws IOException {
    int f = in.readUnsignedByte();
    if (f < oldest || f > format()) {
      throw new IOException(what() + " in format " + f + ", which this version does not know (it knows "
          + (oldest == format() ? String.valueOf(format()) : oldest + " to " + format()) + ")");
    }
    return f;
  }
}
