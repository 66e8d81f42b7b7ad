package io.lawmonitor.alerts;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where alerts of a rule go: the alerts topic ({@code kafka}), an HTTP {@code webhook},
 * Prometheus {@code alertmanager} (every one of its URLs: an HA pair gets each alert), or a
 * {@code wecom} / {@code dingtalk} group robot. URLs, headers and the DingTalk signing secret may
 * hold secrets (a robot's key is in its URL); they come from the environment and are never shown.
 *
 * @param urls one for most types; one or more for alertmanager; none for kafka
 * @param headers sent with every request (e.g. Authorization)
 * @param secret DingTalk's 加签 secret, or null
 * @param perMinute at most this many messages a minute (robots accept about 20); 0 for no limit
 */
public record Subscriber(String name, String type, List<String> urls, Map<String, String> headers, String secret,
    int perMinute) implements Serializable {
  public static final Set<String> TYPES = Set.of("kafka", "webhook", "alertmanager", "wecom", "dingtalk");

  public Subscriber {
    urls = List.copyOf(urls);
    headers = Map.copyOf(headers);
  }

  public static Subscriber kafka(String name) {
    return new Subscriber(name, "kafka", List.of(), Map.of(), null, 0);
  }

  /** Delivered over HTTP by the monitor (everything but the alerts topic, which is always written). */
  public boolean http() {
    return !type.equals("kafka");
  }

  /** A robot: messages a person reads, grouped and paced. */
  public boolean robot() {
    return type.equals("wecom") || type.equals("dingtalk");
  }

  /** What must never be shown: the URLs, the header values, the signing secret. */
  public List<String> secrets() {
    List<String> s = new ArrayList<>(urls);
    s.addAll(headers.values());
    if (secret != null) {
      s.add(secret);
    }
    return s;
  }

  /** Where it points, without anything secret: the host of its first URL. */
  public String where() {
    if (urls.isEmpty()) {
      return type;
    }
    try {
      java.net.URI u = java.net.URI.create(urls.get(0));
      return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "")
          + (urls.size() > 1 ? " (+" + (urls.size() - 1) + ")" : "");
    } catch (IllegalArgumentException e) {
      return type;
    }
  }

  @Override
  public String toString() {
    return "Subscriber[" + name + ", " + type + ", " + where() + "]";
  }
}
