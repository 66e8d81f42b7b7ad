package io.lawmonitor.io;

/**
 * The decimals of a metric line as {@code Double.toString} writes them, without writing most of
 * them: a million events give millions of rate lines but only some thousands of distinct values,
 * and JDK 17's {@code Double.toString} (and the rounding of a rate through {@code BigDecimal})
 * cost more than the rest of the line. The bytes are always those of the plain computation.
 */
final class RateText {
  private RateText() {}

  /** {@code Double.toString(k / 10_000.0)} for k = 0..10,000: the Wilson bounds, rounded to 4 places. */
  private static final byte[][] TEN_THOUSANDTHS = new byte[10_001][];

  static {
    for (int k = 0; k <= 10_000; k++) {
      TEN_THOUSANDTHS[k] = OutputJson.ascii(Double.toString(k / 10_000.0));
    }
  }

  /** {@code String.valueOf(v)} as bytes: from the table when v is a whole number of ten-thousandths in [0, 1]. */
  static byte[] bound(double v) {
    long k = Math.round(v * 10_000);
    if (k >= 0 && k <= 10_000 && k / 10_000.0 == v) {
      return TEN_THOUSANDTHS[(int) k];
    }
    return OutputJson.ascii(String.valueOf(v));
  }

  /** One value's text; immutable, so that threads may share the cache without locks. */
  private record Entry(long bits, byte[] text) {}

  private static final int SLOTS = 1 << 16;
  private static final Entry[] VALUES = new Entry[SLOTS];

  /** {@code Double.toString(io.lawmonitor.metrics.MetricRecord.rounded(v))} as bytes, from a cache of the values seen last. */
  static byte[] value(double v) {
    long bits = Double.doubleToRawLongBits(v);
    int slot = (int) ((bits * 0x9E3779B97F4A7C15L) >>> 48);
    Entry e = VALUES[slot];
    if (e != null && e.bits == bits) {
      return e.text;
    }
    byte[] text = OutputJson.ascii(Double.toString(io.lawmonitor.metrics.MetricRecord.rounded(v)));
    VALUES[slot] = new Entry(bits, text);
    return text;
  }
}
