package io.lawmonitor.cases;

import io.lawmonitor.catalogue.Catalogue;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.streams.Setting;
import io.lawmonitor.streams.StreamDefinition;
import io.lawmonitor.streams.StreamSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The statutory clocks of every stream (its deadline settings, each a config value since
 * jurisdictions differ) and the state horizon. The defaults are the streams' own.
 */
public record LifecycleSettings(Map<StreamKind, StreamSettings> deadlines, Duration caseGrace, Duration maxCaseAge)
    implements Serializable {

  public LifecycleSettings {
    deadlines = new EnumMap<>(deadlines);
  }

  public static LifecycleSettings defaults() {
    Map<StreamKind, StreamSettings> d = new EnumMap<>(StreamKind.class);
    for (StreamDefinition s : Catalogue.all()) {
      Map<String, Integer> values = new HashMap<>();
      for (Setting k : s.settings()) {
        values.put(k.key(), k.defaultValue());
      }
      d.put(s.kind(), new StreamSettings(values));
    }
    return new LifecycleSettings(d, Duration.ofDays(7), Duration.ofDays(730));
  }

  /** One stream's deadline settings. */
  public StreamSettings of(StreamKind stream) {
    return deadlines.get(stream);
  }

  /** The value of one stream's deadline setting. */
  public int deadline(StreamKind stream, String key) {
    return of(stream).get(key);
  }
}
