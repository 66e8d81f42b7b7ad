package io.lawmonitor.events;

import io.lawmonitor.serial.Codec;
import io.lawmonitor.serial.Varint;
import io.lawmonitor.serial.WrittenByHand;
import io.lawmonitor.serial.WrittenByHandInfo;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's serializer for {@link Event}, written by hand: every event crosses from the parser to
 * the case it belongs to. A mask says which fields are present; the ids and the origin are written
 * as they are, the region, agency and coded attributes (a few hundred values in all) are read back
 * as shared instances ({@link io.lawmonitor.serial.Names}). The parsed stream is typed with
 * {@link #info()}; a case's state writes its events in the same format ({@link #write}).
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
    write(e, out, names());
  }

  @Override
  public Event deserialize(DataInputView in) throws IOException {
    return read(in, names());
  }

  /**
   * Writes an event: a mask of the fields present, then each of them, its strings and constants
   * by {@code codec}. The one format of an event, between operators and in a case's state.
   */
  public static void write(Event e, DataOutputView out, Codec codec) throws IOException {
    int present = bit(e.eventId, 0) | bit(e.stream, 1) | bit(e.caseId, 2) | bit(e.type, 3) | bit(e.region, 4)
        | bit(e.agency, 5) | bit(e.channel, 6) | bit(e.category, 7) | bit(e.urgency, 8) | bit(e.kind, 9)
        | bit(e.extension, 10) | bit(e.resolved, 11) | bit(e.satisfaction, 12) | bit(e.procedure, 13)
        | bit(e.lawArea, 14) | bit(e.decision, 15) | bit(e.fineYuan, 16) | bit(e.result, 17) | bit(e.corrected, 18)
        | bit(e.outcome, 19) | bit(e.how, 20) | bit(e.disputeType, 21) | bit(e.preLitigation, 22)
        | bit(e.committee, 23) | bit(e.satisfied, 24) | bit(e.origin, 25)
        | (e.lateWatermark != Long.MIN_VALUE ? 1 << 26 : 0) | (e.laneWatermark != Long.MIN_VALUE ? 1 << 27 : 0)
        | bit(e.court, 28) | bit(e.matter, 29) | bit(e.headAppeared, 30);
    Varint.write(present, out);
    if (e.eventId != null) {
      codec.writeId(e.eventId, out);
    }
    if (e.stream != null) {
      codec.writeEnum(e.stream, out);
    }
    if (e.caseId != null) {
      codec.writeId(e.caseId, out);
    }
    if (e.type != null) {
      codec.writeEnum(e.type, out);
    }
    codec.writeTime(e.eventTime, out);
    name(e.region, out, codec);
    name(e.agency, out, codec);
    name(e.channel, out, codec);
    name(e.category, out, codec);
    name(e.urgency, out, codec);
    name(e.kind, out, codec);
    if (e.extension != null) {
      out.writeInt(e.extension);
    }
    flag(e.resolved, out);
    name(e.satisfaction, out, codec);
    name(e.procedure, out, codec);
    name(e.lawArea, out, codec);
    name(e.decision, out, codec);
    if (e.fineYuan != null) {
      out.writeLong(e.fineYuan);
    }
    name(e.result, out, codec);
    flag(e.corrected, out);
    name(e.outcome, out, codec);
    name(e.how, out, codec);
    name(e.disputeType, out, codec);
    flag(e.preLitigation, out);
    name(e.committee, out, codec);
    flag(e.satisfied, out);
    if (e.origin != null) {
      codec.writeId(e.origin, out);
    }
    if (e.lateWatermark != Long.MIN_VALUE) {
      codec.writeTime(e.lateWatermark, out);
    }
    if (e.laneWatermark != Long.MIN_VALUE) {
      codec.writeTime(e.laneWatermark, out);
    }
    name(e.court, out, codec);
    name(e.matter, out, codec);
    flag(e.headAppeared, out);
  }

  private static int bit(Object field, int i) {
    return field == null ? 0 : 1 << i;
  }

  private static void name(String s, DataOutputView out, Codec codec) throws IOException {
    if (s != null) {
      codec.writeName(s, out);
    }
  }

  private static void flag(Boolean b, DataOutputView out) throws IOException {
    if (b != null) {
      out.writeBoolean(b);
    }
  }

  /** Reads an event {@link #write} wrote with the same kind of codec. */
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
    e.channel = (p & 1 << 6) != 0 ? n.readName(in) : null;
    e.category = (p & 1 << 7) != 0 ? n.readName(in) : null;
    e.urgency = (p & 1 << 8) != 0 ? n.readName(in) : null;
    e.kind = (p & 1 << 9) != 0 ? n.readName(in) : null;
    e.extension = (p & 1 << 10) != 0 ? in.readInt() : null;
    e.resolved = (p & 1 << 11) != 0 ? in.readBoolean() : null;
    e.satisfaction = (p & 1 << 12) != 0 ? n.readName(in) : null;
    e.procedure = (p & 1 << 13) != 0 ? n.readName(in) : null;
    e.lawArea = (p & 1 << 14) != 0 ? n.readName(in) : null;
    e.decision = (p & 1 << 15) != 0 ? n.readName(in) : null;
    e.fineYuan = (p & 1 << 16) != 0 ? in.readLong() : null;
    e.result = (p & 1 << 17) != 0 ? n.readName(in) : null;
    e.corrected = (p & 1 << 18) != 0 ? in.readBoolean() : null;
    e.outcome = (p & 1 << 19) != 0 ? n.readName(in) : null;
    e.how = (p & 1 << 20) != 0 ? n.readName(in) : null;
    e.disputeType = (p & 1 << 21) != 0 ? n.readName(in) : null;
    e.preLitigation = (p & 1 << 22) != 0 ? in.readBoolean() : null;
    e.committee = (p & 1 << 23) != 0 ? n.readName(in) : null;
    e.satisfied = (p & 1 << 24) != 0 ? in.readBoolean() : null;
    e.origin = (p & 1 << 25) != 0 ? n.readId(in) : null;
    e.lateWatermark = (p & 1 << 26) != 0 ? n.readTime(in) : Long.MIN_VALUE;
    e.laneWatermark = (p & 1 << 27) != 0 ? n.readTime(in) : Long.MIN_VALUE;
    e.court = (p & 1 << 28) != 0 ? n.readName(in) : null;
    e.matter = (p & 1 << 29) != 0 ? n.readName(in) : null;
    e.headAppeared = (p & 1 << 30) != 0 ? in.readBoolean() : null;
    return e;
  }

  /** The parsed events' type to Flink: {@link Event} as one value, serialized by this. */
  public static WrittenByHandInfo<Event> info() {
    return new WrittenByHandInfo<>(Event.class, EventSerializer::new);
  }
}
