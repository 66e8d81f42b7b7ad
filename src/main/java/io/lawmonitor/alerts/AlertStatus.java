package io.lawmonitor.alerts;

/**
 * Where a (rule, scope) stands: OK, PENDING (in breach, not yet for long enough) or FIRING.
 * {@code streak} counts consecutive windows in breach; {@code since} is when the breach began.
 */
public record AlertStatus(String state, int streak, long since) {
  public static final String OK = "OK";
  public static final String PENDING = "PENDING";
  public static final String FIRING = "FIRING";
  public static final String RESOLVED = "RESOLVED";

  public static final AlertStatus INITIAL = new AlertStatus(OK, 0, 0);

  public boolean firing() {
    return FIRING.equals(state);
  }
}
