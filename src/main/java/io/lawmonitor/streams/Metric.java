package io.lawmonitor.streams;

import io.lawmonitor.events.StreamKind;
import java.io.Serializable;

/**
 * A metric of the README's "Metrics": its id (stable API), its names, whether it is a rate, a
 * count or a gauge, and its stream. Each stream's package defines its metrics; the catalogue
 * lists them all.
 */
public final class Metric implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A rate has a numerator and denominator; a count and a gauge carry a value only. */
  public enum Kind { RATE, COUNT, GAUGE }

  private final String id;
  private final Labels labels;
  private final Kind kind;
  private final StreamKind stream;

  private Metric(String id, Labels labels, Kind kind, StreamKind stream) {
    this.id = id;
    this.labels = labels;
    this.kind = kind;
    this.stream = stream;
  }

  /** A rate: numerator / denominator. */
  public static Metric rate(StreamKind stream, String name, String label, String shortName) {
    return new Metric(stream.wireName() + "." + name, new Labels(label, shortName, "%"), Kind.RATE, stream);
  }

  /** A count of outcomes in a window. */
  public static Metric count(StreamKind stream, String name, String label, String shortName) {
    return new Metric(stream.wireName() + "." + name, new Labels(label, shortName, "件"), Kind.COUNT, stream);
  }

  /** A gauge: its value at the window's end. */
  public static Metric gauge(StreamKind stream, String name, String label, String shortName) {
    return new Metric(stream.wireName() + "." + name, new Labels(label, shortName, "件"), Kind.GAUGE, stream);
  }

  public String id() {
    return id;
  }

  /** The full Chinese name, as alert summaries and the report give it. */
  public String label() {
    return labels.name();
  }

  public Labels labels() {
    return labels;
  }

  public Kind kind() {
    return kind;
  }

  public StreamKind stream() {
    return stream;
  }

  @Override
  public String toString() {
    return id;
  }
}
