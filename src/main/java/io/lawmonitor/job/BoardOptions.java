package io.lawmonitor.job;

import io.lawmonitor.run.OneMachine;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.board.Wallboard;
import io.lawmonitor.io.LiveBoard;
import java.io.IOException;
import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where the wallboard is served: the options of every command that shows it. */
public final class BoardOptions {
  @Option(names = "--board-port", paramLabel = "PORT", defaultValue = "8090",
      description = "the operations center's wallboard, live in a browser; the next free port is taken if busy;"
          + " 0 = none (default: ${DEFAULT-VALUE})")
  int boardPort;

  @Option(names = "--board-bind", paramLabel = "ADDRESS", defaultValue = OneMachine.LOOPBACK,
      description = "address the wallboard listens on (default: ${DEFAULT-VALUE}, this machine only)")
  String boardBind;

  void check(CommandLine cl) {
    if (boardPort < 0 || boardPort > 65535) {
      throw new CommandLine.ParameterException(cl, "--board-port must be 0 to 65535");
    }
    MachineOptions.checkAddress(cl, "--board-bind", boardBind);
  }

  boolean board() {
    return boardPort > 0;
  }

  /**
   * Serves the wallboard of {@code board}, judged by these rules' thresholds, or returns null
   * when none is asked for or its port cannot be had (saying so).
   */
  Wallboard startBoard(LiveBoard board, RuleSet rules, PrintStream out, PrintStream err) {
    board.rules(rules);
    if (boardPort <= 0) {
      return null;
    }
    try {
      Wallboard w = Wallboard.start(board, boardBind, OneMachine.freePort(boardBind, boardPort));
      out.println("Wallboard: " + w.url());
      if (!OneMachine.isLoopback(boardBind)) {
        err.println("warning: the wallboard listens on " + boardBind + ": anyone who can reach this machine sees the"
            + " figures and alert summaries (read-only; no personal data is on it)");
      }
      return w;
    } catch (IOException | RuntimeException e) {
      err.println("warning: no wallboard on " + boardBind + ":" + boardPort + ": " + e.getMessage());
      return null;
    }
  }
}
