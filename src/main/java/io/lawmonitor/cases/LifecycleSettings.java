package io.lawmonitor.cases;

import io.lawmonitor.calendar.ClockUnit;
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
 * jurisdictions differ), the state horizon, and the 督办清单's warning margins: per clock
 * ({@code review.acceptance}) and unit, how long before its deadline a running clock turns due
 * soon. The defaults are the streams' own.
 */
public record LifecycleSettings(Map<StreamKind, StreamSettings> deadlines, Duration caseGrace, Duration maxCaseAge,
    Map<String, Map<ClockUnit, Integer>> watchMargins) implements Serializable {

  public LifecycleSettings {
    deadlines = new EnumMap<>(deadlines);
    HashMap<String, Map<ClockUnit, Integer>> m = new HashMap<>();
    watchMargins.forEach((k, v) -> m.put(k, new EnumMap<>(v.isEmpty() ? new EnumMap<>(ClockUnit.class) : v)));
    watchMargins = m;
  }

  public LifecycleSettings(Map<StreamKind, StreamSettings> deadlines, Duration caseGrace, Duration maxCaseAge) {
    this(deadlines, caseGrace, maxCaseAge, DEFAULT_MARGINS);
  }

  /**
   * The default warning margins (临期预警): a 12345 request on the last working day of its closure
   * or four hours before an urgent one's 24 hours (an hour before an urgent response), a review
   * application on the last working day of its five for acceptance, a week before a review's
   * decision, ten days before an enforcement decision, five before a mediation's end, three before
   * a suit's answer, three working days before a disclosure answer.
   */
  public static final Map<String, Map<ClockUnit, Integer>> DEFAULT_MARGINS = Map.of(
      "hotline.response", Map.of(ClockUnit.HOURS, 1),
      "hotline.closure", Map.of(ClockUnit.WORKING_DAYS, 1, ClockUnit.HOURS, 4),
      "review.acceptance", Map.of(ClockUnit.WORKING_DAYS, 1),
      "review.decision", Map.of(ClockUnit.DAYS, 7),
      "enforcement.decision", Map.of(ClockUnit.DAYS, 10),
      "mediation.conclusion", Map.of(ClockUnit.DAYS, 5),
      "litigation.answer", Map.of(ClockUnit.DAYS, 3),
      "disclosure.answer", Map.of(ClockUnit.WORKING_DAYS, 3));

  /** The same settings with other warning margins. */
  public LifecycleSettings withWatchMargins(Map<String, Map<ClockUnit, Integer>> margins) {
    return new LifecycleSettings(deadlines, caseGrace, maxCaseAge, margins);
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
