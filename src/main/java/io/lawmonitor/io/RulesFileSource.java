package io.lawmonitor.io;

import io.lawmonitor.alerts.RuleText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The rules file, watched while {@code local --follow} runs: each time its content changes, the
 * new text is emitted as a rule change (validated downstream before it takes effect).
 */
public class RulesFileSource implements Source<RuleText, FileMergeSplit, Boolean> {
  private static final long serialVersionUID = 1L;
  static final long POLL_MILLIS = 1000;

  private final String file;
  private final String initial;

  /** @param initial the text in force at the start: not a change */
  public RulesFileSource(Path file, String initial) {
    this.file = file.toString();
    this.initial = initial;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<FileMergeSplit, Boolean> createEnumerator(SplitEnumeratorContext<FileMergeSplit> ctx) {
    return new SingleSplitEnumerator(ctx, new FileMergeSplit(List.of(file), 0), false);
  }

  @Override
  public SplitEnumerator<FileMergeSplit, Boolean> restoreEnumerator(SplitEnumeratorContext<FileMergeSplit> ctx,
      Boolean assigned) {
    return new SingleSplitEnumerator(ctx, new FileMergeSplit(List.of(file), 0), assigned);
  }

  @Override
  public SimpleVersionedSerializer<FileMergeSplit> getSplitSerializer() {
    return new FileMergeSplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<Boolean> getEnumeratorCheckpointSerializer() {
    return MergedFileSource.assignedSerializer();
  }

  @Override
  public SourceReader<RuleText, FileMergeSplit> createReader(SourceReaderContext ctx) {
    return new Reader(ctx, initial);
  }

  /** Looks at the file every second; emits its text when it differs from the last one seen. */
  static final class Reader implements SourceReader<RuleText, FileMergeSplit> {
    private final SourceReaderContext ctx;
    private Path path;
    private String last;
    private long nextLook;
    private CompletableFuture<Void> available = new CompletableFuture<>();
    private final java.util.concurrent.ScheduledExecutorService timer =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "rules-file-watch");
          t.setDaemon(true);
          return t;
        });

    Reader(SourceReaderContext ctx, String initial) {
      this.ctx = ctx;
      this.last = initial;
    }

    @Override
    public void start() {
      ctx.sendSplitRequest();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<RuleText> out) {
      if (path == null) {
        available = new CompletableFuture<>();
        return InputStatus.NOTHING_AVAILABLE; // no split (another reader has the file): idle
      }
      long now = System.currentTimeMillis(); // watching a file is a wall-clock matter
      if (now >= nextLook) {
        nextLook = now + POLL_MILLIS;
        try {
          String text = Files.readString(path, StandardCharsets.UTF_8);
          if (!text.equals(last)) {
            last = text;
            out.collect(new RuleText(text, path.toString()));
          }
        } catch (IOException e) {
          // being rewritten, or gone for a moment: looked at again in a second
        }
      }
      available = new CompletableFuture<>();
      CompletableFuture<Void> f = available;
      timer.schedule(() -> f.complete(null), Math.max(1, nextLook - now), java.util.concurrent.TimeUnit.MILLISECONDS);
      return InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public List<FileMergeSplit> snapshotState(long checkpointId) {
      return path == null ? List.of() : List.of(new FileMergeSplit(List.of(path.toString()), 0));
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      return available;
    }

    @Override
    public void addSplits(List<FileMergeSplit> splits) {
      if (!splits.isEmpty()) {
        path = Path.of(splits.get(0).files().get(0));
        available.complete(null);
      }
    }

    @Override
    public void notifyNoMoreSplits() {}

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }
}
