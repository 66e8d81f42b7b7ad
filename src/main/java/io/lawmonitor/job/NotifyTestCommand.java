package io.lawmonitor.job;

import io.lawmonitor.config.ConfigFiles;
import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.alerts.Subscriber;
import io.lawmonitor.notify.Deliver;
import io.lawmonitor.notify.DeliveryRecord;
import io.lawmonitor.notify.Notification;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code notify-test}: one clearly marked test message to one subscriber, and what it answered. */
@Command(name = "notify-test", mixinStandardHelpOptions = true,
    description = "Send one test message (marked as a test) to a subscriber of a rules file, exactly as an alert would"
        + " go, and say what the receiver answered. Exit 0 if it was accepted, 1 if not.")
public final class NotifyTestCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--rules", paramLabel = "FILE", description = "alert rules with their subscribers (default: flink-conf/alert-rules.yaml)")
  Path rules;

  @Option(names = "--config", paramLabel = "FILE", description = "job settings, for the delivery timeout (default: flink-conf/monitor.yaml if present)")
  Path config;

  @Option(names = "--subscriber", required = true, paramLabel = "NAME", description = "the subscriber to send to")
  String name;

  @Override
  public Integer call() throws Exception {
    MonitorConfig cfg;
    RuleSet ruleSet;
    try {
      cfg = ConfigFiles.config(config);
      ruleSet = ConfigFiles.rules(rules, cfg);
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Subscriber s = ruleSet.subscribers().get(name);
    if (s == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "no subscriber '" + name + "' (the rules file has: "
          + String.join(", ", ruleSet.subscribers().keySet().stream().sorted().toList()) + ")");
    }
    if (!s.http()) {
      System.out.println(name + " is the alerts topic (kafka): every alert is written there; nothing to send.");
      return 0;
    }
    long now = System.currentTimeMillis();
    AlertRecord test = new AlertRecord("test-" + Long.toHexString(now), "rule-of-law-monitor-test", "FIRING", "info",
        "hotline.satisfaction_rate", "sliding_24h", "all", "all", 0.99, 99L, 100L, 0.9455, 0.9982, 0.95, now, now,
        "【测试】法治政府运行监测 告警通道测试，无需处理", "test");
    HttpClient http = HttpClient.newBuilder().connectTimeout(cfg.delivery().requestTimeout()).build();
    boolean allOk = true;
    for (int i = 0; i < s.urls().size(); i++) {
      String target = s.urls().size() == 1 ? name : name + "#" + i;
      Notification n = new Notification(s, target, i, Notification.TEST, now, List.of(test), Notification.keyOf(test));
      DeliveryRecord r;
      try {
        HttpResponse<String> res = http.send(Deliver.request(s, n, cfg.delivery()), HttpResponse.BodyHandlers.ofString());
        r = Deliver.judge(s, n, 1, res.statusCode(), res.body(), "test");
        String body = res.body() == null ? "" : res.body().strip();
        System.out.println(target + " (" + s.type() + ", " + s.where() + "): HTTP " + res.statusCode()
            + (body.isEmpty() ? "" : " " + Deliver.redact(s, body.length() > 300 ? body.substring(0, 300) + "…" : body)));
      } catch (java.io.IOException | RuntimeException e) {
        r = new DeliveryRecord(name, s.type(), target, Notification.TEST, DeliveryRecord.RETRY, n.key(), n.key(), 1, now, 1, 0,
            Deliver.redact(s, Deliver.describe(e)), now, "test");
        System.out.println(target + " (" + s.type() + ", " + s.where() + "): no answer: " + r.error());
      }
      boolean ok = r.outcome().equals(DeliveryRecord.DELIVERED);
      allOk &= ok;
      System.out.println(ok ? "  accepted: the test message was delivered."
          : "  not accepted" + (r.error() == null ? "" : ": " + r.error())
              + (r.outcome().equals(DeliveryRecord.RETRY) ? " (an alert would be retried)" : " (an alert would not be retried)"));
    }
    return allOk ? 0 : 1;
  }
}
