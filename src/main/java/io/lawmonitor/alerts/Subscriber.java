package io.lawmonitor.alerts;

import java.io.Serializable;

/** Where alerts of a rule go: the alerts topic, a webhook, Alertmanager, or a WeCom/DingTalk robot. */
public record Subscriber(String name, String type, String url) implements Serializable {
  public static final java.util.Set<String> TYPES = java.util.Set.of("kafka", "webhook", "alertmanager", "wecom", "dingtalk");
}
