package io.lawmonitor.io;

import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.alerts.RuleSet;
import java.util.List;
import io.lawmonitor.metrics.MetricRecord;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Feeds the {@link LiveBoard} of the machine the job runs on: figures, alerts, and the text of
 * each rule set put in force (read with the job's windows).
 */
public class BoardSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  private final List<String> windows;

  public BoardSink() {
    this(List.of());
  }

  public BoardSink(List<String> windows) {
    this.windows = List.copyOf(windows);
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) {
        if (element instanceof MetricRecord m) {
          LiveBoard.get().put(m);
        } else if (element instanceof AlertRecord a) {
          LiveBoard.get().put(a);
        } else if (element instanceof String yaml) {
          // validated before it was put in force, in this JVM: it parses here too
          LiveBoard.get().rules(RuleSet.parse(yaml, windows, "rules in force"));
        }
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
