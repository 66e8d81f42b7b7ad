package io.lawmonitor.streams.mediation;

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
 * The attributes of an event of a people's mediation case; each type fills its own and leaves the rest null.
 *
 * @param disputeType APPLIED: the kind of dispute (free text, masked).
 * @param preLitigation APPLIED: referred by a court before a suit (诉前调解).
 * @param committee APPLIED: the mediation committee.
 * @param result MEDIATED: SUCCESS or FAILED.
 * @param satisfied FEEDBACK: whether the parties were satisfied.
 */
public record MediationAttributes(
    String disputeType,
    Boolean preLitigation,
    String committee,
    String result,
    Boolean satisfied) implements EventAttributes {
  /** No attributes: an event of a type that has none. */
  public static final MediationAttributes NONE = new MediationAttributes(null, null, null, null, null);

  /** An event's attributes as this stream's ({@link #NONE} when it has none). */
  public static MediationAttributes of(Event e) {
    return e.attrs == null ? NONE : (MediationAttributes) e.attrs;
  }

  @Override
  public StreamKind stream() {
    return StreamKind.MEDIATION;
  }

  @Override
  public EventAttributes forCase() {
    return disputeType == null ? this : new MediationAttributes(null, preLitigation, committee, result, satisfied);
  }

  @Override
  public void writeJson(ObjectNode attrs) {
    AttributeFields.put(attrs, "disputeType", disputeType);
    AttributeFields.put(attrs, "preLitigation", preLitigation);
    AttributeFields.put(attrs, "committee", committee);
    AttributeFields.put(attrs, "result", result);
    AttributeFields.put(attrs, "satisfied", satisfied);
  }

  @Override
  public void write(DataOutputView out, Codec codec) throws IOException {
    AttributeFields.mask(out, disputeType, preLitigation, committee, result, satisfied);
    AttributeFields.name(out, codec, disputeType);
    AttributeFields.flag(out, preLitigation);
    AttributeFields.name(out, codec, committee);
    AttributeFields.name(out, codec, result);
    AttributeFields.flag(out, satisfied);
  }

  /** Reads what {@link #write} wrote. */
  public static final class Format implements AttributeFormat {
    @Override
    public StreamKind stream() {
      return StreamKind.MEDIATION;
    }

    @Override
    public EventAttributes read(DataInputView in, Codec codec) throws IOException {
      int m = AttributeFields.mask(in);
      return new MediationAttributes(AttributeFields.name(in, codec, m, 0),
          AttributeFields.flag(in, m, 1),
          AttributeFields.name(in, codec, m, 2),
          AttributeFields.name(in, codec, m, 3),
          AttributeFields.flag(in, m, 4));
    }

    @Override
    public EventAttributes readJson(JsonNode attrs) {
      return new MediationAttributes(AttributeFields.text(attrs, "disputeType"),
          AttributeFields.flag(attrs, "preLitigation"),
          AttributeFields.text(attrs, "committee"),
          AttributeFields.text(attrs, "result"),
          AttributeFields.flag(attrs, "satisfied"));
    }
  }
}
