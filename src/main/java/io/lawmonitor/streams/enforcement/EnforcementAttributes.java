package io.lawmonitor.streams.enforcement;

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
 * The attributes of an event of an administrative enforcement case; each type fills its own and leaves the rest null.
 *
 * @param procedure FILED: GENERAL or SIMPLE.
 * @param lawArea FILED: the field of law (free text, masked).
 * @param days EXTENDED: days added to the decision deadline.
 * @param decision DECIDED: PENALTY, NO_PENALTY, EXEMPT_FIRST_OFFENCE, TRANSFERRED or DISMISSED.
 * @param fineYuan DECIDED: the fine in yuan.
 * @param result FILE_REVIEWED: PASS or DEFECTIVE.
 * @param corrected FILE_REVIEWED: whether a defect found was corrected.
 */
public record EnforcementAttributes(
    String procedure,
    String lawArea,
    Integer days,
    String decision,
    Long fineYuan,
    String result,
    Boolean corrected) implements EventAttributes {
  /** No attributes: an event of a type that has none. */
  public static final EnforcementAttributes NONE = new EnforcementAttributes(null, null, null, null, null, null, null);

  /** An event's attributes as this stream's ({@link #NONE} when it has none). */
  public static EnforcementAttributes of(Event e) {
    return e.attrs == null ? NONE : (EnforcementAttributes) e.attrs;
  }

  @Override
  public StreamKind stream() {
    return StreamKind.ENFORCEMENT;
  }

  @Override
  public EventAttributes forCase() {
    return lawArea == null && fineYuan == null ? this : new EnforcementAttributes(procedure, null, days, decision, null, result, corrected);
  }

  @Override
  public void writeJson(ObjectNode attrs) {
    AttributeFields.put(attrs, "procedure", procedure);
    AttributeFields.put(attrs, "lawArea", lawArea);
    AttributeFields.put(attrs, "days", days);
    AttributeFields.put(attrs, "decision", decision);
    AttributeFields.put(attrs, "fineYuan", fineYuan);
    AttributeFields.put(attrs, "result", result);
    AttributeFields.put(attrs, "corrected", corrected);
  }

  @Override
  public void write(DataOutputView out, Codec codec) throws IOException {
    AttributeFields.mask(out, procedure, lawArea, days, decision, fineYuan, result, corrected);
    AttributeFields.name(out, codec, procedure);
    AttributeFields.name(out, codec, lawArea);
    AttributeFields.whole(out, days);
    AttributeFields.name(out, codec, decision);
    AttributeFields.whole(out, fineYuan);
    AttributeFields.name(out, codec, result);
    AttributeFields.flag(out, corrected);
  }

  /** Reads what {@link #write} wrote. */
  public static final class Format implements AttributeFormat {
    @Override
    public StreamKind stream() {
      return StreamKind.ENFORCEMENT;
    }

    @Override
    public EventAttributes read(DataInputView in, Codec codec) throws IOException {
      int m = AttributeFields.mask(in);
      return new EnforcementAttributes(AttributeFields.name(in, codec, m, 0),
          AttributeFields.name(in, codec, m, 1),
          AttributeFields.integer(in, m, 2),
          AttributeFields.name(in, codec, m, 3),
          AttributeFields.longValue(in, m, 4),
          AttributeFields.name(in, codec, m, 5),
          AttributeFields.flag(in, m, 6));
    }

    @Override
    public EventAttributes readJson(JsonNode attrs) {
      return new EnforcementAttributes(AttributeFields.text(attrs, "procedure"),
          AttributeFields.text(attrs, "lawArea"),
          AttributeFields.integer(attrs, "days"),
          AttributeFields.text(attrs, "decision"),
          AttributeFields.longValue(attrs, "fineYuan"),
          AttributeFields.text(attrs, "result"),
          AttributeFields.flag(attrs, "corrected"));
    }
  }
}
