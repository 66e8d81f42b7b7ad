package io.lawmonitor.lifecycle;

import io.lawmonitor.events.StreamKind;

/**
 * An outcome fact: what happened to a case, when (the outcome time, which windows count by),
 * where and by whom. {@code sign} is +1 for a new fact and −1 when a late event withdrew one.
 */
public record Fact(StreamKind stream, FactKind kind, String detail, long time, String region, String agency,
    int sign, long lateWatermark) {

  public Fact(StreamKind stream, FactKind kind, String detail, long time, String region, String agency, int sign) {
    this(stream, kind, detail, time, region, agency, sign, Long.MIN_VALUE);
  }

  public Fact negated() {
    return new Fact(stream, kind, detail, time, region, agency, -sign, lateWatermark);
  }

  /** The same fact, marked as coming from an event that arrived behind the given watermark. */
  public Fact late(long watermark) {
    return new Fact(stream, kind, detail, time, region, agency, sign, watermark);
  }
}
