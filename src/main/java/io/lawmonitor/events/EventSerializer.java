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
 * the case it belongs to. A mask says which header fields are present; the ids and the origin are
 * written as they are, the region and agency (a few hundred values in all) are read back as shared
 * instances ({@link io.lawmonitor.serial.Names}); the attributes are their stream's record, which
 * writes its own fields only and is read back by its stream's {@link AttributeFormat}. The parsed
 * stream is typed with {@link #info()}; a case's state writes its events in the same format
 * ({@link #write}).
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
   * Writes an event: a mask of the header fields present, then each of them, its strings and
   * constants by {@code codec}, then its attributes. The one format of an event, between
   * operators and in a case's state.
   */
  public static void write(Event e, DataOutputView out, Codec codec) throws IOException {
    int present = bit(e.eventId, 0) | bit(e.stream, 1) | bit(e.caseId, 2) | bit(e.type, 3) | bit(e.region, 4)
        | bit(e.agency, 5) | bit(e.origin, 6) | (e.lateWatermark != Long.MIN_VALUE ? 1 << 7 : 0)
        | (e.laneWatermark != Long.MIN_VALUE ? 1 << 8 : 0) | bit(e.attrs, 9);
    if (e.attrs != null && e.attrs.stream() != e.stream) {
      throw new IOException("the event " + e + " carries attributes of the stream " + e.attrs.stream());
    }
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
    if (e.region != null) {
      codec.writeName(e.region, out);
    }
    if (e.agency != null) {
      codec.writeName(e.agency, out);
    }
    if (e.origin != null) {
      codec.writeId(e.origin, out);
    }
    if (e.lateWatermark != Long.MIN_VALUE) {
      codec.writeTime(e.lateWatermark, out);
    }
    if (e.laneWatermark != Long.MIN_VALUE) {
      codec.writeTime(e.laneWatermark, out);
    }
    if (e.attrs != null) {
      e.attrs.write(out, codec);
    }
  }

  private static int bit(Object field, int i) {
    return field == null ? 0 : 1 << i;
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
    e.origin = (p & 1 << 6) != 0 ? n.readId(in) : null;
    e.lateWatermark = (p & 1 << 7) != 0 ? n.readTime(in) : Long.MIN_VALUE;
    e.laneWatermark = (p & 1 << 8) != 0 ? n.readTime(in) : Long.MIN_VALUE;
    e.attrs = (p & 1 << 9) != 0 ? AttributeFormats.of(e.stream).read(in, n) : null;
    return e;
  }

  /** The parsed events' type to Flink: {@link Event} as one value, serialized by this. */
  public static WrittenByHandInfo<Event> info() {
    return new WrittenByHandInfo<>(Event.class, EventSerializer::new);
  }
}
