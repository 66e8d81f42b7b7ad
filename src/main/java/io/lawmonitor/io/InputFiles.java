package io.lawmonitor.io;

import io.lawmonitor.events.EventParser;
import io.lawmonitor.events.FarJump;
import io.lawmonitor.events.RawEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Input paths as given on the command line: a .jsonl file, or a directory of them. */
public final class InputFiles {
  private InputFiles() {}

  /** Expands the paths into readable .jsonl files, in a stable order; explains what is wrong if not. */
  public static List<String> expand(List<String> paths) {
    List<String> files = new ArrayList<>();
    for (String p : paths) {
      Path path = Path.of(p);
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          List<Path> found = walk.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".jsonl")).sorted().toList();
          if (found.isEmpty()) {
            throw new IllegalArgumentException("no .jsonl files in " + p);
          }
          for (Path f : found) {
            files.add(readable(f));
          }
        } catch (IOException e) {
          throw new IllegalArgumentException("cannot read directory " + p + ": " + e.getMessage());
        }
      } else if (Files.isRegularFile(path)) {
        files.add(readable(path));
      } else {
        throw new IllegalArgumentException("no such file or directory: " + p);
      }
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no input files");
    }
    return files;
  }

  private static String readable(Path f) {
    if (!Files.isReadable(f)) {
      throw new IllegalArgumentException("cannot read " + f);
    }
    return f.toString();
  }

  /**
   * How far a file is from event-time order: of its lines with a time in the range read, how many
   * lie more than {@code behind} before the latest time above them in the file ([those, all]).
   * A live feed's export has a few such lines (late events); an export grouped by case has many.
   */
  public static long[] disorder(String file, FileReading reading, long behind) {
    long late = 0;
    long timed = 0;
    long max = Long.MIN_VALUE;
    try (MergedLines lines = new MergedLines(List.of(file), Long.MAX_VALUE / 4, reading.sorting(List.of()), false)) {
      MergedLines.Line l;
      while ((l = lines.next()) != null) {
        long t = l.eventTime();
        if (t == Long.MIN_VALUE) {
          continue;
        }
        timed++;
        if (max != Long.MIN_VALUE && t < max - behind) {
          late++;
        }
        max = Math.max(max, t);
      }
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    return new long[] {late, timed};
  }

  /**
   * What reading a bounded input once found: the time of the last event it will use
   * (Long.MIN_VALUE if none), how many lines it will read, and how many it passes over for a time
   * outside the range read.
   */
  public record Scan(long lastEventTime, long lines, long outside) {}

  /**
   * Reads a bounded input once the way the job will (same merge, same parser, same far-future
   * rule). Deadlines after its last event's time are not misses, and windows after it are not
   * emitted.
   */
  public static Scan scan(List<String> files, int maxEventBytes, long outOfOrderness, long farFuture,
      long notAfter, FileReading reading) {
    long count = 0;
    long outside;
    EventParser parser = new EventParser(maxEventBytes);
    FarJump.LastUsed used = new FarJump.LastUsed(outOfOrderness, farFuture);
    try (MergedLines lines = new MergedLines(files, farFuture, reading, false)) {
      MergedLines.Line l;
      List<MergedLines.Line> batch = new ArrayList<>(SCAN_BATCH);
      while ((l = lines.next()) != null) {
        count++;
        if (l.eventTime() == Long.MIN_VALUE) {
          continue;
        }
        batch.add(l);
        if (batch.size() == SCAN_BATCH) {
          use(batch, parser, used, notAfter);
        }
      }
      use(batch, parser, used, notAfter);
      outside = lines.outside();
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    long maxSeen = used.result();
    return new Scan(maxSeen, count, outside);
  }

  private static final int SCAN_BATCH = 8192;

  /** Parses a batch of lines on every core, then takes their times in reading order; empties the batch. */
  private static void use(List<MergedLines.Line> batch, EventParser parser, FarJump.LastUsed used, long notAfter) {
    long[] times = batch.parallelStream().mapToLong(line -> {
      EventParser.Parsed p = parser.parse(line.toRawEvent());
      return p.event() == null ? Long.MIN_VALUE : p.event().eventTime;
    }).toArray();
    for (long t : times) {
      if (t != Long.MIN_VALUE && t <= notAfter) {
        used.add("", t); // the files of a run are one lane
      }
    }
    batch.clear();
  }
}
