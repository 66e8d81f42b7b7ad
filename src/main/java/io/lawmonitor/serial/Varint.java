package io.lawmonitor.serial;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A count or a small code that is not negative, in 7 bits a byte: most take one byte. */
public final class Varint {
  private Varint() {}

  public static void write(int v, DataOutputView out) throws IOException {
    if (v < 0) {
      throw new IllegalArgumentException("a varint is not negative: " + v);
    }
    while (v >= 0x80) {
      out.writeByte(v & 0x7F | 0x80);
      v >>>= 7;
    }
    out.writeByte(v);
  }

  public static int read(DataInputView in) throws IOException {
    int v = 0;
    for (int shift = 0; shift < 32; shift += 7) {
      int b = in.readUnsignedByte();
      v |= (b & 0x7F) << shift;
      if (b < 0x80) {
        return v;
      }
    }
    throw new IOException("a varint longer than 5 bytes: the data is not what this serializer wrote");
  }

  /** A long as an unsigned number, 7 bits a byte (up to 10 bytes). */
  public static void writeLong(long v, DataOutputView out) throws IOException {
    byte[] b = new byte[10];
    out.write(b, 0, put(v, b, 0));
  }

  public static long readLong(DataInputView in) throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.readUnsignedByte();
      v |= (long) (b & 0x7F) << shift;
      if (b < 0x80) {
        return v;
      }
    }
    throw new IOException("a varint longer than 10 bytes: the data is not what this serializer wrote");
  }

  /** Puts {@code v} at {@code at} of {@code b} as {@link #writeLong} writes it; the place after it. */
  public static int put(long v, byte[] b, int at) {
    while ((v & ~0x7FL) != 0) {
      b[at++] = (byte) (v & 0x7F | 0x80);
      v >>>= 7;
    }
    b[at++] = (byte) v;
    return at;
  }

  /** A signed number as one that is not negative, small for small magnitudes: 0, −1, 1, −2 … → 0, 1, 2, 3 … */
  public static long zigzag(long d) {
    return (d << 1) ^ (d >> 63);
  }

  public static long unzigzag(long z) {
    return (z >>> 1) ^ -(z & 1);
  }
}
