package io.lawmonitor.streams.disclosure;

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
 * The attributes of an event of an application for government information; each type fills its own and leaves the rest null.
 *
 * @param channel APPLIED: IN_PERSON, POST or ONLINE.
 * @param workdays EXTENDED: working days added to the answer deadline.
 * @param result ANSWERED: the answer, coded.
 */
public record DisclosureAttributes(
    String channel,
    Integer workdays,
    String result) implements EventAttributes {
  /** No attributes: an event of a type that has none. */
  public static final DisclosureAttributes NONE = new DisclosureAttributes(null, null, null);

  /** An event's attributes as this stream's ({@link #NONE} when it has none). */
  public static DisclosureAttributes of(Event e) {
    return e.attrs == null ? NONE : (DisclosureAttributes) e.attrs;
  }

  @Override
  public StreamKind stream() {
    return StreamKind.DISCLOSURE;
  }

  @Override
  public EventAttributes forCase() {
    return channel == null ? this : new DisclosureAttributes(null, workdays, result);
  }

  @Override
  public void writeJson(ObjectNode attrs) {
    AttributeFields.put(attrs, "channel", channel);
    AttributeFields.put(attrs, "workdays", workdays);
    AttributeFields.put(attrs, "result", result);
  }

  @Override
  public void write(DataOutputView out, Codec codec) throws IOException {
    AttributeFields.mask(out, channel, workdays, result);
    AttributeFields.name(out, codec, channel);
    AttributeFields.whole(out, workdays);
    AttributeFields.name(out, codec, result);
  }

  /** Reads what {@link #write} wrote. */
  public static final class Format implements AttributeFormat {
    @Override
    public StreamKind stream() {
      return StreamKind.DISCLOSURE;
    }

    @Override
    public EventAttributes read(DataInputView in, Codec codec) throws IOException {
      int m = AttributeFields.mask(in);
      return new DisclosureAttributes(AttributeFields.name(in, codec, m, 0),
          AttributeFields.integer(in, m, 1),
          AttributeFields.name(in, codec, m, 2));
    }

    @Override
    public EventAttributes readJson(JsonNode attrs) {
      return new DisclosureAttributes(AttributeFields.text(attrs, "channel"),
          AttributeFields.integer(attrs, "workdays"),
          AttributeFields.text(attrs, "result"));
    }
  }
}
