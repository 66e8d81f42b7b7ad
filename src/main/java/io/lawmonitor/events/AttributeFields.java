package io.lawmonitor.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.serial.Codec;
import io.lawmonitor.serial.Varint;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The pieces a stream's attribute record is written with: a mask of the fields present (bit i for
 * the i-th field), then each present field in order; coded values and free text as names (read
 * back as shared instances), numbers and flags as they are. Reading takes the fields in the same
 * order (Java evaluates a constructor's arguments left to right).
 */
public final class AttributeFields {
  private AttributeFields() {}

  /** Writes which of the fields are present. */
  public static void mask(DataOutputView out, Object... fields) throws IOException {
    int m = 0;
    for (int i = 0; i < fields.length; i++) {
      if (fields[i] != null) {
        m |= 1 << i;
      }
    }
    Varint.write(m, out);
  }

  public static int mask(DataInputView in) throws IOException {
    return Varint.read(in);
  }

  public static void name(DataOutputView out, Codec codec, String v) throws IOException {
    if (v != null) {
      codec.writeName(v, out);
    }
  }

  public static void whole(DataOutputView out, Integer v) throws IOException {
    if (v != null) {
      out.writeInt(v);
    }
  }

  public static void whole(DataOutputView out, Long v) throws IOException {
    if (v != null) {
      out.writeLong(v);
    }
  }

  public static void flag(DataOutputView out, Boolean v) throws IOException {
    if (v != null) {
      out.writeBoolean(v);
    }
  }

  public static String name(DataInputView in, Codec codec, int mask, int bit) throws IOException {
    return (mask & 1 << bit) != 0 ? codec.readName(in) : null;
  }

  public static Integer integer(DataInputView in, int mask, int bit) throws IOException {
    return (mask & 1 << bit) != 0 ? in.readInt() : null;
  }

  public static Long longValue(DataInputView in, int mask, int bit) throws IOException {
    return (mask & 1 << bit) != 0 ? in.readLong() : null;
  }

  public static Boolean flag(DataInputView in, int mask, int bit) throws IOException {
    return (mask & 1 << bit) != 0 ? in.readBoolean() : null;
  }

  /** A field of attrs written by {@link #put}, or null when absent. */
  public static String text(JsonNode attrs, String field) {
    JsonNode n = attrs.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  public static Integer integer(JsonNode attrs, String field) {
    JsonNode n = attrs.get(field);
    return n == null || n.isNull() ? null : n.asInt();
  }

  public static Long longValue(JsonNode attrs, String field) {
    JsonNode n = attrs.get(field);
    return n == null || n.isNull() ? null : n.asLong();
  }

  public static Boolean flag(JsonNode attrs, String field) {
    JsonNode n = attrs.get(field);
    return n == null || n.isNull() ? null : n.asBoolean();
  }

  /** Puts a field into an event's attrs when present. */
  public static void put(ObjectNode attrs, String field, String v) {
    if (v != null) {
      attrs.put(field, v);
    }
  }

  public static void put(ObjectNode attrs, String field, Integer v) {
    if (v != null) {
      attrs.put(field, v);
    }
  }

  public static void put(ObjectNode attrs, String field, Long v) {
    if (v != null) {
      attrs.put(field, v);
    }
  }

  public static void put(ObjectNode attrs, String field, Boolean v) {
    if (v != null) {
      attrs.put(field, v);
    }
  }
}
