package io.lawmonitor.streams.litigation;

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
 * The attributes of an event of an administrative suit against an agency; each type fills its own and leaves the rest null.
 *
 * @param court FILED: the court the suit is before.
 * @param matter FILED: what the suit is about.
 * @param headAppeared HEARD: whether the agency's head (or a deputy) appeared in person.
 * @param outcome JUDGED: LOST, WON, WITHDRAWN or SETTLED.
 */
public record LitigationAttributes(
    String court,
    String matter,
    Boolean headAppeared,
    String outcome) implements EventAttributes {
  /** No attributes: an event of a type that has none. */
  public static final LitigationAttributes NONE = new LitigationAttributes(null, null, null, null);

  /** An event's attributes as this stream's ({@link #NONE} when it has none). */
  public static LitigationAttributes of(Event e) {
    return e.attrs == null ? NONE : (LitigationAttributes) e.attrs;
  }

  @Override
  public StreamKind stream() {
    return StreamKind.LITIGATION;
  }

  @Override
  public EventAttributes forCase() {
    return court == null && matter == null ? this : new LitigationAttributes(null, null, headAppeared, outcome);
  }

  @Override
  public void writeJson(ObjectNode attrs) {
    AttributeFields.put(attrs, "court", court);
    AttributeFields.put(attrs, "matter", matter);
    AttributeFields.put(attrs, "headAppeared", headAppeared);
    AttributeFields.put(attrs, "outcome", outcome);
  }

  @Override
  public void write(DataOutputView out, Codec codec) throws IOException {
    AttributeFields.mask(out, court, matter, headAppeared, outcome);
    AttributeFields.name(out, codec, court);
    AttributeFields.name(out, codec, matter);
    AttributeFields.flag(out, headAppeared);
    AttributeFields.name(out, codec, outcome);
  }

  /** Reads what {@link #write} wrote. */
  public static final class Format implements AttributeFormat {
    @Override
    public StreamKind stream() {
      return StreamKind.LITIGATION;
    }

    @Override
    public EventAttributes read(DataInputView in, Codec codec) throws IOException {
      int m = AttributeFields.mask(in);
      return new LitigationAttributes(AttributeFields.name(in, codec, m, 0),
          AttributeFields.name(in, codec, m, 1),
          AttributeFields.flag(in, m, 2),
          AttributeFields.name(in, codec, m, 3));
    }

    @Override
    public EventAttributes readJson(JsonNode attrs) {
      return new LitigationAttributes(AttributeFields.text(attrs, "court"),
          AttributeFields.text(attrs, "matter"),
          AttributeFields.flag(attrs, "headAppeared"),
          AttributeFields.text(attrs, "outcome"));
    }
  }
}
