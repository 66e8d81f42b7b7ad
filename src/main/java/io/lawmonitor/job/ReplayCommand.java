package io.lawmonitor.job;

import io.lawmonitor.run.Summary;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code replay}: history through the same graph as the live job, giving the records the live job
 * gave (or would have given) for those events, marked {@code "mode":"replay"}.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay history (JSONL exports) through the monitor: the figures and alerts the live job produces for"
        + " those events, marked \"mode\":\"replay\", optionally for a period (--from/--to) and with month and year"
        + " windows (--windows). Exports in another order than event time are put in order first.")
public final class ReplayCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  EventFiles eventFiles = new EventFiles();

  @CommandLine.Mixin
  JobFiles jobFiles = new JobFiles();

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory")
  Path out;

  @CommandLine.Mixin
  ReplayOptions replay = new ReplayOptions();

  @Override
  public Integer call() throws Exception {
    PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    ReplayOptions.Prepared p = replay.prepare(spec.commandLine(), eventFiles, jobFiles, err);
    stdout.println("Rule-of-law monitor, replay: " + p.describe() + ", " + p.job().rules().rules().size()
        + " alert rules, output in " + out.toAbsolutePath());
    Summary s = replay.run(p, p.job().rules(), out, stdout, err, "replay");
    io.lawmonitor.report.Report.write(out, "法治政府建设运行监测 · 回放报告",
        java.util.List.of(new io.lawmonitor.report.Report.Run("replay", out, p.job().rules())), p.job().calendar());
    stdout.println(io.lawmonitor.report.LateCases.line(out));
    stdout.println("Outputs: " + out.toAbsolutePath() + "/{metrics,alerts,case-watch,dead-letters,late-events,deliveries}.jsonl,"
        + " summary.json, report.html, report.csv, late-cases.csv");
    return s.reconciles() ? 0 : 1;
  }
}
