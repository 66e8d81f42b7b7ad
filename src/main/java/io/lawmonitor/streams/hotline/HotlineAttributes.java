package io.lawmonitor.streams.hotline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.events.AttributeFields;
import io.lawmonitor.events.AttributeFormat;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.EventAttributes;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.serial.Codec;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The attributes of an event of a 12345 request; each type fills its own and leaves the rest null.
 *
 * @param channel RECEIVED: how it came in (free text, masked).
 * @param category RECEIVED: what it is about (free text, masked).
 * @param urgency RECEIVED: NORMAL or URGENT.
 * @param kind RECEIVED: CONSULT, HELP, COMPLAINT or PROPOSAL.
 * @param workdays EXTENDED: working days added to the closure deadline.
 * @param resolved CLOSED: whether the request was resolved.
 * @param satisfaction VISITED: SATISFIED, BASICALLY_SATISFIED, DISSATISFIED or UNREACHABLE.
 */
public record HotlineAttributes(
    String channel,
    String category,
    String urgency,
    String kind,
    Integer workdays,
    Boolean resolved,
    String satisfaction) implements EventAttributes {
  /** No attributes: an event of a type that has none. */
  public static final HotlineAttributes NONE = new HotlineAttributes(null, null, null, null, null, null, null);

  /** An event's attributes as this stream's ({@link #NONE} when it has none). */
  public static HotlineAttributes of(Event e) {
    return e.attrs == null ? NONE : (HotlineAttributes) e.attrs;
  }

  @Override
  public StreamKind stream() {
    return StreamKind.HOTLINE;
  }

  @Override
  public EventAttributes forCase() {
    return channel == null && category == null ? this : new HotlineAttributes(null, null, urgency, kind, workdays, resolved, satisfaction);
  }

  @Override
  public void writeJson(ObjectNode attrs) {
    AttributeFields.put(attrs, "channel", channel);
    AttributeFields.put(attrs, "category", category);
    AttributeFields.put(attrs, "urgency", urgency);
    AttributeFields.put(attrs, "kind", kind);
    AttributeFields.put(attrs, "workdays", workdays);
    AttributeFields.put(attrs, "resolved", resolved);
    AttributeFields.put(attrs, "satisfaction", satisfaction);
  }

  @Override
  public void write(DataOutputView out, Codec codec) throws IOException {
    AttributeFields.mask(out, channel, category, urgency, kind, workdays, resolved, satisfaction);
    AttributeFields.name(out, codec, channel);
    AttributeFields.name(out, codec, category);
    AttributeFields.name(out, codec, urgency);
    AttributeFields.name(out, codec, kind);
    AttributeFields.whole(out, workdays);
    AttributeFields.flag(out, resolved);
    AttributeFields.name(out, codec, satisfaction);
  }

  /** Reads what {@link #write} wrote. */
  public static final class Format implements AttributeFormat {
    @Override
    public StreamKind stream() {
      return StreamKind.HOTLINE;
    }

    @Override
    public EventAttributes read(DataInputView in, Codec codec) throws IOException {
      int m = AttributeFields.mask(in);
      return new HotlineAttributes(AttributeFields.name(in, codec, m, 0),
          AttributeFields.name(in, codec, m, 1),
          AttributeFields.name(in, codec, m, 2),
          AttributeFields.name(in, codec, m, 3),
          AttributeFields.integer(in, m, 4),
          AttributeFields.flag(in, m, 5),
          AttributeFields.name(in, codec, m, 6));
    }

    @Override
    public EventAttributes readJson(JsonNode attrs) {
      return new HotlineAttributes(AttributeFields.text(attrs, "channel"),
          AttributeFields.text(attrs, "category"),
          AttributeFields.text(attrs, "urgency"),
          AttributeFields.text(attrs, "kind"),
          AttributeFields.integer(attrs, "workdays"),
          AttributeFields.flag(attrs, "resolved"),
          AttributeFields.text(attrs, "satisfaction"));
    }
  }
}
