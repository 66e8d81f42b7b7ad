package io.lawmonitor.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.serial.Codec;
import java.io.IOException;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What one event says beyond the header every event has: a typed record of its stream's package,
 * holding the attributes of that stream's types and nothing else. Immutable; read back from its
 * binary form by its stream's {@link AttributeFormat}.
 */
public interface EventAttributes {
  /** The stream these attributes belong to. */
  StreamKind stream();

  /**
   * What a case keeps of them: the attributes its clocks and outcomes read, without the
   * descriptive ones nothing derives from (this when there are none of those).
   */
  EventAttributes forCase();

  /** Puts the attributes present into an event's {@code attrs}, under the input format's names. */
  void writeJson(ObjectNode attrs);

  /** Writes the attributes for {@link AttributeFormat#read}: which are present, then each of them. */
  void write(DataOutputView out, Codec codec) throws IOException;
}
