package io.lawmonitor.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) or SIGTERM while a job without an end runs: the job is stopped with a savepoint
 * (its sources stop, every operator's state is saved, the file writers write out what they hold
 * and the Kafka sinks commit), so that the run ends as a finished job with its exact counts and
 * complete output lines, instead of the process dying with its buffers. A second signal ends the
 * process at once.
 */
public final class GracefulStop implements AutoCloseable {
  private static final String[] SIGNALS = {"INT", "TERM"};

  private final SignalHandler[] previous = new SignalHandler[SIGNALS.length];
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Path tempDir;

  /**
   * @param savepointsDir where the savepoint goes, to carry on from; null: a temporary folder,
   *     removed when the run ends (the savepoint is only the way to a clean stop)
   */
  public GracefulStop(JobClient job, String savepointsDir, PrintStream err) throws IOException {
    this.tempDir = savepointsDir == null ? Files.createTempDirectory("monitor-stop") : null;
    String dir = savepointsDir != null ? savepointsDir : tempDir.toUri().toString();
    SignalHandler handler = sig -> {
      if (!stopping.compareAndSet(false, true)) {
        err.println("Stopping at once.");
        Runtime.getRuntime().halt(128 + sig.getNumber());
      }
      err.println("Stopping (SIG" + sig.getName() + "): the job " + (tempDir == null ? "saves its state and " : "")
          + "writes out its outputs; a second signal stops at once.");
      job.stopWithSavepoint(false, dir, SavepointFormatType.CANONICAL).whenComplete((path, failed) -> {
        if (failed != null) {
          err.println("The stop with a savepoint failed (" + failed.getMessage() + "); cancelling the job.");
          job.cancel();
        }
      });
    };
    for (int i = 0; i < SIGNALS.length; i++) {
      previous[i] = Signal.handle(new Signal(SIGNALS[i]), handler);
    }
  }

  /** Whether a signal asked the job to stop. */
  public boolean stopped() {
    return stopping.get();
  }

  @Override
  public void close() {
    for (int i = 0; i < SIGNALS.length; i++) {
      Signal.handle(new Signal(SIGNALS[i]), previous[i]);
    }
    if (tempDir != null) {
      try (Stream<Path> all = Files.walk(tempDir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temporary folder: the system clears it in the end
      }
    }
  }
}
