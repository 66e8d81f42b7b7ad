package io.lawmonitor.catalogue;

import io.lawmonitor.events.StreamKind;
import io.lawmonitor.streams.Metric;
import io.lawmonitor.streams.StreamDefinition;
import io.lawmonitor.streams.disclosure.Disclosure;
import io.lawmonitor.streams.enforcement.Enforcement;
import io.lawmonitor.streams.hotline.Hotline;
import io.lawmonitor.streams.litigation.Litigation;
import io.lawmonitor.streams.mediation.Mediation;
import io.lawmonitor.streams.review.Review;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The streams the monitor knows, in {@link StreamKind} order, and their metrics in the order they
 * are written. Adding a stream is a {@link StreamKind} and a package under {@code streams/}; the
 * switch below does not compile until the new kind has its definition.
 */
public final class Catalogue {
  private Catalogue() {}

  private static StreamDefinition define(StreamKind kind) {
    return switch (kind) {
      case HOTLINE -> new Hotline();
      case ENFORCEMENT -> new Enforcement();
      case REVIEW -> new Review();
      case MEDIATION -> new Mediation();
      case LITIGATION -> new Litigation();
      case DISCLOSURE -> new Disclosure();
    };
  }

  private static final StreamDefinition[] DEFINITIONS =
      Arrays.stream(StreamKind.values()).map(Catalogue::define).toArray(StreamDefinition[]::new);
  private static final List<StreamDefinition> ALL = List.of(DEFINITIONS);
  private static final List<Metric> METRICS = ALL.stream().flatMap(d -> d.metrics().stream()).toList();
  private static final List<String> IDS = METRICS.stream().map(Metric::id).toList();
  private static final Map<String, Metric> BY_ID =
      METRICS.stream().collect(Collectors.toUnmodifiableMap(Metric::id, Function.identity()));

  static {
    for (StreamDefinition d : ALL) {
      if (d.kind() != StreamKind.values()[ALL.indexOf(d)]) {
        throw new IllegalStateException(d.kind().wireName() + " is defined in another stream's place");
      }
    }
  }

  /** The definition of a stream. */
  public static StreamDefinition of(StreamKind kind) {
    return DEFINITIONS[kind.ordinal()];
  }

  /** Every stream's definition, in {@link StreamKind} order. */
  public static List<StreamDefinition> all() {
    return ALL;
  }

  /** Every metric: the streams' in order, each stream's in its own order. */
  public static List<Metric> metrics() {
    return METRICS;
  }

  /** Every metric's id, in {@link #metrics()} order. */
  public static List<String> metricIds() {
    return IDS;
  }

  /** The metric with this id, or null. */
  public static Metric metric(String id) {
    return id == null ? null : BY_ID.get(id);
  }

  /**
   * The named metrics in catalogue order, each once.
   *
   * @throws IllegalArgumentException naming an id that is not a metric's
   */
  public static List<String> inOrder(Collection<String> ids) {
    for (String id : ids) {
      if (metric(id) == null) {
        throw new IllegalArgumentException("no metric '" + id + "' (the metrics: " + String.join(", ", IDS) + ")");
      }
    }
    return IDS.stream().filter(ids::contains).toList();
  }

  /** The streams' names as events give them, for messages: "hotline, enforcement, …". */
  public static String wireNames() {
    return ALL.stream().map(d -> d.kind().wireName()).collect(Collectors.joining(", "));
  }
}
