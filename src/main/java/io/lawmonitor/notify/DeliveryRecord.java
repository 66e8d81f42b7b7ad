package io.lawmonitor.notify;

/**
 * One line of the delivery log: a message that reached its subscriber, or one that did not after
 * its retries, with the last error. Nothing is dropped silently.
 *
 * @param outcome DELIVERED, FAILED, or RETRY (an attempt that will be tried again; never logged)
 * @param alertKeys the idempotency keys of the transitions in the message, comma-separated
 * @param status the receiver's HTTP status, or 0 when there was no answer
 * @param error what went wrong (no URL, key or token in it), or null
 * @param sentAt when the last attempt was made (wall clock, epoch millis)
 */
public record DeliveryRecord(String subscriber, String type, String target, String kind, String outcome, String key,
    String alertKeys, int alerts, long at, int attempts, int status, String error, long sentAt, String mode) {
  public static final String DELIVERED = "DELIVERED";
  public static final String FAILED = "FAILED";
  public static final String RETRY = "RETRY";

  public DeliveryRecord failed(String why) {
    return new DeliveryRecord(subscriber, type, target, kind, FAILED, key, alertKeys, alerts, at, attempts, status, why,
        sentAt, mode);
  }
}
