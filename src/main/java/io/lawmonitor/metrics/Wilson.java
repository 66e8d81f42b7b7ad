package io.lawmonitor.metrics;

/** The Wilson score interval of a proportion, so that 1 of 1 is not mistaken for 990 of 1,000. */
public final class Wilson {
  private Wilson() {}

  public static final double Z95 = 1.959963984540054;

  /** {low, high} of the interval at the given z; {0, 1} when there is no sample. */
  public static double[] interval(long successes, long n, double z) {
    if (n <= 0) {
      return new double[] {0, 1};
    }
    double p = (double) successes / n;
    double z2 = z * z;
    double denom = 1 + z2 / n;
    double centre = p + z2 / (2.0 * n);
    double margin = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    double low = Math.max(0, (centre - margin) / denom);
    double high = Math.min(1, (centre + margin) / denom);
    return new double[] {Math.min(low, p), Math.max(high, p)};
  }

  /** Rounded to 4 places outward, so the rounded interval still holds the value. */
  public static double floor4(double v) {
    return Math.floor(v * 10_000 + 1e-9) / 10_000;
  }

  public static double ceil4(double v) {
    return Math.ceil(v * 10_000 - 1e-9) / 10_000;
  }

  /** The two-sided z for a confidence level (0.95 → 1.96), by Acklam's inverse normal. */
  public static double zFor(double confidence) {
    if (Math.abs(confidence - 0.95) < 1e-12) {
      return Z95;
    }
    return inverseNormal(1 - (1 - confidence) / 2);
  }

  static double inverseNormal(double p) {
    double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01};
    double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
    double plow = 0.02425;
    if (p < plow) {
      double q = Math.sqrt(-2 * Math.log(p));
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - plow) {
      double q = Math.sqrt(-2 * Math.log(1 - p));
      return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
}
