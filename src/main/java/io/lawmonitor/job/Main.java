package io.lawmonitor.job;

import io.lawmonitor.run.KafkaRun;
import io.lawmonitor.generate.GenerateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one runnable jar: a sub-command per mode (README, "Two commands" and "Kafka mode"). */
@Command(name = "rule-of-law-monitor", mixinStandardHelpOptions = true, version = "rule-of-law-monitor " + io.lawmonitor.prometheus.Version.NUMBER,
    description = "Streaming monitor for rule-of-law government work (法治政府建设): live rates and alerts"
        + " from 12345 hotline, enforcement, administrative review, mediation, litigation and information disclosure events.",
    subcommands = {LocalCommand.class, KafkaCommand.class, ReplayCommand.class, BacktestCommand.class, BoardCommand.class, LoadCommand.class, NotifyTestCommand.class,
        GenerateCommand.class, DashboardCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a sub-command: local, replay, backtest, kafka, board, load, notify-test, generate or dashboard");
  }

  public static int execute(String... args) {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
  }

  public static void main(String[] args) {
    int code = execute(args);
    if (KafkaRun.insideFlinkCluster()) {
      // application mode runs this main in the JobManager's JVM: exiting it would take the
      // JobManager down with it, so a failure is reported as what it is instead
      if (code != 0) {
        throw new IllegalStateException("rule-of-law-monitor " + String.join(" ", args) + " ended with exit code " + code);
      }
      return;
    }
    System.exit(code);
  }
}
