package io.lawmonitor.metrics;

/**
 * One emitted figure: a metric over one window in one scope (README, "Outputs"). Counts and gauges
 * leave numerator, denominator and the Wilson bounds null.
 */
public record MetricRecord(
    String metric,
    String window,
    long windowStart,
    long windowEnd,
    String scopeLevel,
    String scope,
    Long numerator,
    Long denominator,
    double value,
    Double wilsonLow,
    Double wilsonHigh,
    int revision,
    String mode) {

  public String key() {
    return metric + "|" + window + "|" + scope;
  }

  public boolean isRate() {
    return denominator != null;
  }
}
