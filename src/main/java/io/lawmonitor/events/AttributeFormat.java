package io.lawmonitor.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.lawmonitor.serial.Codec;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;

/**
 * How a stream's attributes are read back from what {@link EventAttributes#write} wrote. Each
 * stream's package provides one, registered as a service in
 * {@code META-INF/services/io.lawmonitor.events.AttributeFormat}, so that the serializers of events
 * find it from the stream alone ({@link AttributeFormats}).
 */
public interface AttributeFormat {
  StreamKind stream();

  EventAttributes read(DataInputView in, Codec codec) throws IOException;

  /** Reads what {@link EventAttributes#writeJson} wrote (values already validated: none is checked again). */
  EventAttributes readJson(JsonNode attrs);
}
