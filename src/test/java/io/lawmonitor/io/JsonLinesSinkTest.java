package io.lawmonitor.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ordered writer: records go out when the watermark reaches their stamp, by stamp and then the order. */
class JsonLinesSinkTest {
  @TempDir
  Path dir;

  private static SinkWriter.Context at(Long stamp, long watermark) {
    return new SinkWriter.Context() {
      @Override
      public long currentWatermark() {
        return watermark;
      }

      @Override
      public Long timestamp() {
        return stamp;
      }
    };
  }

  @Test
  void writesInEventTimeOrderWhateverTheArrivalOrder() throws Exception {
    Path file = dir.resolve("out.jsonl");
    JsonLinesSink<String> sink = new JsonLinesSink<>(file, JsonLinesSink.text(s -> s), String::compareTo);
    try (SinkWriter<String> w = sink.createWriter(null)) {
      // two parallel paths deliver stamp 20 and 10 records interleaved
      w.write("b20", at(20L, 0));
      w.write("z10", at(10L, 0));
      w.write("a20", at(20L, 0));
      w.write("c10", at(10L, 0));
      w.writeWatermark(new Watermark(10));
      assertThat(lines(w, file)).containsExactly("c10", "z10");
      w.write("unstamped", at(null, 10));
      w.write("x5", at(5L, 10)); // at or before the watermark reached: nothing held comes before it
      w.write("c30", at(30L, 10));
      w.writeWatermark(new Watermark(25));
      assertThat(lines(w, file)).containsExactly("c10", "z10", "unstamped", "x5", "a20", "b20");
      w.flush(true);
      assertThat(lines(w, file)).endsWith("c30");
    }
  }

  private static java.util.List<String> lines(SinkWriter<String> w, Path file) throws Exception {
    w.flush(false);
    return Files.readAllLines(file);
  }
}
