package io.lawmonitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class MetricStateSerializerTest {
  private final TypeSerializer<MetricState> serializer = MetricStateSerializer.info().createSerializer(null);

  /** The state's fields, every one (a field added to MetricState and not serialized fails here). */
  private static List<Field> fields() {
    List<Field> f = new ArrayList<>();
    for (Field x : MetricState.class.getDeclaredFields()) {
      if (!Modifier.isStatic(x.getModifiers())) {
        f.add(x);
      }
    }
    return f;
  }

  /** Every field set, each array to a length and values of its own. */
  private static MetricState full() throws Exception {
    MetricState s = new MetricState();
    int k = 0;
    for (Field f : fields()) {
      k++;
      Class<?> t = f.getType();
      if (t == long.class) {
        f.set(s, -1_790_000_000_000L - k);
      } else if (t.isArray()) {
        Object a = Array.newInstance(t.getComponentType(), k % 4 + 1);
        for (int i = 0; i < Array.getLength(a); i++) {
          long v = (i == 0 ? Long.MIN_VALUE + k : 1_790_000_000_000L * i + k);
          if (t == long[].class) {
            Array.setLong(a, i, v);
          } else if (t == int[].class) {
            Array.setInt(a, i, (int) v);
          } else if (t == byte[].class) {
            Array.setByte(a, i, (byte) v);
          } else {
            throw new AssertionError("an array the test does not know: " + f);
          }
        }
        f.set(s, a);
      } else {
        throw new AssertionError("a field of a type the test does not know: " + f);
      }
    }
    return s;
  }

  private static void assertSame(MetricState a, MetricState b) throws Exception {
    for (Field f : fields()) {
      assertThat(f.get(b)).as(f.getName()).isEqualTo(f.get(a));
    }
  }

  @Test
  void everyFieldComesBack() throws Exception {
    MetricState s = full();
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(s, out);
    serializer.serialize(new MetricState(), out);
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    assertSame(s, serializer.deserialize(in));
    assertSame(new MetricState(), serializer.deserialize(in));
    assertThat(in.available()).isZero();
  }

  @Test
  void aCopyIsIndependentOfItsOriginal() throws Exception {
    MetricState s = full();
    MetricState copy = serializer.copy(s);
    assertSame(s, copy);
    for (Field f : fields()) {
      if (f.getType().isArray()) {
        assertThat(f.get(copy)).as(f.getName()).isNotSameAs(f.get(s));
      }
    }
  }

  @Test
  void aValueOfAnUnknownFormatIsAClearError() {
    assertThatThrownBy(() -> serializer.deserialize(new DataInputDeserializer(new byte[] {7, 0})))
        .isInstanceOf(IOException.class).hasMessageContaining("format 7");
  }
}
