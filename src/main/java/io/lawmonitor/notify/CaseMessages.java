package io.lawmonitor.notify;

import io.lawmonitor.lifecycle.CaseWatchJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.catalogue.WatchText;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.lifecycle.CaseWatch;
import io.lawmonitor.lifecycle.WatchState;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A 督办清单 message as each kind of subscriber takes it: markdown for a person on a phone (WeCom,
 * DingTalk), JSON for a webhook (the case-watch records themselves), alerts for Alertmanager (one
 * per case, kept a day: a daily digest keeps a listed case there while it stays on the list).
 */
final class CaseMessages {
  private CaseMessages() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("M月d日 HH:mm")
      .withZone(ZoneId.of("Asia/Shanghai"));
  private static final long ALERTMANAGER_KEEPS = 25 * 3_600_000L;

  static String body(String type, Notification n, long now) {
    return switch (type) {
      case "webhook" -> webhook(n);
      case "alertmanager" -> alertmanager(n, now);
      case "wecom" -> {
        ObjectNode o = JSON.createObjectNode();
        o.put("msgtype", "markdown");
        o.putObject("markdown").put("content", markdown(n));
        yield o.toString();
      }
      case "dingtalk" -> {
        ObjectNode o = JSON.createObjectNode();
        o.put("msgtype", "markdown");
        ObjectNode md = o.putObject("markdown");
        md.put("title", title(n));
        md.put("text", markdown(n));
        yield o.toString();
      }
      default -> throw new IllegalArgumentException("not sent over HTTP: " + type);
    };
  }

  static String title(Notification n) {
    CaseMessage m = n.cases();
    if (m.digest()) {
      return "督办清单｜" + (m.agency() == null || m.agency().isEmpty() ? "未指定机构" : m.agency());
    }
    return "超期提醒｜" + WatchText.what(m.cases().get(0));
  }

  /**
   * A digest: the counts, then each listed case (red first, the most overdue first) with what is
   * due, how late or how near, and the deadline; an overdue message: the case, its agency, place,
   * start and deadline. Marked by words and symbols, not by colour alone.
   */
  static String markdown(Notification n) {
    CaseMessage m = n.cases();
    StringBuilder md = new StringBuilder("### ").append(title(n)).append("\n");
    if (m.digest()) {
      md.append("**超期 ").append(m.overdue()).append(" 件　临期 ").append(m.dueSoon()).append(" 件**\n");
      WatchState last = null;
      for (CaseWatch w : m.cases()) {
        if (w.state() != last) {
          md.append("\n**").append(w.state() == WatchState.OVERDUE ? "▲ 超期" : "● 临期").append("**\n");
          last = w.state();
        }
        md.append("> ").append(w.caseId()).append("　").append(WatchText.what(w)).append("　**")
            .append(WatchText.distance(w.behind(), w.unit())).append("**（期限 ").append(WatchText.deadline(w.deadline()))
            .append("）\n");
      }
      int more = m.overdue() + m.dueSoon() - m.cases().size();
      if (more > 0) {
        md.append("\n另有 ").append(more).append(" 件未列出，见指挥中心督办清单。\n");
      }
    } else {
      CaseWatch w = m.cases().get(0);
      md.append("**").append(w.caseId()).append("** 已超期（期限 ").append(WatchText.deadline(w.deadline())).append("）\n");
      md.append("> 承办机构 ").append(w.agency() == null ? "未指定" : w.agency()).append("\n");
      md.append("> 地区 ").append(w.region() == null ? "—" : w.region()).append("\n");
      md.append("> 起算于 ").append(WHEN.format(Instant.ofEpochMilli(w.startedAt()))).append("\n");
    }
    md.append("\n截至 ").append(WHEN.format(Instant.ofEpochMilli(n.at()))).append(" · 规则 ").append(m.rule())
        .append(" · 编号 ").append(n.key().length() > 12 ? n.key().substring(0, 12) : n.key());
    return md.toString();
  }

  /** The message as JSON: its kind, rule, agency, counts and the case-watch records (their behind as of the message). */
  static String webhook(Notification n) {
    CaseMessage m = n.cases();
    ObjectNode o = JSON.createObjectNode();
    o.put("kind", n.kind());
    o.put("rule", m.rule());
    o.put("agency", m.agency());
    o.put("at", EventJson.time(n.at()));
    o.put("overdue", m.overdue());
    o.put("dueSoon", m.dueSoon());
    ArrayNode cases = o.putArray("cases");
    for (CaseWatch w : m.cases()) {
      cases.add(CaseWatchJson.node(w));
    }
    o.put("idempotencyKey", n.key());
    return o.toString();
  }

  /** An alert per case: case-overdue or case-due-soon, labelled by case and clock, kept for a day. */
  static String alertmanager(Notification n, long now) {
    ArrayNode arr = JSON.createArrayNode();
    for (CaseWatch w : n.cases().cases()) {
      ObjectNode o = arr.addObject();
      ObjectNode labels = o.putObject("labels");
      labels.put("alertname", w.state() == WatchState.OVERDUE ? "case-overdue" : "case-due-soon");
      labels.put("severity", w.state() == WatchState.OVERDUE ? "warning" : "info");
      labels.put("rule", n.cases().rule());
      labels.put("stream", w.stream().wireName());
      labels.put("clock", w.clock());
      labels.put("caseId", w.caseId());
      if (w.agency() != null) {
        labels.put("agency", w.agency());
      }
      ObjectNode ann = o.putObject("annotations");
      ann.put("summary", w.caseId() + " " + WatchText.what(w) + " " + WatchText.distance(w.behind(), w.unit())
          + "（期限 " + WatchText.deadline(w.deadline()) + "）");
      ann.put("region", w.region() == null ? "" : w.region());
      ann.put("idempotencyKey", n.key());
      o.put("startsAt", DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(
          w.state() == WatchState.OVERDUE ? w.deadline() : w.at())));
      o.put("endsAt", DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(now + ALERTMANAGER_KEEPS)));
    }
    return arr.toString();
  }
}
