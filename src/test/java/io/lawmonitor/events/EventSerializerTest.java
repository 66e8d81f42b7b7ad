package io.lawmonitor.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class EventSerializerTest {
  /** The event's fields, every one (a field added to Event and forgotten here fails the tests). */
  private static List<Field> fields() {
    List<Field> f = new ArrayList<>();
    for (Field x : Event.class.getDeclaredFields()) {
      if (!Modifier.isStatic(x.getModifiers())) {
        f.add(x);
      }
    }
    return f;
  }

  /** An event with every field set, each to a value of its own ({@code salt} varies them). */
  private static Event full(int salt) throws Exception {
    Event e = new Event();
    int i = salt;
    for (Field f : fields()) {
      i++;
      Class<?> t = f.getType();
      Object v;
      if (t == String.class) {
        v = f.getName() + "·宜昌市" + i;
      } else if (t == long.class || t == Long.class) {
        v = 1_790_000_000_000L + i;
      } else if (t == Integer.class) {
        v = i;
      } else if (t == Boolean.class) {
        v = i % 2 == 0;
      } else if (t == StreamKind.class) {
        v = StreamKind.values()[i % StreamKind.values().length];
      } else if (t == EventType.class) {
        v = EventType.values()[i % EventType.values().length];
      } else if (t == EventAttributes.class) {
        v = fullAttributes(e.stream, i);
      } else {
        throw new AssertionError("a field of a type the test does not know: " + f);
      }
      f.set(e, v);
    }
    return e;
  }

  /** The stream's attribute record with every field set ({@code salt} varies them). */
  static EventAttributes fullAttributes(StreamKind stream, int salt) throws Exception {
    Class<?> record = AttributeFormats.of(stream).getClass().getEnclosingClass();
    RecordComponent[] parts = record.getRecordComponents();
    Object[] values = new Object[parts.length];
    Class<?>[] types = new Class<?>[parts.length];
    for (int j = 0; j < parts.length; j++) {
      Class<?> t = parts[j].getType();
      types[j] = t;
      int i = salt + j;
      values[j] = t == String.class ? parts[j].getName() + "·" + i : t == Integer.class ? (Object) i
          : t == Long.class ? (Object) (1_000_000L + i) : t == Boolean.class ? (Object) (i % 2 == 0) : null;
      assertThat(values[j]).as("a value for " + record.getSimpleName() + "." + parts[j].getName()).isNotNull();
    }
    return (EventAttributes) record.getDeclaredConstructor(types).newInstance(values);
  }

  private static void assertSame(Event a, Event b) throws Exception {
    for (Field f : fields()) {
      assertThat(f.get(b)).as(f.getName()).isEqualTo(f.get(a));
    }
  }

  @Test
  void everyFieldComesBackAbsentOrPresentAndNamesAreSharedInstances() throws Exception {
    TypeSerializer<Event> s = EventSerializer.info().createSerializer(null);
    Event first = full(0);
    Event second = full(1);
    Event empty = new Event();
    Event partial = new Event();
    partial.eventId = "e-1";
    partial.stream = StreamKind.HOTLINE;
    partial.caseId = "HL-1";
    partial.type = EventType.RECEIVED;
    partial.eventTime = 1_790_000_000_000L;
    partial.region = first.region;
    partial.attrs = AttributeFormats.of(StreamKind.HOTLINE).readJson(
        new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"resolved\":false}"));
    DataOutputSerializer out = new DataOutputSerializer(256);
    for (Event e : List.of(first, second, empty, partial, first)) {
      s.serialize(e, out);
    }
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    TypeSerializer<Event> reader = s.duplicate();
    Event a = reader.deserialize(in);
    assertSame(first, a);
    assertSame(second, reader.deserialize(in));
    assertSame(empty, reader.deserialize(in));
    Event p = reader.deserialize(in);
    assertSame(partial, p);
    Event again = reader.deserialize(in);
    assertSame(first, again);
    assertThat(in.available()).isZero();
    assertThat(p.region).isSameAs(a.region);
    assertThat(again.agency).isSameAs(a.agency);
  }

  @Test
  void aCopyIsDeepAndTheBytesCopyTheEvent() throws Exception {
    EventSerializer s = new EventSerializer();
    Event e = full(3);
    Event c = s.copy(e);
    assertThat(c).isNotSameAs(e);
    assertSame(e, c);
    DataOutputSerializer out = new DataOutputSerializer(256);
    s.serialize(e, out);
    DataOutputSerializer copied = new DataOutputSerializer(256);
    s.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
    assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
  }

  @Test
  void aSnapshotWrittenAndReadBackRestoresTheSameSerializer() throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, new EventSerializer().snapshotConfiguration());
    TypeSerializerSnapshot<Event> read = TypeSerializerSnapshot.readVersionedSnapshot(
        new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
    assertThat(read.restoreSerializer()).isEqualTo(new EventSerializer()).isNotEqualTo(new io.lawmonitor.metrics.MetricDeltaSerializer());
    assertThat(new EventSerializer().snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
    assertThat(new EventSerializer().duplicate()).isEqualTo(new EventSerializer());
  }
}
