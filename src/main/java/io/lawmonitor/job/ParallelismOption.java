package io.lawmonitor.job;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --parallelism} of the modes that run on this machine ({@code local}, {@code replay},
 * {@code backtest}): by default one instance of each step per two cores. An instance keeps about
 * two cores busy on its own (its cases, its windows and the writers run on threads of their own),
 * so two instances on two cores only take turns: a million events' replay took 8-15% longer and
 * used 12% more CPU at 2 than at 1 on two cores (README, Performance).
 */
public final class ParallelismOption {
  @Option(names = "--parallelism", paramLabel = "N",
      description = "parallel instances of each step (default: half this machine's cores, at least 1)")
  Integer parallelism;

  /** One instance per two cores of this machine, at least one. */
  public static int machineDefault() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  /**
   * The parallelism asked for, or this machine's default.
   *
   * @throws CommandLine.ParameterException for less than 1
   */
  int resolve(CommandLine cmd) {
    if (parallelism == null) {
      return machineDefault();
    }
    if (parallelism < 1) {
      throw new CommandLine.ParameterException(cmd, "--parallelism must be 1 or more");
    }
    return parallelism;
  }
}
