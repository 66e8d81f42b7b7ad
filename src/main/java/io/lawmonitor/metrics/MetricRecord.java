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

  /**
   * A rate to 10 decimal places: exact enough for any check (within 1e-10 of numerator /
   * denominator), and never a long run of digits that reads like a phone or ID-card number.
   */
  public static double rounded(double v) {
    return java.math.BigDecimal.valueOf(v).setScale(10, java.math.RoundingMode.HALF_EVEN).doubleValue();
  }
}
