package io.lawmonitor.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.catalogue.Catalogue;
import io.lawmonitor.serial.Names;
import io.lawmonitor.streams.StreamDefinition;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Every stream of the catalogue has its attribute record, found from the stream alone, and each writes and reads back its own fields. */
class AttributeFormatsTest {
  @Test
  void everyStreamsAttributesComeBackFromTheirBytesAndTheirJson() throws Exception {
    for (StreamDefinition d : Catalogue.all()) {
      AttributeFormat f = AttributeFormats.of(d.kind());
      assertThat(f.stream()).isEqualTo(d.kind());
      for (int salt = 0; salt < 2; salt++) {
        EventAttributes a = EventSerializerTest.fullAttributes(d.kind(), salt);
        assertThat(a.stream()).isEqualTo(d.kind());

        DataOutputSerializer out = new DataOutputSerializer(64);
        a.write(out, new Names());
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(f.read(in, new Names())).as(d.kind() + " bytes").isEqualTo(a);
        assertThat(in.available()).isZero();

        ObjectNode json = JsonNodeFactory.instance.objectNode();
        a.writeJson(json);
        assertThat(f.readJson(json)).as(d.kind() + " JSON").isEqualTo(a);
        // a case keeps fewer or the same, never another stream's
        assertThat(a.forCase().stream()).isEqualTo(d.kind());
      }
    }
  }

  @Test
  void attributesOfNoneTakeOneByte() throws Exception {
    for (StreamDefinition d : Catalogue.all()) {
      ObjectNode none = JsonNodeFactory.instance.objectNode();
      EventAttributes a = AttributeFormats.of(d.kind()).readJson(none);
      DataOutputSerializer out = new DataOutputSerializer(8);
      a.write(out, new Names());
      assertThat(out.length()).as(d.kind().wireName()).isEqualTo(1);
    }
  }
}
