package io.lawmonitor.events;

import io.lawmonitor.serial.Names;
import io.lawmonitor.serial.WrittenByHand;
import io.lawmonitor.serial.WrittenByHandInfo;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink's serializer for {@link Event}, written by hand: every event crosses from the parser to
 * the case it belongs to. A mask says which fields are present; the ids and the origin are written
 * as they are, the region, agency and coded attributes (a few hundred values in all) are read back
 * as shared instances ({@link Names}). The parsed stream is typed with {@link #info()}; a case's state
 * keeps its events with Flink's POJO serializer.
 */
public final class EventSerializer extends WrittenByHand<Event> {
  private static final long serialVersionUID = 1L;
  private static final StreamKind[] STREAMS = StreamKind.values();
  private static final EventType[] TYPES = EventType.values();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public Event createInstance() {
    return new Event();
  }

  @Override
  public Event copy(Event from) {
    return from.copy();
  }

  @Override
  public void serialize(Event e, DataOutputView out) throws IOException {
    int present = bit(e.eventId, 0) | bit(e.stream, 1) | bit(e.caseId, 2) | bit(e.type, 3) | bit(e.region, 4)
        | bit(e.agency, 5) | bit(e.channel, 6) | bit(e.category, 7) | bit(e.urgency, 8) | bit(e.kind, 9)
        | bit(e.extension, 10) | bit(e.resolved, 11) | bit(e.satisfaction, 12) | bit(e.procedure, 13)
        | bit(e.lawArea, 14) | bit(e.decision, 15) | bit(e.fineYuan, 16) | bit(e.result, 17) | bit(e.corrected, 18)
        | bit(e.outcome, 19) | bit(e.how, 20) | bit(e.disputeType, 21) | bit(e.preLitigation, 22)
        | bit(e.committee, 23) | bit(e.satisfied, 24) | bit(e.origin, 25);
    out.writeInt(present);
    if (e.eventId != null) {
      StringValue.writeString(e.eventId, out);
    }
    if (e.stream != null) {
      out.writeByte(e.stream.ordinal());
    }
    if (e.caseId != null) {
      StringValue.writeString(e.caseId, out);
    }
    if (e.type != null) {
      out.writeByte(e.type.ordinal());
    }
    out.writeLong(e.eventTime);
    name(e.region, out);
    name(e.agency, out);
    name(e.channel, out);
    name(e.category, out);
    name(e.urgency, out);
    name(e.kind, out);
    if (e.extension != null) {
      out.writeInt(e.extension);
    }
    flag(e.resolved, out);
    name(e.satisfaction, out);
    name(e.procedure, out);
    name(e.lawArea, out);
    name(e.decision, out);
    if (e.fineYuan != null) {
      out.writeLong(e.fineYuan);
    }
    name(e.result, out);
    flag(e.corrected, out);
    name(e.outcome, out);
    name(e.how, out);
    name(e.disputeType, out);
    flag(e.preLitigation, out);
    name(e.committee, out);
    flag(e.satisfied, out);
    if (e.origin != null) {
      StringValue.writeString(e.origin, out);
    }
    out.writeLong(e.lateWatermark);
    out.writeLong(e.laneWatermark);
  }

  private static int bit(Object field, int i) {
    return field == null ? 0 : 1 << i;
  }

  private static void name(String s, DataOutputView out) throws IOException {
    if (s != null) {
      Names.write(s, out);
    }
  }

  private static void flag(Boolean b, DataOutputView out) throws IOException {
    if (b != null) {
      out.writeBoolean(b);
    }
  }

  @Override
  public Event deserialize(DataInputView in) throws IOException {
    Names n = names();
    int p = in.readInt();
    Event e = new Event();
    e.eventId = (p & 1) != 0 ? StringValue.readString(in) : null;
    e.stream = (p & 1 << 1) != 0 ? STREAMS[in.readByte()] : null;
    e.caseId = (p & 1 << 2) != 0 ? StringValue.readString(in) : null;
    e.type = (p & 1 << 3) != 0 ? TYPES[in.readByte()] : null;
    e.eventTime = in.readLong();
    e.region = (p & 1 << 4) != 0 ? n.read(in) : null;
    e.agency = (p & 1 << 5) != 0 ? n.read(in) : null;
    e.channel = (p & 1 << 6) != 0 ? n.read(in) : null;
    e.category = (p & 1 << 7) != 0 ? n.read(in) : null;
    e.urgency = (p & 1 << 8) != 0 ? n.read(in) : null;
    e.kind = (p & 1 << 9) != 0 ? n.read(in) : null;
    e.extension = (p & 1 << 10) != 0 ? in.readInt() : null;
    e.resolved = (p & 1 << 11) != 0 ? in.readBoolean() : null;
    e.satisfaction = (p & 1 << 12) != 0 ? n.read(in) : null;
    e.procedure = (p & 1 << 13) != 0 ? n.read(in) : null;
    e.lawArea = (p & 1 << 14) != 0 ? n.read(in) : null;
    e.decision = (p & 1 << 15) != 0 ? n.read(in) : null;
    e.fineYuan = (p & 1 << 16) != 0 ? in.readLong() : null;
    e.result = (p & 1 << 17) != 0 ? n.read(in) : null;
    e.corrected = (p & 1 << 18) != 0 ? in.readBoolean() : null;
    e.outcome = (p & 1 << 19) != 0 ? n.read(in) : null;
    e.how = (p & 1 << 20) != 0 ? n.read(in) : null;
    e.disputeType = (p & 1 << 21) != 0 ? n.read(in) : null;
    e.preLitigation = (p & 1 << 22) != 0 ? in.readBoolean() : null;
    e.committee = (p & 1 << 23) != 0 ? n.read(in) : null;
    e.satisfied = (p & 1 << 24) != 0 ? in.readBoolean() : null;
    e.origin = (p & 1 << 25) != 0 ? StringValue.readString(in) : null;
    e.lateWatermark = in.readLong();
    e.laneWatermark = in.readLong();
    return e;
  }

  /** The parsed events' type to Flink: {@link Event} as one value, serialized by this. */
  public static WrittenByHandInfo<Event> info() {
    return new WrittenByHandInfo<>(Event.class, EventSerializer::new);
  }
}
