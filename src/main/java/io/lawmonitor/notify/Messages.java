package io.lawmonitor.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.alerts.Subscriber;
import io.lawmonitor.alerts.Summaries;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.alerts.AlertJson;
import io.lawmonitor.streams.Metric;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What each kind of subscriber receives, as plain functions: the webhook's alert record, the
 * Alertmanager API v2 payload, and the Chinese markdown a person reads on a phone in a WeCom or
 * DingTalk group.
 */
public final class Messages {
  private Messages() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("M月d日 HH:mm").withZone(SHANGHAI);
  private static final DateTimeFormatter ISO_UTC = DateTimeFormatter.ISO_INSTANT;

  /** An HTTP POST to make. */
  public record Request(String url, Map<String, String> headers, String body) {}

  /**
   * @param now the wall clock when it is sent (Alertmanager's validity, DingTalk's signature)
   * @param firingValidFor how long Alertmanager keeps a FIRING alert without hearing of it again
   */
  public static Request of(Subscriber s, Notification n, long now, Duration firingValidFor) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json; charset=utf-8");
    headers.put("Idempotency-Key", n.key());
    headers.putAll(s.headers());
    String url = s.urls().get(n.urlIndex());
    String body = n.cases() != null ? CaseMessages.body(s.type(), n, now) : switch (s.type()) {
      case "webhook" -> webhook(n);
      case "alertmanager" -> alertmanager(n.alerts(), now, firingValidFor);
      case "wecom" -> wecom(n);
      case "dingtalk" -> dingtalk(n);
      default -> throw new IllegalArgumentException("not sent over HTTP: " + s.type());
    };
    if (s.type().equals("dingtalk") && s.secret() != null) {
      url = signed(url, s.secret(), now);
    }
    return new Request(url, headers, body);
  }

  /** The alert record as in alerts.jsonl (a test message: a record marked as one). */
  static String webhook(Notification n) {
    AlertRecord a = n.alerts().get(0);
    if (n.kind().equals(Notification.TEST)) {
      return "{\"test\":true,\"summary\":" + JSON.valueToTree(a.summary()) + ",\"alert\":" + AlertJson.write(a) + "}";
    }
    return AlertJson.write(a);
  }

  /**
   * Alertmanager API v2 ({@code POST /api/v2/alerts}): labels identify the alert, a FIRING one is
   * valid for {@code firingValidFor} (re-sent before then while it fires, as Prometheus does), a
   * RESOLVED one ends at its resolve time.
   */
  public static String alertmanager(List<AlertRecord> alerts, long now, Duration firingValidFor) {
    ArrayNode arr = JSON.createArrayNode();
    for (AlertRecord a : alerts) {
      ObjectNode o = arr.addObject();
      ObjectNode labels = o.putObject("labels");
      labels.put("alertname", a.rule());
      labels.put("severity", a.severity());
      labels.put("metric", a.metric());
      labels.put("window", a.window());
      labels.put("scopeLevel", a.scopeLevel());
      labels.put("scope", a.scope());
      ObjectNode ann = o.putObject("annotations");
      ann.put("summary", a.summary());
      ann.put("description", description(a));
      ann.put("idempotencyKey", Notification.keyOf(a));
      o.put("startsAt", ISO_UTC.format(Instant.ofEpochMilli(a.activeSince())));
      long ends = a.state().equals("RESOLVED") ? a.at() : now + firingValidFor.toMillis();
      o.put("endsAt", ISO_UTC.format(Instant.ofEpochMilli(ends)));
    }
    return arr.toString();
  }

  /** value, sample, interval, threshold: the figures behind the summary. */
  static String description(AlertRecord a) {
    if (a.denominator() != null) {
      return String.format("value %s (%d/%d, Wilson 95%% %s–%s), threshold %s, active since %s", Summaries.percent(a.value(), 1),
          a.numerator(), a.denominator(), Summaries.percent(a.wilsonLow(), 1), Summaries.percent(a.wilsonHigh(), 1),
          Summaries.percent(a.threshold(), -1), EventJson.time(a.activeSince()));
    }
    return String.format("value %s, threshold %s, active since %s", Summaries.plain(a.value()),
        Summaries.plain(a.threshold()), EventJson.time(a.activeSince()));
  }

  static String wecom(Notification n) {
    ObjectNode o = JSON.createObjectNode();
    o.put("msgtype", "markdown");
    o.putObject("markdown").put("content", markdown(n));
    return o.toString();
  }

  static String dingtalk(Notification n) {
    ObjectNode o = JSON.createObjectNode();
    o.put("msgtype", "markdown");
    ObjectNode md = o.putObject("markdown");
    md.put("title", title(n));
    md.put("text", markdown(n));
    return o.toString();
  }

  /** The headline: how many breaches began and how many ended. */
  static String title(Notification n) {
    if (n.kind().equals(Notification.TEST)) {
      return "【测试消息】法治政府运行监测";
    }
    long firing = n.alerts().stream().filter(a -> a.state().equals("FIRING")).count();
    long resolved = n.alerts().size() - firing;
    StringBuilder t = new StringBuilder("法治政府运行监测：");
    if (firing > 0) {
      t.append(firing).append(" 项告警");
    }
    if (firing > 0 && resolved > 0) {
      t.append("，");
    }
    if (resolved > 0) {
      t.append(resolved).append(" 项恢复");
    }
    return t.toString();
  }

  /**
   * For a person on a phone: what slipped, where, the figure with its sample, since when, the
   * threshold; for a resolve what it recovered to and how long it lasted. Marked by words and
   * symbols, not by colour alone.
   */
  public static String markdown(Notification n) {
    StringBuilder md = new StringBuilder("### ").append(title(n)).append("\n");
    if (n.kind().equals(Notification.TEST)) {
      md.append("这是一条测试消息，用于确认本群能收到告警，无需处理。\n");
    }
    for (AlertRecord a : n.alerts()) {
      boolean firing = a.state().equals("FIRING");
      Metric metric = io.lawmonitor.catalogue.Catalogue.metric(a.metric());
      String what = (metric != null && metric.kind() == Metric.Kind.GAUGE ? "" : Summaries.windowLabel(a.window()))
          + (metric == null ? a.metric() : metric.label());
      String where = "all".equals(a.scope()) ? "全部" : a.scope();
      String figure = a.denominator() != null
          ? "**" + Summaries.percent(a.value(), 1) + "**（" + a.numerator() + "/" + a.denominator() + "件，区间 "
              + Summaries.percent(a.wilsonLow(), 1) + "–" + Summaries.percent(a.wilsonHigh(), 1) + "）"
          : "**" + Summaries.plain(a.value()) + "件**";
      String threshold = a.denominator() != null ? Summaries.percent(a.threshold(), -1) : Summaries.plain(a.threshold()) + "件";
      md.append("\n");
      if (firing) {
        md.append("**▲ 告警｜").append(severity(a.severity())).append("** ").append(where).append("\n");
        md.append("> ").append(what).append(" ").append(figure).append("\n");
        // a FIRING value lies past its threshold, which says which way the rule looks
        md.append(a.value() < a.threshold() ? "> 低于阈值 " : "> 高于阈值 ").append(threshold).append("，自 ").append(WHEN.format(Instant.ofEpochMilli(a.activeSince())))
            .append(" 起\n");
      } else {
        md.append("**▼ 已恢复** ").append(where).append("\n");
        md.append("> ").append(what).append(" 回到 ").append(figure).append("\n");
        md.append("> 持续 ").append(lasted(a.at() - a.activeSince())).append("（").append(WHEN.format(Instant.ofEpochMilli(
            a.activeSince()))).append(" 至 ").append(WHEN.format(Instant.ofEpochMilli(a.at()))).append("）\n");
      }
      md.append("> 规则 ").append(a.rule()).append("\n");
    }
    md.append("\n数据截至 ").append(WHEN.format(Instant.ofEpochMilli(n.at()))).append(" · 编号 ")
        .append(n.key().length() > 12 ? n.key().substring(0, 12) : n.key());
    return md.toString();
  }

  static String severity(String s) {
    return switch (s) {
      case "critical" -> "严重";
      case "warning" -> "警告";
      default -> "提示";
    };
  }

  /** 1天3小时, 5小时, 40分钟. */
  static String lasted(long millis) {
    long minutes = Math.max(0, millis / 60_000);
    long days = minutes / 1440;
    long hours = minutes % 1440 / 60;
    if (days > 0) {
      return days + "天" + (hours > 0 ? hours + "小时" : "");
    }
    if (hours > 0) {
      return hours + "小时" + (minutes % 60 > 0 ? minutes % 60 + "分钟" : "");
    }
    return minutes + "分钟";
  }

  /** DingTalk's 加签: timestamp and HMAC-SHA256(secret, timestamp + "\n" + secret), base64, URL-encoded. */
  public static String signed(String url, String secret, long timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] sign = mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
      return url + (url.contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign="
          + URLEncoder.encode(Base64.getEncoder().encodeToString(sign), StandardCharsets.UTF_8);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
