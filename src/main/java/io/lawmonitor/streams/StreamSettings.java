package io.lawmonitor.streams;

import java.io.Serializable;
import java.util.Map;

/** The values of one stream's deadline settings, by key; a key not set has its default. */
public record StreamSettings(Map<String, Integer> values) implements Serializable {
  public StreamSettings {
    values = Map.copyOf(values);
  }

  /** @throws IllegalArgumentException for a key the stream does not declare (a programming error) */
  public int get(String key) {
    Integer v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no deadline setting '" + key + "'");
    }
    return v;
  }
}
