package io.lawmonitor.streams.review;

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
 * The attributes of an event of an administrative review application; each type fills its own and leaves the rest null.
 *
 * @param procedure ACCEPTED: NORMAL or SIMPLIFIED.
 * @param days EXTENDED: days added to the decision deadline.
 * @param outcome DECIDED: UPHELD, REVOKED, ALTERED, CONFIRMED_ILLEGAL, ORDERED_TO_PERFORM or DISMISSED.
 * @param how SETTLED: MEDIATION or RECONCILIATION.
 */
public record ReviewAttributes(
    String procedure,
    Integer days,
    String outcome,
    String how) implements EventAttributes {
  /** No attributes: an event of a type that has none. */
  public static final ReviewAttributes NONE = new ReviewAttributes(null, null, null, null);

  /** An event's attributes as this stream's ({@link #NONE} when it has none). */
  public static ReviewAttributes of(Event e) {
    return e.attrs == null ? NONE : (ReviewAttributes) e.attrs;
  }

  @Override
  public StreamKind stream() {
    return StreamKind.REVIEW;
  }

  @Override
  public EventAttributes forCase() {
    return this;
  }

  @Override
  public void writeJson(ObjectNode attrs) {
    AttributeFields.put(attrs, "procedure", procedure);
    AttributeFields.put(attrs, "days", days);
    AttributeFields.put(attrs, "outcome", outcome);
    AttributeFields.put(attrs, "how", how);
  }

  @Override
  public void write(DataOutputView out, Codec codec) throws IOException {
    AttributeFields.mask(out, procedure, days, outcome, how);
    AttributeFields.name(out, codec, procedure);
    AttributeFields.whole(out, days);
    AttributeFields.name(out, codec, outcome);
    AttributeFields.name(out, codec, how);
  }

  /** Reads what {@link #write} wrote. */
  public static final class Format implements AttributeFormat {
    @Override
    public StreamKind stream() {
      return StreamKind.REVIEW;
    }

    @Override
    public EventAttributes read(DataInputView in, Codec codec) throws IOException {
      int m = AttributeFields.mask(in);
      return new ReviewAttributes(AttributeFields.name(in, codec, m, 0),
          AttributeFields.integer(in, m, 1),
          AttributeFields.name(in, codec, m, 2),
          AttributeFields.name(in, codec, m, 3));
    }

    @Override
    public EventAttributes readJson(JsonNode attrs) {
      return new ReviewAttributes(AttributeFields.text(attrs, "procedure"),
          AttributeFields.integer(attrs, "days"),
          AttributeFields.text(attrs, "outcome"),
          AttributeFields.text(attrs, "how"));
    }
  }
}
