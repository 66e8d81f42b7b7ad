package io.lawmonitor.io;

import io.lawmonitor.events.RawEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;

/** Emits the merged lines; restores by re-reading and skipping what was already emitted. */
final class MergedFileReader implements SourceReader<RawEvent, FileMergeSplit> {
  private final SourceReaderContext ctx;
  private final long farFuture;
  private final boolean follow;
  private final double speed;
  private final FileReading reading;

  private FileMergeSplit split;
  private MergedLines lines;
  private MergedLines.Line peeked;
  private long emitted;
  private boolean noMoreSplits;
  private CompletableFuture<Void> available = new CompletableFuture<>();
  private ScheduledExecutorService timer;
  private long firstEventTime = Long.MIN_VALUE;
  private long firstWallTime;

  MergedFileReader(SourceReaderContext ctx, long farFuture, boolean follow, double speed, FileReading reading) {
    this.reading = reading;
    this.ctx = ctx;
    this.farFuture = farFuture;
    this.follow = follow;
    this.speed = speed;
  }

  @Override
  public void start() {
    ctx.sendSplitRequest();
  }

  @Override
  public InputStatus pollNext(ReaderOutput<RawEvent> out) {
    if (lines == null) {
      return noMoreSplits ? InputStatus.END_OF_INPUT : waitFor(-1);
    }
    MergedLines.Line l = peeked != null ? peeked : lines.next();
    peeked = null;
    if (l == null) {
      if (follow) {
        return waitFor(100); // a tenth of a second: what is appended is read that soon
      }
      // end only once the enumerator has said so: an event it sends to a finished reader is lost,
      // and Flink fails the job over that
      return noMoreSplits ? InputStatus.END_OF_INPUT : waitFor(-1);
    }
    if (speed > 0 && l.eventTime() != Long.MIN_VALUE) {
      long wall = System.currentTimeMillis(); // pacing a replay against the wall clock is the point
      if (firstEventTime == Long.MIN_VALUE) {
        firstEventTime = l.eventTime();
        firstWallTime = wall;
      }
      long due = firstWallTime + (long) ((l.eventTime() - firstEventTime) / speed);
      if (due > wall) {
        peeked = l;
        return waitFor(Math.min(due - wall, 1000));
      }
    }
    out.collect(l.toRawEvent());
    emitted++;
    return InputStatus.MORE_AVAILABLE;
  }

  /** Nothing to emit now; available again after {@code millis} (or when a split arrives, if negative). */
  private InputStatus waitFor(long millis) {
    available = new CompletableFuture<>();
    if (millis >= 0) {
      if (timer == null) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "merged-file-pacer");
          t.setDaemon(true);
          return t;
        });
      }
      CompletableFuture<Void> f = available;
      timer.schedule(() -> f.complete(null), Math.max(1, millis), TimeUnit.MILLISECONDS);
    }
    return InputStatus.NOTHING_AVAILABLE;
  }

  @Override
  public List<FileMergeSplit> snapshotState(long checkpointId) {
    return split == null ? List.of() : List.of(new FileMergeSplit(split.files(), emitted));
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    return available;
  }

  @Override
  public void addSplits(List<FileMergeSplit> splits) {
    if (splits.isEmpty()) {
      return;
    }
    split = splits.get(0);
    lines = new MergedLines(split.files(), farFuture, reading, follow);
    for (long i = 0; i < split.emitted() && lines.next() != null; i++) {
      emitted++;
    }
    available.complete(null);
  }

  @Override
  public void notifyNoMoreSplits() {
    noMoreSplits = true;
    available.complete(null);
  }

  @Override
  public void close() {
    if (lines != null) {
      lines.close();
    }
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
