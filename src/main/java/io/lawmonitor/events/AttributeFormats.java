package io.lawmonitor.events;

import java.util.EnumMap;
import java.util.Map;
import java.util.ServiceLoader;

/** Every stream's {@link AttributeFormat}, found once as services of this class's loader. */
public final class AttributeFormats {
  private AttributeFormats() {}

  private static final Map<StreamKind, AttributeFormat> FORMATS = load();

  private static Map<StreamKind, AttributeFormat> load() {
    Map<StreamKind, AttributeFormat> m = new EnumMap<>(StreamKind.class);
    for (AttributeFormat f : ServiceLoader.load(AttributeFormat.class, AttributeFormat.class.getClassLoader())) {
      AttributeFormat before = m.put(f.stream(), f);
      if (before != null) {
        throw new IllegalStateException("two attribute formats for " + f.stream() + ": " + before.getClass().getName()
            + " and " + f.getClass().getName());
      }
    }
    return m;
  }

  /** The format of a stream's attributes. */
  public static AttributeFormat of(StreamKind stream) {
    AttributeFormat f = FORMATS.get(stream);
    if (f == null) {
      throw new IllegalStateException("no attribute format for the stream " + stream
          + " (its package registers one in META-INF/services/" + AttributeFormat.class.getName() + ")");
    }
    return f;
  }
}
