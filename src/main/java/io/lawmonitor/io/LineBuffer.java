package io.lawmonitor.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One output line being put together as UTF-8 bytes, reused line after line by its writer. */
public final class LineBuffer {
  private byte[] bytes = new byte[512];
  private int length;

  public LineBuffer clear() {
    length = 0;
    return this;
  }

  private void room(int n) {
    if (length + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
    }
  }

  public LineBuffer bytes(byte[] b) {
    room(b.length);
    System.arraycopy(b, 0, bytes, length, b.length);
    length += b.length;
    return this;
  }

  /** Text known to be ASCII (field names, punctuation, numbers written by Java). */
  public LineBuffer ascii(String s) {
    int n = s.length();
    room(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) s.charAt(i);
    }
    return this;
  }

  public LineBuffer utf8(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  public LineBuffer ascii(char c) {
    room(1);
    bytes[length++] = (byte) c;
    return this;
  }

  /** A whole number in decimal, as Long.toString writes it. */
  public LineBuffer number(long v) {
    if (v == Long.MIN_VALUE) {
      return ascii(Long.toString(v));
    }
    room(20);
    if (v < 0) {
      bytes[length++] = '-';
      v = -v;
    }
    int start = length;
    do {
      bytes[length++] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v != 0);
    for (int i = start, j = length - 1; i < j; i++, j--) {
      byte t = bytes[i];
      bytes[i] = bytes[j];
      bytes[j] = t;
    }
    return this;
  }

  /** A time as the outputs write it (ISO-8601 at +08:00). */
  public LineBuffer time(long millis) {
    if (!io.lawmonitor.events.EventJson.isWholeSecond(millis)) {
      return ascii(io.lawmonitor.events.EventJson.time(millis));
    }
    room(io.lawmonitor.events.EventJson.TIME_LENGTH);
    io.lawmonitor.events.EventJson.wholeSecond(millis, bytes, length);
    length += io.lawmonitor.events.EventJson.TIME_LENGTH;
    return this;
  }

  /** The line's bytes, in an array of their own. */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  public void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, length);
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }
}
