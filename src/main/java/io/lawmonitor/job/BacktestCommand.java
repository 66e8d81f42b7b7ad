package io.lawmonitor.job;

import io.lawmonitor.console.ConsoleView;
import io.lawmonitor.run.Summary;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.alerts.AlertTimelines;
import io.lawmonitor.alerts.AlertTimelines.Difference;
import io.lawmonitor.alerts.AlertTimelines.Episode;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.io.FileOutputs;
import io.lawmonitor.io.OutputJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backtest}: the same history under two rule files, and which alerts differ: those that
 * fire under one only, and the same alert fired or ended at another time.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
    description = "Replay the same history under two rule files (--rules A, --against B) and compare their alerts:"
        + " only under A, only under B, the same alert shifted in time. Writes each run under DIR/a and DIR/b and the"
        + " comparison as DIR/backtest.json, and prints it as a table.")
public final class BacktestCommand implements Callable<Integer> {
  static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ReplayOptions.CST);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  EventFiles eventFiles = new EventFiles();

  @CommandLine.Mixin
  JobFiles jobFiles = new JobFiles();

  @Option(names = "--against", paramLabel = "FILE", required = true, description = "the rules to compare with (B)")
  Path against;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory")
  Path out;

  @CommandLine.Mixin
  ReplayOptions replay = new ReplayOptions();

  @Override
  public Integer call() throws Exception {
    PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    CommandLine cmd = spec.commandLine();
    ReplayOptions.Prepared p = replay.prepare(cmd, eventFiles, jobFiles, err);
    RuleSet b;
    try {
      b = RuleSet.load(against, p.job().config().windowNames());
      RuleSet.requireComputed(b, p.job().config().scopeLevels(), p.job().config().metrics(), against.toString());
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new CommandLine.ParameterException(cmd, e.getMessage());
    }
    String nameA = p.job().rulesFile() == null ? "(no rules)" : p.job().rulesFile().getFileName().toString();
    String nameB = against.getFileName().toString();
    stdout.println("Rule-of-law monitor, backtest: " + p.describe() + "; A = " + nameA + " (" + p.job().rules().rules().size()
        + " rules), B = " + nameB + " (" + b.rules().size() + " rules); output in " + out.toAbsolutePath());
    stdout.print("A: ");
    Summary sa = replay.run(p, p.job().rules(), out.resolve("a"), stdout, err, "backtest A");
    stdout.print("B: ");
    Summary sb = replay.run(p, b, out.resolve("b"), stdout, err, "backtest B");

    List<Episode> ea = AlertTimelines.episodes(OutputJson.readAlerts(out.resolve("a").resolve(FileOutputs.ALERTS)));
    List<Episode> eb = AlertTimelines.episodes(OutputJson.readAlerts(out.resolve("b").resolve(FileOutputs.ALERTS)));
    List<Difference> diffs = AlertTimelines.compare(ea, eb);
    write(out.resolve("backtest.json"), nameA, nameB, ea.size(), eb.size(), diffs);
    io.lawmonitor.report.Report.write(out, "法治政府建设运行监测 · 规则回测报告", List.of(
        new io.lawmonitor.report.Report.Run(nameA, out.resolve("a"), p.job().rules()),
        new io.lawmonitor.report.Report.Run(nameB, out.resolve("b"), b)), p.job().calendar());
    stdout.println();
    stdout.print(table(nameA, nameB, ea.size(), eb.size(), diffs));
    stdout.println("Outputs: " + out.toAbsolutePath() + "/a/, b/ (each as replay writes it), backtest.json, report.html,"
        + " report.csv, late-cases.csv");
    return sa.reconciles() && sb.reconciles() ? 0 : 1;
  }

  static void write(Path file, String nameA, String nameB, int episodesA, int episodesB, List<Difference> diffs)
      throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.putObject("a").put("rules", nameA).put("alerts", episodesA);
    root.putObject("b").put("rules", nameB).put("alerts", episodesB);
    ObjectNode totals = root.putObject("totals");
    for (AlertTimelines.Kind k : AlertTimelines.Kind.values()) {
      totals.put(k.name(), diffs.stream().filter(d -> d.kind() == k).count());
    }
    ArrayNode counts = root.putArray("byRuleAndScope");
    for (AlertTimelines.Count c : AlertTimelines.counts(diffs)) {
      counts.addObject().put("rule", c.rule()).put("scopeLevel", c.scopeLevel()).put("scope", c.scope())
          .put("SAME", c.same()).put("SHIFTED", c.shifted()).put("ONLY_A", c.onlyA()).put("ONLY_B", c.onlyB());
    }
    ArrayNode list = root.putArray("alerts");
    for (Difference d : diffs) {
      Episode e = d.either();
      ObjectNode n = list.addObject().put("kind", d.kind().name()).put("rule", e.rule()).put("metric", e.metric())
          .put("window", e.window()).put("scopeLevel", e.scopeLevel()).put("scope", e.scope());
      if (d.a() != null) {
        episode(n.putObject("a"), d.a());
      }
      if (d.b() != null) {
        episode(n.putObject("b"), d.b());
      }
      if (d.kind() == AlertTimelines.Kind.SHIFTED) {
        n.put("startShiftMinutes", d.startShiftMillis() / 60_000);
        if (d.endShiftMillis() == null) {
          n.putNull("endShiftMinutes");
        } else {
          n.put("endShiftMinutes", d.endShiftMillis() / 60_000);
        }
      }
    }
    Files.writeString(file, json.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
  }

  private static void episode(ObjectNode n, Episode e) {
    n.put("firing", EventJson.time(e.firing()));
    if (e.resolved() == Long.MAX_VALUE) {
      n.putNull("resolved"); // still firing when the history ends
    } else {
      n.put("resolved", EventJson.time(e.resolved()));
    }
    n.put("severity", e.severity());
    n.put("firingValue", e.firingValue());
  }

  /** The comparison as a person reads it on the console. */
  static String table(String nameA, String nameB, int episodesA, int episodesB, List<Difference> diffs) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "Alerts: A (%s) %d, B (%s) %d%n", nameA, episodesA, nameB, episodesB));
    b.append(ConsoleView.pad("rule", 37)).append(ConsoleView.pad("scope", 25))
        .append(String.format(Locale.ROOT, "%5s %8s %7s %7s%n", "same", "shifted", "only A", "only B"));
    for (AlertTimelines.Count c : AlertTimelines.counts(diffs)) {
      b.append(ConsoleView.pad(c.rule(), 37)).append(ConsoleView.pad(scope(c.scopeLevel(), c.scope()), 25))
          .append(String.format(Locale.ROOT, "%5d %8d %7d %7d%n", c.same(), c.shifted(), c.onlyA(), c.onlyB()));
    }
    List<Difference> differing = diffs.stream().filter(d -> d.kind() != AlertTimelines.Kind.SAME).toList();
    b.append(differing.isEmpty() ? "No differences: every alert fires and ends at the same time under both.\n"
        : "Differences:\n");
    for (Difference d : differing) {
      Episode e = d.either();
      String what = e.rule() + " " + scope(e.scopeLevel(), e.scope());
      switch (d.kind()) {
        case ONLY_A -> b.append("  only A   ").append(what).append(": ").append(span(d.a())).append('\n');
        case ONLY_B -> b.append("  only B   ").append(what).append(": ").append(span(d.b())).append('\n');
        default -> b.append("  shifted  ").append(what).append(": A ").append(span(d.a())).append("; B ")
            .append(shift(d.startShiftMillis(), "starts")).append(", ").append(shift(d.endShiftMillis(), "ends"))
            .append('\n');
      }
    }
    return b.toString();
  }

  static String scope(String level, String scope) {
    return level.equals("all") ? "all" : scope;
  }

  static String span(Episode e) {
    return MINUTE.format(Instant.ofEpochMilli(e.firing())) + " → "
        + (e.resolved() == Long.MAX_VALUE ? "still firing at the end" : MINUTE.format(Instant.ofEpochMilli(e.resolved())));
  }

  static String shift(Long millis, String what) {
    if (millis == null) {
      return what + " otherwise (one still fires at the end)";
    }
    if (millis == 0) {
      return what + " the same";
    }
    long minutes = Math.abs(millis) / 60_000;
    String by = minutes % 60 == 0 ? (minutes / 60) + " h" : minutes + " min";
    return what + " " + by + (millis > 0 ? " later" : " earlier");
  }
}
