package io.lawmonitor.io;

import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * All input files as one split, read as one stream merged by event time, and how many records
 * of it have been emitted (the position restored after a failure).
 */
public record FileMergeSplit(List<String> files, long emitted) implements SourceSplit {
  static final String ID = "merged-files";

  @Override
  public String splitId() {
    return ID;
  }
}
