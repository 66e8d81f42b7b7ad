package io.lawmonitor.io;

import static io.lawmonitor.Fixtures.hotline;
import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.parse.EventParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan before a bounded run parses only a few lines; whatever the input, it must find what
 * parsing every line finds (the last event the job will use, the lines, those outside the range),
 * or say it cannot be sure. Random inputs with every kind of line that could mislead it.
 */
class QuickScanTest {
  private static final long OOO = 5 * 60_000L;
  private static final long FAR = 24 * 3_600_000L;
  private static final LocalDateTime START = LocalDateTime.of(2026, 10, 1, 0, 0);

  @TempDir
  Path dir;

  @Test
  void findsWhatParsingEveryLineFinds() throws Exception {
    int sure = 0;
    for (int seed = 1; seed <= 300; seed++) {
      Random r = new Random(seed);
      List<Path> files = new ArrayList<>();
      for (int f = 0; f < 1 + r.nextInt(3); f++) {
        files.add(write(r, "s" + seed + "-" + f + ".jsonl", seed % 2 == 0));
      }
      List<String> names = files.stream().map(Path::toString).toList();
      long notAfter = r.nextInt(4) == 0 ? at(r.nextInt(200) * 60) : Long.MAX_VALUE / 4;
      FileReading reading = r.nextInt(5) == 0
          ? FileReading.defaults().between(at(r.nextInt(60) * 60), at(6000 + r.nextInt(6000) * 60))
          : FileReading.defaults();
      EventParser parser = new EventParser(65_536);
      InputFiles.Scan full;
      try (MergedLines lines = new MergedLines(names, FAR, reading, false)) {
        full = InputFiles.read(lines, parser, OOO, FAR, notAfter, reading);
      }
      InputFiles.Scan quick;
      try (MergedLines lines = new MergedLines(names, FAR, reading, false)) {
        quick = InputFiles.quick(lines, parser, OOO, FAR, notAfter, reading);
      }
      if (quick != null) {
        sure++;
        assertThat(quick).as("seed " + seed).isEqualTo(full);
      }
      assertThat(InputFiles.scan(names, 65_536, OOO, FAR, notAfter, reading, InputFiles.OrderJudge.NONE)).as("seed " + seed).isEqualTo(full);
    }
    assertThat(sure).as("inputs the quick reading was sure of").isGreaterThan(280);
  }

  /**
   * Days of events in order with the nights empty (a quiet evening keeps the last line parsed far
   * behind, and the morning's first line is then more than the bound ahead of it): the quick
   * reading is sure, and finds what parsing every line finds.
   */
  @Test
  void isSureOfDaysWithQuietNights() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int day = 0; day < 5; day++) {
      for (int minute = 8 * 60 + 30; minute < 17 * 60 + 30; minute += 7) {
        lines.add(hotline("N-" + day + "-" + minute).received(START.plusDays(day).plusMinutes(minute).toString())
            .attr("kind", "HELP").json());
      }
    }
    Path p = dir.resolve("days.jsonl");
    Files.write(p, lines);
    List<String> names = List.of(p.toString());
    FileReading reading = FileReading.defaults();
    EventParser parser = new EventParser(65_536);
    InputFiles.Scan full;
    try (MergedLines in = new MergedLines(names, FAR, reading, false)) {
      full = InputFiles.read(in, parser, OOO, FAR, Long.MAX_VALUE / 4, reading);
    }
    try (MergedLines in = new MergedLines(names, FAR, reading, false)) {
      assertThat(InputFiles.quick(in, parser, OOO, FAR, Long.MAX_VALUE / 4, reading)).isEqualTo(full);
    }
    assertThat(full.lines()).isEqualTo(lines.size());
  }

  private static long at(long minutes) {
    return io.lawmonitor.Fixtures.t(START.plusMinutes(minutes).toString());
  }

  /**
   * A file in rough time order, with invalid, oddly written and unreadable lines among its events,
   * and with {@code jumps} gaps near the far-future bound and events far ahead.
   */
  private Path write(Random r, String name, boolean jumps) throws Exception {
    List<String> lines = new ArrayList<>();
    int minute = r.nextInt(120);
    int n = 20 + r.nextInt(300);
    for (int i = 0; i < n; i++) {
      minute += jumps && r.nextInt(100) == 0 ? 60 * (12 + r.nextInt(48)) : r.nextInt(40); // a gap near the bound
      String time = START.plusMinutes(minute + (r.nextInt(10) == 0 ? -r.nextInt(30) : 0)).toString();
      String ok = hotline("Q-" + name + "-" + i).received(time).attr("kind", "HELP").json();
      int kind = r.nextInt(40);
      if (kind == 2 && !jumps) {
        kind = 9;
      }
      String line = switch (kind) {
        case 0 -> ok.replace("\"stream\":\"hotline\"", "\"stream\":\"petition\""); // invalid, its time readable
        case 1 -> ok.replace("\"type\":\"RECEIVED\"", "\"type\":\"FILED\"");
        case 2 -> hotline("Q-far-" + i).received(START.plusMinutes(minute + 60L * 24 * (2 + r.nextInt(400))).toString())
            .attr("kind", "HELP").json(); // far ahead: held, then counted or not by the next line
        case 3 -> ok.replace("\"stream\":\"hotline\"", "\"stream\":\"petition\"")
            .replace(time.substring(0, 4), String.valueOf(2027 + r.nextInt(50))); // invalid and far ahead
        case 4 -> ok.replace("\"kind\":\"HELP\"", "\"kind\":\"HELP\",\"note\":\"\\u53d7\""); // an escaped character
        case 5 -> ok.replace("\"kind\":\"HELP\"", "\"eventTime\":\"2030-01-01T00:00:00+08:00\""); // eventTime twice
        case 6 -> "{\"eventTime\":\"" + time + ":00+08:00\", broken";
        case 7 -> "not json at all";
        case 8 -> ok.replace("\"region\":", "\"region\":null,\"x\":"); // no region on the opening event
        default -> ok;
      };
      lines.add(line);
    }
    Path p = dir.resolve(name);
    Files.write(p, lines);
    return p;
  }
}
