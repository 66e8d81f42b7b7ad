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
 * @param kind ALERTS (transitions), RESEND (alerts still firing, for Alertmanager) or TEST
 * @param at the event time the transitions are about (the window end)
 * @param alerts the transitions it carries: one for a webhook, those of one moment for the others
 * @param key the idempotency key: a receiver that has seen it may drop the message
 */
public record Notification(Subscriber to, String target, int urlIndex, String kind, long at, List<AlertRecord> alerts,
    String key) {
  public static final String ALERTS = "ALERTS";
  public static final String RESEND = "RESEND";
  public static final String TEST = "TEST";

  public Notification {
    alerts = List.copyOf(alerts);
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
