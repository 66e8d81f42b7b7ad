package io.lawmonitor.io;

import io.lawmonitor.events.RawEvent;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Reads JSONL files as one stream in event-time order: each file is in (roughly) time order,
 * and the reader merges them by the head lines' eventTime, so a directory of per-stream files
 * replays as the events happened and the watermark means what it says. One reader does the
 * merge; everything downstream runs in parallel. With {@code follow} it keeps reading what is
 * appended to the files; with {@code speed} it paces event time against the wall clock
 * (3600 = an hour of events per second).
 */
public class MergedFileSource implements Source<RawEvent, FileMergeSplit, Boolean> {
  private static final long serialVersionUID = 1L;

  private final List<String> files;
  private final long farFutureMillis;
  private final boolean follow;
  private final double speed;
  private final FileReading reading;

  /** @param reading the files' encoding, which to sort first, the event-time range read */
  public MergedFileSource(List<String> files, long farFutureMillis, boolean follow, double speed, FileReading reading) {
    this.reading = reading;
    this.files = List.copyOf(files);
    this.farFutureMillis = farFutureMillis;
    this.follow = follow;
    this.speed = speed;
  }

  @Override
  public Boundedness getBoundedness() {
    return follow ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
  }

  @Override
  public SplitEnumerator<FileMergeSplit, Boolean> createEnumerator(SplitEnumeratorContext<FileMergeSplit> ctx) {
    return new SingleSplitEnumerator(ctx, new FileMergeSplit(files, 0), false);
  }

  @Override
  public SplitEnumerator<FileMergeSplit, Boolean> restoreEnumerator(SplitEnumeratorContext<FileMergeSplit> ctx,
      Boolean assigned) {
    return new SingleSplitEnumerator(ctx, new FileMergeSplit(files, 0), assigned);
  }

  @Override
  public SimpleVersionedSerializer<FileMergeSplit> getSplitSerializer() {
    return new FileMergeSplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<Boolean> getEnumeratorCheckpointSerializer() {
    return assignedSerializer();
  }

  /** The single-split enumerator's checkpoint: whether it has handed out its split. */
  static SimpleVersionedSerializer<Boolean> assignedSerializer() {
    return new SimpleVersionedSerializer<>() {
      @Override
      public int getVersion() {
        return 1;
      }

      @Override
      public byte[] serialize(Boolean b) {
        return new byte[] {(byte) (b ? 1 : 0)};
      }

      @Override
      public Boolean deserialize(int version, byte[] bytes) throws IOException {
        return bytes.length > 0 && bytes[0] == 1;
      }
    };
  }

  @Override
  public SourceReader<RawEvent, FileMergeSplit> createReader(SourceReaderContext ctx) {
    return new MergedFileReader(ctx, farFutureMillis, follow, speed, reading);
  }
}
