package io.lawmonitor.metrics;

/**
 * A change to one metric in one scope at one outcome time: numerator and denominator deltas for
 * a rate, the value delta in {@code numerator} for a count or a gauge.
 */
public record MetricDelta(String metric, String scopeLevel, String scope, long time, long numerator, long denominator,
    /** As {@link io.lawmonitor.events.Event#lateWatermark}: the watermark its event was behind, or MIN_VALUE. */
    long lateWatermark) {

  public String key() {
    return metric + "|" + scopeLevel + "|" + scope;
  }
}
