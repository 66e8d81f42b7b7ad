package io.lawmonitor.notify;

import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.alerts.Subscriber;
import io.lawmonitor.events.EventJson;
import java.util.List;

/**
 * One message to one target: a subscriber, or one URL of an Alertmanager HA pair.
 *
 * @param to the subscriber, as the rules in force when it was made define it
 * @param target the subscriber's name, with {@code #N} for the N-th URL of an alertmanager
 * @param urlIndex which of the subscriber's URLs
 * @param kind ALERTS (transitions), RESEND (alerts still firing, for Alertmanager), TEST, or for
 *     the 督办清单 CASE_DIGEST (an agency's listed cases) and CASE_OVERDUE (a case just overdue)
 * @param at the event time the transitions are about (the window end)
 * @param alerts the transitions it carries: one for a webhook, those of one moment for the others
 * @param key the idempotency key: a receiver that has seen it may drop the message
 * @param cases the 督办清单 message it carries, or null for alerts
 */
public record Notification(Subscriber to, String target, int urlIndex, String kind, long at, List<AlertRecord> alerts,
    String key, CaseMessage cases) {
  public static final String ALERTS = "ALERTS";
  public static final String RESEND = "RESEND";
  public static final String TEST = "TEST";
  public static final String CASE_DIGEST = "CASE_DIGEST";
  public static final String CASE_OVERDUE = "CASE_OVERDUE";

  public Notification {
    alerts = List.copyOf(alerts);
  }

  /** A message of alerts. */
  public Notification(Subscriber to, String target, int urlIndex, String kind, long at, List<AlertRecord> alerts,
      String key) {
    this(to, target, urlIndex, kind, at, alerts, key, null);
  }

  public String subscriber() {
    return to.name();
  }

  /** fingerprint:state:at, the same for every repeat of one transition. */
  public static String keyOf(AlertRecord a) {
    return a.fingerprint() + ":" + a.state() + ":" + EventJson.time(a.at());
  }

  /** The key of a message carrying these transitions: the transition's own for one, a digest for several. */
  public static String keyOf(List<AlertRecord> alerts) {
    if (alerts.size() == 1) {
      return keyOf(alerts.get(0));
    }
    StringBuilder all = new StringBuilder();
    alerts.stream().map(Notification::keyOf).sorted().forEach(k -> all.append(k).append('\n'));
    return Digest.hex(all.toString(), 32);
  }
}
