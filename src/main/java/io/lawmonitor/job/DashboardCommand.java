package io.lawmonitor.job;

import io.lawmonitor.dashboard.GrafanaDashboard;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dashboard}: the Grafana dashboard for the streams this version knows, as k8s/grafana/ ships it. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
    description = "Write the Grafana dashboard (a row per stream: its rates by city and district with their alert"
        + " thresholds, sample sizes, open and overdue cases; then the alerts and the job's health) to stdout or a file."
        + " k8s/grafana/rule-of-law-monitor.json is this command's output.")
public final class DashboardCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "FILE", description = "write it here instead of to stdout")
  Path out;

  @Override
  public Integer call() throws Exception {
    String json = GrafanaDashboard.text();
    if (out == null) {
      PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      stdout.print(json);
      stdout.flush();
    } else {
      Files.writeString(out, json, StandardCharsets.UTF_8);
    }
    return 0;
  }
}
