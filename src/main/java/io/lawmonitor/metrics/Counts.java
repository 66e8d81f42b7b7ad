package io.lawmonitor.metrics;

/** A numerator and denominator (or a value in {@code num} for counts and gauges). */
public record Counts(long num, long den) {
  public static final Counts ZERO = new Counts(0, 0);

  public Counts plus(long n, long d) {
    return new Counts(num + n, den + d);
  }

  public Counts plus(Counts c) {
    return new Counts(num + c.num, den + c.den);
  }

  public boolean isZero() {
    return num == 0 && den == 0;
  }
}
