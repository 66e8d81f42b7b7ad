package io.lawmonitor.job;

import io.lawmonitor.console.ProgressLine;
import io.lawmonitor.console.ConsoleView;
import io.lawmonitor.run.Summary;
import io.lawmonitor.run.OneMachine;
import io.lawmonitor.run.LocalRun;
import io.lawmonitor.config.ConfigFiles;
import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.io.LiveBoard;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.calendar.WorkCalendar;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code local}: the embedded default — a MiniCluster in this JVM over JSONL files. */
@Command(name = "local", mixinStandardHelpOptions = true,
    description = "Run the monitor in this JVM (a Flink MiniCluster) over JSONL event files, with a live console"
        + " table and the Flink web UI; ends when the input ends (or keeps going with --follow).")
public final class LocalCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  EventFiles eventFiles = new EventFiles();

  @CommandLine.Mixin
  JobFiles jobFiles = new JobFiles();

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "output directory (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--follow", description = "keep reading what is appended to the files; stop with Ctrl-C")
  boolean follow;

  @Option(names = "--speed", paramLabel = "X", defaultValue = "0",
      description = "replay at X times real time (3600 = an hour of events per second); 0 = as fast as possible")
  double speed;

  @Option(names = "--sort-by-time",
      description = "read each file whole and put it in eventTime order first (for exports written in another order,"
          + " e.g. grouped by case); without it a file is read in its own order, as a stream")
  boolean sortByTime;

  @Option(names = "--state-backend", paramLabel = "rocksdb|hashmap",
      description = "where keyed state lives; default: as flink-conf/config.yaml says (rocksdb). hashmap keeps it on"
          + " the heap: faster for a bounded run whose state fits in memory")
  String stateBackend;

  @Option(names = "--quiet", description = "no live table; print only the summary")
  boolean quiet;

  @CommandLine.Mixin
  ParallelismOption parallelismOption = new ParallelismOption();

  @CommandLine.Mixin
  MachineOptions machineOptions = new MachineOptions();

  @Override
  public Integer call() throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    if (speed < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--speed must be 0 or more");
    }
    if (stateBackend != null && !stateBackend.equals("rocksdb") && !stateBackend.equals("hashmap")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--state-backend is rocksdb or hashmap, not " + stateBackend);
    }
    if (sortByTime && follow) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--sort-by-time reads whole files; it cannot --follow");
    }
    int parallelism = parallelismOption.resolve(spec.commandLine());
    List<String> files = eventFiles.files(spec.commandLine());
    JobFiles.Loaded job = jobFiles.load(spec.commandLine());
    ConfigFiles.warnCalendar(job.calendar(), Long.MAX_VALUE, err);
    OneMachine machine = machineOptions.resolve(spec, err);
    boolean ansi = System.console() != null && !quiet;
    // this run's figures on this process's screens: the console table and the wallboard
    try (LiveBoard live = LiveBoard.open().calendar(job.calendar())) {
      return run(files, job, parallelism, machine, live, new ConsoleView(out, ansi, live), out, err);
    }
  }

  private int run(List<String> files, JobFiles.Loaded job, int parallelism, OneMachine machine, LiveBoard live,
      ConsoleView view, PrintStream out, PrintStream err) throws Exception {
    MonitorConfig cfg = job.config();
    RuleSet ruleSet = job.rules();
    out.println("Rule-of-law monitor, local mode: " + files.size() + " input file(s), " + ruleSet.rules().size()
        + " alert rules, parallelism " + parallelism + ", output in " + this.out.toAbsolutePath());
    if (machine.webUiPort() > 0) {
      out.println("Flink web UI: " + machine.webUiUrl() + " (while the job runs)");
    }
    if (machine.metricsPort() > 0) {
      out.println("Prometheus metrics: " + machine.metricsUrl());
    }
    LocalRun.Options o = new LocalRun.Options(files, this.out, cfg, ruleSet, job.calendar(), ConfigFiles.flinkConfig(),
        parallelism, follow, speed, machine, !quiet || machineOptions.board() ? live : null, "live",
        eventFiles.reading().sorting(sortByTime ? files : List.of()), stateBackend, job.rulesFile());
    Summary s;
    try (io.lawmonitor.board.Wallboard board = machineOptions.startBoard(live, ruleSet, out, err)) {
      s = LocalRun.run(o, (client, scan) -> {
        if (quiet) {
          ProgressLine.watch(client, scan, err, "local", 5000, live);
        } else {
          view.watch(client, false);
        }
      });
    }
    view.finish(quiet);
    out.println();
    out.println(s.closing());
    out.println("Outputs: " + this.out.toAbsolutePath() + "/{metrics,alerts,dead-letters,late-events,deliveries}.jsonl,"
        + " summary.json");
    return s.reconciles() ? 0 : 1;
  }
}
