package io.lawmonitor.serial;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Names a run repeats millions of times (metric ids, windows, scope levels, scopes; an event's
 * region, agency and coded attributes), written as UTF-8 and read back as one String instance per
 * name: the same instance is then compared, hashed and encoded at once downstream. One table per
 * serializer instance (one thread); bounded: past its size, names are read as new strings. As a
 * {@link Codec} (between operators), every string is its length and UTF-8 bytes, an enum constant
 * its position.
 */
public final class Names implements Codec {
  private static final int CAPACITY = 1 << 16;
  private static final int MAX_NAMES = CAPACITY / 2;

  private static final int ENCODED = 1 << 10;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[][] keys = new byte[CAPACITY][];
  private final String[] names = new String[CAPACITY];
  private int size;
  private byte[] buffer = new byte[256];
  /** Names written lately and their UTF-8 bytes, by identity. */
  private final String[] encodedNames = new String[ENCODED];
  private final byte[][] encoded = new byte[ENCODED][];

  /** A name or an id between operators: its UTF-8 length, then its bytes. */
  private static void write(byte[] utf8, DataOutputView out) throws IOException {
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  public static void copy(DataInputView in, DataOutputView out) throws IOException {
    int n = in.readInt();
    out.writeInt(n);
    out.write(in, n);
  }

  public String read(DataInputView in) throws IOException {
    int n = in.readInt();
    return intern(bytes(in, n), n);
  }

  /** A string written by {@link #write}, read as a new instance: an id, not worth a place in the table. */
  public String readFresh(DataInputView in) throws IOException {
    int n = in.readInt();
    return new String(bytes(in, n), 0, n, StandardCharsets.UTF_8);
  }

  /** This instance's buffer, holding the next {@code n} bytes of {@code in}. */
  byte[] bytes(DataInputView in, int n) throws IOException {
    if (n > buffer.length) {
      buffer = new byte[Math.max(n, buffer.length * 2)];
    }
    in.readFully(buffer, 0, n);
    return buffer;
  }

  /** The shared instance of the name whose UTF-8 bytes are the first {@code n} of {@code b}. */
  String intern(byte[] b, int n) {
    int h = hash(b, n);
    int slot = (h ^ (h >>> 16)) & (CAPACITY - 1);
    while (keys[slot] != null) {
      if (keys[slot].length == n && Arrays.equals(keys[slot], 0, n, b, 0, n)) {
        return names[slot];
      }
      slot = (slot + 1) & (CAPACITY - 1);
    }
    String name = new String(b, 0, n, StandardCharsets.UTF_8);
    if (size < MAX_NAMES) {
      keys[slot] = Arrays.copyOf(b, n);
      names[slot] = name;
      size++;
    }
    return name;
  }

  /** A hash of the first {@code n} bytes of {@code b}, eight at a time. */
  static int hash(byte[] b, int n) {
    long h = n;
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      h = (h ^ (long) LONGS.get(b, i)) * 0x9E3779B97F4A7C15L;
    }
    for (; i < n; i++) {
      h = (h ^ b[i]) * 0x9E3779B97F4A7C15L;
    }
    return (int) (h ^ (h >>> 32));
  }

  /**
   * Writes a name as an id is written, its bytes encoded once: a name written again is mostly
   * the same instance (read back as one, or a constant), found by identity in a small cache.
   */
  @Override
  public void writeName(String s, DataOutputView out) throws IOException {
    write(utf8(s), out);
  }

  /** A name's UTF-8 bytes, encoded once while it is written often (not to be changed). */
  byte[] utf8(String s) {
    int slot = System.identityHashCode(s) & (ENCODED - 1);
    if (encodedNames[slot] == s) {
      return encoded[slot];
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    encodedNames[slot] = s;
    encoded[slot] = b;
    return b;
  }

  @Override
  public String readName(DataInputView in) throws IOException {
    return read(in);
  }

  @Override
  public void writeId(String s, DataOutputView out) throws IOException {
    write(s.getBytes(StandardCharsets.UTF_8), out);
  }

  @Override
  public String readId(DataInputView in) throws IOException {
    return readFresh(in);
  }

  @Override
  public void writeEnum(Enum<?> e, DataOutputView out) throws IOException {
    out.writeByte(e.ordinal());
  }

  @Override
  public <E extends Enum<E>> E readEnum(E[] constants, DataInputView in) throws IOException {
    return constants[in.readByte()];
  }

  @Override
  public void writeTime(long t, DataOutputView out) throws IOException {
    out.writeLong(t);
  }

  @Override
  public long readTime(DataInputView in) throws IOException {
    return in.readLong();
  }
}
