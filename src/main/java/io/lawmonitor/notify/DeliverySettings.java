package io.lawmonitor.notify;

import java.io.Serializable;
import java.time.Duration;

/**
 * How hard the monitor tries to deliver: each request's timeout, the attempts and their
 * exponential backoff (with jitter), the budget after which an undelivered message is logged as
 * FAILED, and how often Alertmanager hears again of what still fires.
 */
public record DeliverySettings(Duration requestTimeout, int attempts, Duration initialBackoff, Duration maxBackoff,
    Duration budget, Duration resendInterval) implements Serializable {

  public static DeliverySettings defaults() {
    return new DeliverySettings(Duration.ofSeconds(10), 10, Duration.ofSeconds(2), Duration.ofMinutes(2),
        Duration.ofMinutes(15), Duration.ofMinutes(1));
  }

  /** Alertmanager keeps a FIRING alert this long without hearing of it (Prometheus: 4 × its resend delay). */
  public Duration firingValidFor() {
    return resendInterval.multipliedBy(4);
  }
}
