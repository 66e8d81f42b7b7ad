package io.lawmonitor.console;

import io.lawmonitor.runtime.Accounting;
import io.lawmonitor.io.InputFiles;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;

/**
 * A line on standard error every few seconds while a bounded run reads its input: events read
 * (of how many), per second, the event time reached, and about how long is left. For runs without
 * the live table (replay, {@code local --quiet}).
 */
public final class ProgressLine {
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.of("Asia/Shanghai"));

  private ProgressLine() {}

  /**
   * Until the job ends, a line every {@code everyMillis}; each second the count read also goes to
   * {@code board} (when there is one). {@code scan} may be null (an input followed): no total then.
   */
  public static void watch(JobClient job, InputFiles.Scan scan, PrintStream err, String label, long everyMillis,
      io.lawmonitor.io.LiveBoard board) {
    long started = System.currentTimeMillis();
    long lastLine = started;
    long lastPoll = started;
    long lastRead = 0;
    try {
      while (!job.getJobStatus().get().isGloballyTerminalState()) {
        Thread.sleep(200);
        long now = System.currentTimeMillis();
        if (now - lastPoll < 1000) {
          continue;
        }
        lastPoll = now;
        Map<String, Object> acc = poll(job, now, board);
        if (acc != null && now - lastLine >= everyMillis) {
          long read = read(acc);
          // the rate of the last few seconds: the first ones start the job, and a rate since the
          // start would promise an end far later than the one coming
          err.println(line(label, acc, scan, (read - lastRead) * 1000.0 / (now - lastLine)));
          lastLine = now;
          lastRead = read;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // the job's own result says why it ended
    }
  }

  private static long read(Map<String, Object> acc) {
    return acc.get(Accounting.EVENTS_READ) instanceof Number n ? n.longValue() : 0;
  }

  /**
   * The running job's counters, read now, the count read also told to {@code board} (when there is
   * one); null when they cannot be had this time.
   */
  static Map<String, Object> poll(JobClient job, long now, io.lawmonitor.io.LiveBoard board) {
    Map<String, Object> acc;
    try {
      acc = job.getAccumulators().get(2, TimeUnit.SECONDS);
    } catch (Exception notNow) {
      return null;
    }
    if (board != null && acc.get(Accounting.EVENTS_READ) instanceof Number n) {
      board.progress(n.longValue(), now);
    }
    return acc;
  }

  /** The line for the counts {@code acc}, read at {@code perSecond} of late. */
  static String line(String label, Map<String, Object> acc, InputFiles.Scan scan, double perSecond) {
    long read = read(acc);
    long reached = acc.get(Accounting.EVENT_TIME_REACHED) instanceof Number n ? n.longValue() : Long.MIN_VALUE;
    StringBuilder b = new StringBuilder(label).append(": ").append(String.format(Locale.ROOT, "%,d", read));
    if (scan != null && scan.lines() > 0) {
      b.append(String.format(Locale.ROOT, " of %,d events (%d%%)", scan.lines(), Math.min(100, read * 100 / scan.lines())));
    } else {
      b.append(" events");
    }
    b.append(String.format(Locale.ROOT, ", %,.0f/s", perSecond));
    if (reached != Long.MIN_VALUE) {
      b.append(", event time ").append(MINUTE.format(Instant.ofEpochMilli(reached)));
    }
    if (scan != null && perSecond > 0 && read < scan.lines()) {
      b.append(String.format(Locale.ROOT, ", about %d s left", (long) Math.ceil((scan.lines() - read) / perSecond)));
    }
    return b.toString();
  }
}
