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

  /**
   * The scan's reading ({@link MergedLines#timesFirst}) reads a UTF-8 line's time off its bytes
   * and decodes it only when asked: every line must come out as the plain reading gives it.
   */
  @Test
  void readingTimesFirstGivesTheLinesThePlainReadingGives() throws Exception {
    String t = "2026-10-12T09:00:00+08:00";
    List<byte[]> lines = new ArrayList<>();
    lines.add(("\uFEFF" + A).getBytes(StandardCharsets.UTF_8)); // a byte-order mark
    lines.add(B.getBytes(StandardCharsets.UTF_8));
    lines.add("   \t ".getBytes(StandardCharsets.UTF_8)); // blank
    lines.add("\u3000\u3000".getBytes(StandardCharsets.UTF_8)); // blank in ideographic spaces
    lines.add("\u3000x\u3000".getBytes(StandardCharsets.UTF_8));
    lines.add(A.getBytes(GB18030)); // not UTF-8, its time readable
    lines.add(A.replace("2026-10-12T09", "２０２６-10-12T09").getBytes(StandardCharsets.UTF_8)); // full-width digits
    lines.add(A.replace(t, "2026-10-12T09:00:00+08:00 \u5e74").getBytes(StandardCharsets.UTF_8));
    byte[] broken = A.replace(t, "2026-10-12T09:00:00+08:00X").getBytes(StandardCharsets.UTF_8);
    broken[broken.length - 30] = (byte) 0xE4; // a lone lead byte in the time's quotes
    lines.add(broken);
    byte[] lone = B.getBytes(StandardCharsets.UTF_8);
    lone[10] = (byte) 0xC3; // a lone lead byte before the time
    lines.add(lone);
    lines.add(A.replace("\"region\"", "\"eventTime\":\"2030-01-01T00:00:00+08:00\",\"region\"").getBytes(StandardCharsets.UTF_8));
    lines.add(A.replace("西陵区", "\\u897f").getBytes(StandardCharsets.UTF_8));
    lines.add("{\"eventTime\" \"2026\"}".getBytes(StandardCharsets.UTF_8)); // no colon
    lines.add(("{\"eventTime\":\"" + "1".repeat(45) + "\"}").getBytes(StandardCharsets.UTF_8));
    lines.add("{\"eventTime\":\"2026-10-12T10:00:00Z\"}\r".getBytes(StandardCharsets.UTF_8));
    lines.add("not json 宜昌".getBytes(StandardCharsets.UTF_8));
    Path f = dir.resolve("mixed.jsonl");
    try (var out = Files.newOutputStream(f)) {
      for (byte[] l : lines) {
        out.write(l);
        out.write('\n');
      }
    }
    List<MergedLines.Line> plain;
    List<MergedLines.Line> timesFirst;
    try (MergedLines r = new MergedLines(List.of(f.toString()), 86_400_000L, FileReading.defaults(), false)) {
      plain = all(r);
    }
    try (MergedLines r = new MergedLines(List.of(f.toString()), 86_400_000L, FileReading.defaults(), false).timesFirst()) {
      timesFirst = all(r);
    }
    assertThat(plain).hasSize(lines.size() - 2);
    assertThat(timesFirst).hasSize(plain.size());
    for (int i = 0; i < plain.size(); i++) {
      MergedLines.Line a = plain.get(i);
      MergedLines.Line b = timesFirst.get(i);
      assertThat(b.eventTime()).as("line " + a.origin()).isEqualTo(a.eventTime());
      assertThat(b.plainTime()).as("line " + a.origin()).isEqualTo(a.plainTime());
      assertThat(b.origin()).isEqualTo(a.origin());
      assertThat(b.size()).isEqualTo(a.size());
      assertThat(b.text()).isEqualTo(a.text());
      assertThat(b.problem()).isEqualTo(a.problem());
      assertThat(b.raw()).isEqualTo(a.raw());
      assertThat(b.toRawEvent()).isEqualTo(a.toRawEvent());
    }
    assertThat(plain).extracting(MergedLines.Line::problem).filteredOn(p -> p != null).hasSize(3);
    assertThat(plain).extracting(MergedLines.Line::eventTime)
        .contains(io.lawmonitor.Fixtures.t("2026-10-12T09:00"), Long.MIN_VALUE);
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
