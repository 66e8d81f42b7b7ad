package io.lawmonitor.serial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The {@link Codec} of a value kept in state, where bytes are kept for long: each string and enum constant is written once a
 * record, and again only as its place among those written before it (a case's events and facts
 * repeat its region, agency, caseId and eventIds). Enum constants are written by name, so that
 * adding or moving a constant leaves what a savepoint holds readable. Names are read back as
 * shared instances ({@link Names}), ids as strings of their own. One per serializer instance (one
 * thread); {@link #start()} begins each record.
 *
 * <p>A string is a code, then for a new string its UTF-8 length and bytes: 0 null, 1 a new name, 2
 * a new id, 3 a new enum constant's name, 4 + i the record's i-th string or constant. A time is a
 * code: 0 Long.MIN_VALUE, 1 Long.MAX_VALUE, 2 the time as 8 bytes after it, 3 + z the difference
 * from the record's time before it (0 at its start), zigzag-encoded (−1 is 1, 1 is 2): a few bytes
 * for a time hours or days from the one before.
 */
public final class StateCodec implements Codec {
  private static final int NULL = 0;
  private static final int NAME = 1;
  private static final int ID = 2;
  private static final int ENUM = 3;
  private static final int SEEN = 4;
  private static final long TIME_MIN = 0;
  private static final long TIME_MAX = 1;
  private static final long TIME_RAW = 2;
  private static final long TIME_DELTA = 3;

  /** Each enum's constants' names as bytes, in the order of its constants. */
  private static final ClassValue<byte[][]> NAMES = new ClassValue<>() {
    @Override
    protected byte[][] computeValue(Class<?> type) {
      Object[] constants = type.getEnumConstants();
      byte[][] names = new byte[constants.length][];
      for (int i = 0; i < constants.length; i++) {
        names[i] = ((Enum<?>) constants[i]).name().getBytes(StandardCharsets.UTF_8);
      }
      return names;
    }
  };

  private final Names names;
  private Object[] seen = new Object[32];
  private int size;
  /** The number of bytes {@link #bytes} read last. */
  private int lastLength;
  /** The time written or read last in this record. */
  private long lastTime;
  private final byte[] scratch = new byte[10];

  public StateCodec(Names names) {
    this.names = names;
  }

  /** Begins a record: nothing written or read before it is referred to. */
  public void start() {
    Arrays.fill(seen, 0, size, null);
    size = 0;
    lastTime = 0;
  }

  @Override
  public void writeTime(long t, DataOutputView out) throws IOException {
    // the codes below TIME_DELTA are one byte, their own varint
    if (t == Long.MIN_VALUE) {
      out.writeByte((int) TIME_MIN);
      return;
    }
    if (t == Long.MAX_VALUE) {
      out.writeByte((int) TIME_MAX);
      return;
    }
    long d = t - lastTime;
    long zigzag = Varint.zigzag(d);
    if (((t ^ lastTime) & (t ^ d)) < 0 || zigzag < 0 || zigzag > Long.MAX_VALUE - TIME_DELTA) {
      // the difference overflows, or is too far for a code: the time as it is
      out.writeByte((int) TIME_RAW);
      out.writeLong(t);
    } else {
      // its bytes put together here and written at once: one call of the output, not one a byte
      out.write(scratch, 0, Varint.put(zigzag + TIME_DELTA, scratch, 0));
    }
    lastTime = t;
  }

  @Override
  public long readTime(DataInputView in) throws IOException {
    long code = Varint.readLong(in);
    if (code == TIME_MIN) {
      return Long.MIN_VALUE;
    }
    if (code == TIME_MAX) {
      return Long.MAX_VALUE;
    }
    long t;
    if (code == TIME_RAW) {
      t = in.readLong();
    } else {
      t = lastTime + Varint.unzigzag(code - TIME_DELTA);
    }
    lastTime = t;
    return t;
  }

  @Override
  public void writeName(String s, DataOutputView out) throws IOException {
    writeString(s, NAME, out);
  }

  @Override
  public void writeId(String s, DataOutputView out) throws IOException {
    writeString(s, ID, out);
  }

  @Override
  public String readName(DataInputView in) throws IOException {
    return (String) read(in);
  }

  @Override
  public String readId(DataInputView in) throws IOException {
    return (String) read(in);
  }

  @Override
  public void writeEnum(Enum<?> e, DataOutputView out) throws IOException {
    if (e == null) {
      Varint.write(NULL, out);
      return;
    }
    for (int i = 0; i < size; i++) {
      if (seen[i] == e) {
        Varint.write(SEEN + i, out);
        return;
      }
    }
    add(e);
    Varint.write(ENUM, out);
    utf8(e.name(), out);
  }

  @Override
  public <E extends Enum<E>> E readEnum(E[] constants, DataInputView in) throws IOException {
    int code = Varint.read(in);
    if (code == NULL) {
      return null;
    }
    if (code >= SEEN) {
      return constants[0].getDeclaringClass().cast(seen(code));
    }
    if (code != ENUM) {
      throw new IOException("a string where " + constants[0].getDeclaringClass().getSimpleName() + " was written");
    }
    byte[] b = bytes(in);
    int n = lastLength;
    byte[][] names = NAMES.get(constants[0].getDeclaringClass());
    for (int i = 0; i < names.length; i++) {
      if (names[i].length == n && Arrays.equals(names[i], 0, n, b, 0, n)) {
        return add(constants[i]);
      }
    }
    throw new IOException(constants[0].getDeclaringClass().getSimpleName() + " has no "
        + new String(b, 0, n, StandardCharsets.UTF_8) + " in this version: the state was written by a version that had it");
  }

  private void writeString(String s, int kind, DataOutputView out) throws IOException {
    if (s == null) {
      Varint.write(NULL, out);
      return;
    }
    for (int i = 0; i < size; i++) {
      Object o = seen[i];
      if (o == s || o instanceof String t && t.equals(s)) {
        Varint.write(SEEN + i, out);
        return;
      }
    }
    add(s);
    Varint.write(kind, out);
    if (kind == NAME) {
      byte[] b = names.utf8(s);
      Varint.write(b.length, out);
      out.write(b);
    } else {
      utf8(s, out);
    }
  }

  private Object read(DataInputView in) throws IOException {
    int code = Varint.read(in);
    switch (code) {
      case NULL:
        return null;
      case NAME: {
        byte[] b = bytes(in);
        return add(names.intern(b, lastLength));
      }
      case ID:
        return add(new String(bytes(in), 0, lastLength, StandardCharsets.UTF_8));
      case ENUM:
        throw new IOException("an enum constant where a string was written");
      default:
        Object o = seen(code);
        if (!(o instanceof String)) {
          throw new IOException("an enum constant where a string was written");
        }
        return o;
    }
  }

  private Object seen(int code) throws IOException {
    int i = code - SEEN;
    if (i >= size) {
      throw new IOException("a reference to string " + i + " of a record that has " + size);
    }
    return seen[i];
  }

  private <T> T add(T o) {
    if (size == seen.length) {
      seen = Arrays.copyOf(seen, size * 2);
    }
    seen[size++] = o;
    return o;
  }

  /** Its length and UTF-8 bytes; most ids and every constant's name are ASCII, written as they are. */
  private static void utf8(String s, DataOutputView out) throws IOException {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        Varint.write(b.length, out);
        out.write(b);
        return;
      }
    }
    Varint.write(n, out);
    for (int i = 0; i < n; i++) {
      out.writeByte(s.charAt(i)); // not out.writeBytes(s): Flink's DataOutputSerializer moves on twice there
    }
  }

  /** The next string's bytes in the names' buffer; their number in {@link #lastLength}. */
  private byte[] bytes(DataInputView in) throws IOException {
    lastLength = Varint.read(in);
    return names.bytes(in, lastLength);
  }
}
