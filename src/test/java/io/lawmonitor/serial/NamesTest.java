package io.lawmonitor.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class NamesTest {
  @Test
  void namesOfEveryLengthComeBackOneInstanceEachWhateverTheWriterCachedOrForgot() throws Exception {
    // more names than the writer's cache holds, so that its places are taken over again and again;
    // lengths across the eight-byte steps of the hash, Chinese and ASCII, names that differ in one byte
    List<String> written = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      StringBuilder b = new StringBuilder(i % 3 == 0 ? "宜昌市/西陵区/" : "hotline.");
      b.append("x".repeat(i % 17)).append(i % 7 == 0 ? "街道" : "").append(i % 2500);
      written.add(b.toString());
    }
    written.add("");
    Names writer = new Names();
    DataOutputSerializer out = new DataOutputSerializer(1 << 16);
    for (int round = 0; round < 2; round++) {
      for (String s : written) {
        // the same instance twice, then an equal one that is not the same instance
        writer.writeName(s, out);
        writer.writeName(s, out);
        writer.writeName(new String(s), out);
      }
    }
    Names reader = new Names();
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    Map<String, String> instances = new HashMap<>();
    for (int round = 0; round < 2; round++) {
      for (String s : written) {
        for (int k = 0; k < 3; k++) {
          String read = reader.readName(in);
          assertThat(read).isEqualTo(s);
          assertThat(read).isSameAs(instances.computeIfAbsent(s, x -> read));
        }
      }
    }
    assertThat(in.available()).isZero();
  }
}
