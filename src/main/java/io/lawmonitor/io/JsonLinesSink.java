package io.lawmonitor.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Writes records as JSON lines to one local file (the local and replay modes' outputs). Run at
 * parallelism 1: one writer, one file.
 *
 * <p>With an order, records are written in event-time order as the watermark releases them: a
 * record stamped t is held until the watermark reaches t (by then every record stamped t or
 * earlier has arrived, from every parallel path), then written sorted by stamp and the order.
 * So the file's order is the same on every run over the same input, at any parallelism, and it
 * is written once, never sorted afterwards. Records without a stamp, or stamped at or before the
 * watermark already reached (a rule set's change), are written as they come.
 */
public class JsonLinesSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final Format<T> format;
  private final Order<T> order;

  /** How records with the same stamp follow each other in the file. */
  public interface Order<T> extends Comparator<T>, Serializable {
    /** What puts one writer's records in this order. */
    default Sorter<T> sorter() {
      return records -> records.sort(this);
    }
  }

  /** Puts records in an order, keeping equal ones as they came; one writer's, not shared. */
  public interface Sorter<T> {
    void sort(List<T> records);
  }

  /** How a record becomes a line (without its line break). */
  public interface Format<T> extends Serializable {
    void write(T record, LineBuffer line);
  }

  /** A line from a record's JSON text. */
  public static <T> Format<T> text(SerializableFunction<T, String> json) {
    return (record, line) -> line.utf8(json.apply(record));
  }

  public JsonLinesSink(Path file, Format<T> format) {
    this(file, format, null);
  }

  /** @param order how records with the same stamp follow each other; null: as they come */
  public JsonLinesSink(Path file, Format<T> format, Order<T> order) {
    this.file = file.toString();
    this.format = format;
    this.order = order;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    Path path = Path.of(file);
    if (path.getParent() != null) {
      Files.createDirectories(path.getParent());
    }
    BufferedOutputStream out = new BufferedOutputStream(Files.newOutputStream(path,
        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), 1 << 16);
    LineBuffer line = new LineBuffer();
    Sorter<T> sorter = order == null ? null : order.sorter();
    return new SinkWriter<>() {
      /** Records waiting for the watermark, by stamp. */
      private final TreeMap<Long, List<T>> held = new TreeMap<>();

      @Override
      public void write(T element, Context ctx) throws IOException {
        Long ts = ctx.timestamp();
        if (order == null || ts == null || ts <= ctx.currentWatermark()) {
          line(element); // nothing held comes before it: all that is held is stamped after the watermark
        } else {
          held.computeIfAbsent(ts, t -> new ArrayList<>()).add(element);
        }
      }

      @Override
      public void writeWatermark(Watermark watermark) throws IOException {
        release(watermark.getTimestamp());
      }

      private void release(long upTo) throws IOException {
        while (!held.isEmpty() && held.firstKey() <= upTo) {
          List<T> due = held.pollFirstEntry().getValue();
          sorter.sort(due);
          for (T t : due) {
            line(t);
          }
        }
      }

      private void line(T element) throws IOException {
        format.write(element, line.clear());
        line.ascii('\n').writeTo(out);
      }

      @Override
      public void flush(boolean endOfInput) throws IOException {
        if (endOfInput) {
          release(Long.MAX_VALUE);
        }
        out.flush();
      }

      @Override
      public void close() throws IOException {
        // a job stopped before its input's end: what was held for the watermark is written too,
        // so that every record counted is in the file, and the file ends with a whole line
        release(Long.MAX_VALUE);
        out.close();
      }
    };
  }
}
