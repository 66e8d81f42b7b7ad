package io.lawmonitor.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.serial.Codec;
import io.lawmonitor.serial.Varint;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;

/**
 * The first format of an event in a case's state, kept to read savepoints written before the
 * attributes were their streams' records: every attribute of every stream side by side, a bit
 * each in one mask. Its attributes are handed to the event's stream as the JSON it writes.
 */
public final class EventFormatV1 {
  private EventFormatV1() {}

  private static final StreamKind[] STREAMS = StreamKind.values();
  private static final EventType[] TYPES = EventType.values();

  /** Reads an event the first format wrote. */
  public static Event read(DataInputView in, Codec n) throws IOException {
    int p = Varint.read(in);
    Event e = new Event();
    e.eventId = (p & 1) != 0 ? n.readId(in) : null;
    e.stream = (p & 1 << 1) != 0 ? n.readEnum(STREAMS, in) : null;
    e.caseId = (p & 1 << 2) != 0 ? n.readId(in) : null;
    e.type = (p & 1 << 3) != 0 ? n.readEnum(TYPES, in) : null;
    e.eventTime = n.readTime(in);
    e.region = (p & 1 << 4) != 0 ? n.readName(in) : null;
    e.agency = (p & 1 << 5) != 0 ? n.readName(in) : null;
    ObjectNode a = JsonNodeFactory.instance.objectNode();
    name(a, "channel", in, n, p, 6);
    name(a, "category", in, n, p, 7);
    name(a, "urgency", in, n, p, 8);
    name(a, "kind", in, n, p, 9);
    if ((p & 1 << 10) != 0) {
      // hotline and disclosure extend by working days, the others by days
      a.put(e.stream == StreamKind.HOTLINE || e.stream == StreamKind.DISCLOSURE ? "workdays" : "days", in.readInt());
    }
    flag(a, "resolved", in, p, 11);
    name(a, "satisfaction", in, n, p, 12);
    name(a, "procedure", in, n, p, 13);
    name(a, "lawArea", in, n, p, 14);
    name(a, "decision", in, n, p, 15);
    if ((p & 1 << 16) != 0) {
      a.put("fineYuan", in.readLong());
    }
    name(a, "result", in, n, p, 17);
    flag(a, "corrected", in, p, 18);
    name(a, "outcome", in, n, p, 19);
    name(a, "how", in, n, p, 20);
    name(a, "disputeType", in, n, p, 21);
    flag(a, "preLitigation", in, p, 22);
    name(a, "committee", in, n, p, 23);
    flag(a, "satisfied", in, p, 24);
    e.origin = (p & 1 << 25) != 0 ? n.readId(in) : null;
    e.lateWatermark = (p & 1 << 26) != 0 ? n.readTime(in) : Long.MIN_VALUE;
    e.laneWatermark = (p & 1 << 27) != 0 ? n.readTime(in) : Long.MIN_VALUE;
    name(a, "court", in, n, p, 28);
    name(a, "matter", in, n, p, 29);
    flag(a, "headAppeared", in, p, 30);
    e.attrs = a.isEmpty() || e.stream == null ? null : AttributeFormats.of(e.stream).readJson(a);
    return e;
  }

  private static void name(ObjectNode a, String field, DataInputView in, Codec n, int p, int bit) throws IOException {
    if ((p & 1 << bit) != 0) {
      a.put(field, n.readName(in));
    }
  }

  private static void flag(ObjectNode a, String field, DataInputView in, int p, int bit) throws IOException {
    if ((p & 1 << bit) != 0) {
      a.put(field, in.readBoolean());
    }
  }
}
