package io.lawmonitor.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.metrics.MetricRecord;

/** An alert as a line of alerts.jsonl, a record of law.alerts and a webhook's body. */
public final class AlertJson {
  private AlertJson() {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public static String write(AlertRecord a) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("fingerprint", a.fingerprint());
    n.put("rule", a.rule());
    n.put("state", a.state());
    n.put("severity", a.severity());
    n.put("metric", a.metric());
    n.put("window", a.window());
    n.put("scopeLevel", a.scopeLevel());
    n.put("scope", a.scope());
    if (a.denominator() != null) {
      n.put("value", MetricRecord.rounded(a.value()));
      n.put("numerator", a.numerator());
      n.put("denominator", a.denominator());
      n.put("wilsonLow", a.wilsonLow());
      n.put("wilsonHigh", a.wilsonHigh());
    } else {
      n.put("value", (long) a.value());
    }
    n.put("threshold", a.threshold());
    n.put("activeSince", EventJson.time(a.activeSince()));
    n.put("at", EventJson.time(a.at()));
    n.put("summary", a.summary());
    n.put("mode", a.mode());
    return n.toString();
  }
}
