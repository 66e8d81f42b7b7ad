package io.lawmonitor.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Writes records as JSON lines to one local file (the local and replay modes' outputs). Run at
 * parallelism 1: one writer, one file.
 */
public class JsonLinesSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final SerializableFunction<T, String> format;

  public JsonLinesSink(Path file, SerializableFunction<T, String> format) {
    this.file = file.toString();
    this.format = format;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    Path path = Path.of(file);
    if (path.getParent() != null) {
      Files.createDirectories(path.getParent());
    }
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(path,
        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
        StandardCharsets.UTF_8), 1 << 16);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) throws IOException {
        out.write(format.apply(element));
        out.write('\n');
      }

      @Override
      public void flush(boolean endOfInput) throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }
}
