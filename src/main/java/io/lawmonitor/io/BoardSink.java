package io.lawmonitor.io;

import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.alerts.RuleSet;
import java.util.List;
import io.lawmonitor.metrics.MetricRecord;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Feeds a {@link LiveBoard} open in the process the job runs in (a MiniCluster's), found by its
 * id: figures, alerts, and the text of each rule set put in force (read with the job's windows).
 */
public class BoardSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  private final String board;
  private final List<String> windows;

  public BoardSink(String board) {
    this(board, List.of());
  }

  public BoardSink(String board, List<String> windows) {
    this.board = board;
    this.windows = List.copyOf(windows);
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    LiveBoard b = LiveBoard.find(board);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) {
        if (element instanceof MetricRecord m) {
          b.put(m);
        } else if (element instanceof AlertRecord a) {
          b.put(a);
        } else if (element instanceof io.lawmonitor.lifecycle.CaseWatch w) {
          b.put(w);
        } else if (element instanceof String yaml) {
          // validated before it was put in force, in this JVM: it parses here too
          b.rules(RuleSet.parse(yaml, windows, "rules in force"));
        }
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
