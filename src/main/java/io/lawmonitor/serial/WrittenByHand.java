package io.lawmonitor.serial;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The common part of the serializers written by hand for the records that cross the job's
 * shuffles by the million: Flink's general POJO and record serializers set every field through
 * reflection and read every string as a new one. These have no configuration, so any two of one
 * class are equal (each has a public constructor without arguments), and each thread's copy keeps
 * its own table of {@link Names}. A record is immutable unless its serializer says otherwise. One
 * that keeps a state names the serializer of the versions before it ({@link #migratesFrom}).
 */
public abstract class WrittenByHand<T> extends TypeSerializer<T> {
  private static final long serialVersionUID = 1L;

  private transient Names names;

  /** This instance's names (a serializer is used by one thread; {@link #duplicate()} gives another its own). */
  protected final Names names() {
    if (names == null) {
      names = new Names();
    }
    return names;
  }

  @Override
  public TypeSerializer<T> duplicate() {
    return Snapshot.create(getClass());
  }

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public T createInstance() {
    return null;
  }

  @Override
  public T copy(T from) {
    return from;
  }

  @Override
  public T copy(T from, T reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public T deserialize(T reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return getClass().hashCode();
  }

  /**
   * Whether a state an older version kept with the serializer {@code old} describes can be read
   * by that serializer and written again by this one (Flink's state migration, on restoring a
   * savepoint). None by default: a serializer of records that only cross operators has no past.
   */
  protected boolean migratesFrom(TypeSerializerSnapshot<T> old) {
    return false;
  }

  @Override
  public TypeSerializerSnapshot<T> snapshotConfiguration() {
    return new Snapshot<>(getClass());
  }

  /** A serializer without configuration is known by its class: the snapshot is its name. */
  public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {
    private Class<?> serializer;

    public Snapshot() {}

    Snapshot(Class<?> serializer) {
      this.serializer = serializer;
    }

    @SuppressWarnings("unchecked")
    static <T> WrittenByHand<T> create(Class<?> serializer) {
      try {
        return (WrittenByHand<T>) serializer.getConstructor().newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(serializer + " has no public constructor without arguments", e);
      }
    }

    @Override
    public int getCurrentVersion() {
      return 1;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      out.writeUTF(serializer.getName());
    }

    @Override
    public void readSnapshot(int version, DataInputView in, ClassLoader classLoader) throws IOException {
      String name = in.readUTF();
      try {
        serializer = Class.forName(name, false, classLoader);
      } catch (ClassNotFoundException e) {
        throw new IOException("the serializer " + name + " is not in this version", e);
      }
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
      return create(serializer);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
      if (old instanceof Snapshot<T> s && s.serializer == serializer) {
        return TypeSerializerSchemaCompatibility.compatibleAsIs();
      }
      return Snapshot.<T>create(serializer).migratesFrom(old)
          ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
          : TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}
