package io.lawmonitor.io;

import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/** Hands the one merged split to the first reader that asks; every other reader gets none. */
final class SingleSplitEnumerator implements SplitEnumerator<FileMergeSplit, Boolean> {
  private final SplitEnumeratorContext<FileMergeSplit> ctx;
  private FileMergeSplit split;
  private boolean assigned;

  SingleSplitEnumerator(SplitEnumeratorContext<FileMergeSplit> ctx, FileMergeSplit split, boolean assigned) {
    this.ctx = ctx;
    this.split = split;
    this.assigned = assigned;
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtask, String requesterHostname) {
    if (!assigned) {
      assigned = true;
      ctx.assignSplit(split, subtask);
    }
    ctx.signalNoMoreSplits(subtask);
  }

  @Override
  public void addSplitsBack(List<FileMergeSplit> splits, int subtask) {
    if (!splits.isEmpty()) {
      split = splits.get(0);
      assigned = false;
    }
  }

  @Override
  public void addReader(int subtask) {}

  @Override
  public Boolean snapshotState(long checkpointId) {
    return assigned;
  }

  @Override
  public void close() {}
}
