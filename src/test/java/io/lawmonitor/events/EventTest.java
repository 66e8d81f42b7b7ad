package io.lawmonitor.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

class EventTest {
  @Test
  void aCopyHasEveryField() throws Exception {
    Event e = new Event();
    int i = 0;
    for (Field f : Event.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      i++;
      Class<?> t = f.getType();
      Object v = t == String.class ? "v" + i : t == long.class || t == Long.class ? (Object) (1000L + i)
          : t == Integer.class ? (Object) i : t == Boolean.class ? Boolean.TRUE
          : t.isEnum() ? t.getEnumConstants()[t.getEnumConstants().length - 1]
          : t == EventAttributes.class ? AttributeFormats.of(StreamKind.REVIEW).readJson(
              com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("outcome", "REVOKED")) : null;
      assertThat(v).as(f.getName() + " is a type this test knows").isNotNull();
      f.set(e, v);
    }
    Event c = e.copy();
    assertThat(c).isNotSameAs(e);
    for (Field f : Event.class.getFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        assertThat(f.get(c)).as(f.getName()).isEqualTo(f.get(e));
      }
    }
  }
}
