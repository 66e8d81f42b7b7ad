package io.lawmonitor.job;

import io.lawmonitor.run.OneMachine;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options of every mode that runs on this machine: what it serves, where, and where its state lives. */
public final class MachineOptions {
  @Option(names = "--web-ui-port", paramLabel = "PORT", defaultValue = "8081",
      description = "Flink web UI port; the next free one is taken if busy; 0 = no web UI (default: ${DEFAULT-VALUE})")
  int webUiPort;

  @Option(names = "--web-ui-bind", paramLabel = "ADDRESS", defaultValue = OneMachine.LOOPBACK,
      description = "address the web UI and REST API listen on (default: ${DEFAULT-VALUE}, this machine only);"
          + " 0.0.0.0 shows them on the network, read-only for other machines")
  String webUiBind;

  @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "0",
      description = "serve the figures to Prometheus at http://ADDRESS:PORT/metrics (default: off)")
  int metricsPort;

  @Option(names = "--metrics-bind", paramLabel = "ADDRESS", defaultValue = OneMachine.LOOPBACK,
      description = "address the Prometheus endpoint listens on (default: ${DEFAULT-VALUE})")
  String metricsBind;

  @CommandLine.Mixin
  BoardOptions boardOptions = new BoardOptions();

  @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "state",
      description = "checkpoints, savepoints and working files, in a folder only you can enter (default: ${DEFAULT-VALUE})")
  Path stateDir;

  /**
   * The checked settings; warns on {@code err} about whatever becomes reachable from the network.
   *
   * @throws CommandLine.ParameterException for a port out of range, an address that is not this
   *     machine's, or a state folder others can write to
   */
  OneMachine resolve(CommandLine.Model.CommandSpec spec, PrintStream err) {
    CommandLine cl = spec.commandLine();
    if (webUiPort < 0 || webUiPort > 65535) {
      throw new CommandLine.ParameterException(cl, "--web-ui-port must be 0 to 65535");
    }
    if (metricsPort < 0 || metricsPort > 65535) {
      throw new CommandLine.ParameterException(cl, "--metrics-port must be 0 to 65535");
    }
    checkAddress(cl, "--web-ui-bind", webUiBind);
    checkAddress(cl, "--metrics-bind", metricsBind);
    boardOptions.check(cl);
    Path state;
    try {
      state = OneMachine.prepareStateDir(stateDir);
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new CommandLine.ParameterException(cl, e.getMessage());
    }
    int port = webUiPort > 0 ? OneMachine.freePort(webUiBind, webUiPort) : 0;
    OneMachine m = new OneMachine(webUiBind, port, metricsBind, metricsPort, state);
    m.warnings().forEach(err::println);
    return m;
  }

  /** Whether a wallboard is to be served, so the figures must reach this process. */
  boolean board() {
    return boardOptions.board();
  }

  /** See {@link BoardOptions#startBoard}. */
  io.lawmonitor.board.Wallboard startBoard(io.lawmonitor.io.LiveBoard board, io.lawmonitor.alerts.RuleSet rules,
      PrintStream out, PrintStream err) {
    return boardOptions.startBoard(board, rules, out, err);
  }

  static void checkAddress(CommandLine cl, String flag, String address) {
    try (java.net.ServerSocket s = new java.net.ServerSocket()) {
      s.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName(address), 0));
    } catch (java.io.IOException e) {
      throw new CommandLine.ParameterException(cl, flag + " " + address + ": not an address of this machine to listen on");
    }
  }
}
