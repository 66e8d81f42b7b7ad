package io.lawmonitor.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines as read from files in their declared encoding, each line judged on its own. */
class MergedLinesTest {
  static final Charset GB18030 = Charset.forName("GB18030");
  static final String A = "{\"eventId\":\"a\",\"eventTime\":\"2026-10-12T09:00:00+08:00\",\"region\":\"宜昌市/西陵区\"}";
  static final String B = "{\"eventId\":\"b\",\"eventTime\":\"2026-10-12T10:00:00+08:00\",\"region\":\"all ascii\"}";

  @TempDir
  Path dir;

  static List<MergedLines.Line> all(MergedLines lines) {
    List<MergedLines.Line> out = new ArrayList<>();
    MergedLines.Line l;
    while ((l = lines.next()) != null) {
      out.add(l);
    }
    return out;
  }

  @Test
  void aGb18030ExportReadAsGb18030GivesItsTextAndItsSizeInBytes() throws Exception {
    Path f = dir.resolve("export.jsonl");
    Files.write(f, (A + "\n" + B + "\n").getBytes(GB18030));
    try (MergedLines lines = new MergedLines(List.of(f.toString()), 86_400_000L, FileReading.defaults().withEncoding("GB18030"), false)) {
      List<MergedLines.Line> got = all(lines);
      assertThat(got).extracting(MergedLines.Line::text).containsExactly(A, B);
      assertThat(got).extracting(MergedLines.Line::problem).containsOnlyNulls();
      assertThat(got.get(0).size()).isEqualTo(A.getBytes(GB18030).length);
      assertThat(got).extracting(MergedLines.Line::origin).containsExactly("export.jsonl:1", "export.jsonl:2");
    }
  }

  @Test
  void aLineNotValidInTheDeclaredEncodingSaysSoAndKeepsItsBytes() throws Exception {
    Path f = dir.resolve("export.jsonl");
    Files.write(f, (A + "\n" + B + "\n").getBytes(GB18030));
    try (MergedLines lines = new MergedLines(List.of(f.toString()), 86_400_000L, FileReading.defaults().withEncoding("UTF-8"), false)) {
      List<MergedLines.Line> got = all(lines);
      assertThat(got).extracting(MergedLines.Line::problem).containsExactly("not UTF-8 text", null);
      assertThat(got.get(0).raw()).isEqualTo(A.getBytes(GB18030));
      assertThat(got.get(0).toRawEvent().problem()).isEqualTo("not UTF-8 text");
      assertThat(got.get(1).text()).isEqualTo(B);
    }
  }

  @Test
  void aByteOrderMarkAndWindowsLineEndsAreNotPartOfTheLines() throws Exception {
    Path f = dir.resolve("excel.jsonl");
    Files.write(f, ("\uFEFF" + A + "\r\n" + B + "\r\n").getBytes(StandardCharsets.UTF_8));
    try (MergedLines lines = new MergedLines(List.of(f.toString()), 86_400_000L, FileReading.defaults().withEncoding("UTF-8"), false)) {
      assertThat(all(lines)).extracting(MergedLines.Line::text).containsExactly(A, B);
    }
  }

  @Test
  void followingALineStillBeingWrittenIsReadWhenItsNewlineComes() throws Exception {
    Path f = dir.resolve("live.jsonl");
    byte[] a = (A + "\n").getBytes(StandardCharsets.UTF_8);
    Files.write(f, java.util.Arrays.copyOf(a, 20));
    try (MergedLines lines = new MergedLines(List.of(f.toString()), 86_400_000L, FileReading.defaults().withEncoding("UTF-8"), true)) {
      assertThat(lines.next()).isNull();
      Files.write(f, java.util.Arrays.copyOfRange(a, 20, a.length), StandardOpenOption.APPEND);
      MergedLines.Line l = lines.next();
      assertThat(l.text()).isEqualTo(A);
      assertThat(l.problem()).isNull();
      assertThat(lines.next()).isNull();
    }
  }

  @Test
  void anExportLargerThanTheMemoryBudgetIsSortedOnDiskAsItWouldBeInMemory() throws Exception {
    Path f = dir.resolve("by-case.jsonl");
    List<String> lines = new ArrayList<>();
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < 100; i++) {
      // 25 distinct times, four lines each: equal times must keep their order in the file
      String time = String.format("2026-10-12T%02d:%02d:00+08:00", 8 + r.nextInt(5), r.nextInt(5) * 10);
      lines.add(i % 13 == 5 ? "{\"eventId\":\"no-time-" + i + "\"}"
          : "{\"eventId\":\"e" + i + "\",\"eventTime\":\"" + time + "\",\"region\":\"宜昌市\"}");
    }
    Files.write(f, lines);
    List<String> inMemory;
    FileReading sort = FileReading.defaults().sorting(List.of(f.toString()));
    try (MergedLines m = new MergedLines(List.of(f.toString()), 86_400_000L, sort, false)) {
      inMemory = all(m).stream().map(l -> l.origin() + " " + l.text()).toList();
    }
    long budget = SortedLines.inMemoryBytes;
    int run = SortedLines.runLines;
    try {
      SortedLines.inMemoryBytes = 0;
      SortedLines.runLines = 7;
      try (MergedLines m = new MergedLines(List.of(f.toString()), 86_400_000L, sort, false)) {
        assertThat(all(m).stream().map(l -> l.origin() + " " + l.text()).toList()).isEqualTo(inMemory);
      }
    } finally {
      SortedLines.inMemoryBytes = budget;
      SortedLines.runLines = run;
    }
    assertThat(inMemory).hasSize(100);
    assertThat(inMemory.get(0)).contains("no-time-5"); // no time: first
    List<Long> times = new ArrayList<>();
    inMemory.forEach(l -> times.add(MergedLines.timeOf(l.substring(l.indexOf(' ') + 1))));
    assertThat(times).isSorted();
  }

  @Test
  void anUnknownEncodingIsNamedInTheError() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> MergedLines.charset("GB2313"))
        .hasMessageContaining("unknown encoding 'GB2313'");
  }
}
