package io.lawmonitor.io;

import io.lawmonitor.parse.EventParser;
import io.lawmonitor.runtime.FarJump;
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
   * What reading a bounded input once found: the time of the last event it will use
   * (Long.MIN_VALUE if none), how many lines it will read, how many it passes over for a time
   * outside the range read, the bound no event may pass that it was read with, and how the job is
   * to read the files (with those found far from event-time order put in order first).
   */
  public record Scan(long lastEventTime, long lines, long outside, long notAfter, FileReading reading) {}

  /** Files whose order is judged while they are read, and the judge: given a file and [lines far behind, lines with a time], whether to put it in order. */
  public record OrderJudge(java.util.Collection<String> files, long behind,
      java.util.function.BiPredicate<String, long[]> sortIt) {
    public static final OrderJudge NONE = new OrderJudge(List.of(), Long.MAX_VALUE, (f, d) -> false);
  }

  /**
   * Reads a bounded input once the way the job will (same merge, same parser, same far-future
   * rule). Deadlines after its last event's time are not misses, and windows after it are not
   * emitted. The judge's files have their order judged as they are read: a file the judge wants in
   * order ({@link OrderJudge#NONE}: none) is then put in order and the input is read again that way
   * (the far-future rule depends on the order).
   */
  public static Scan scan(List<String> files, int maxEventBytes, long outOfOrderness, long farFuture,
      long notAfter, FileReading reading, OrderJudge judge) {
    List<String> sort = new ArrayList<>(reading.sortFirst());
    Scan first = once(files, maxEventBytes, outOfOrderness, farFuture, notAfter, reading, judge, (f, disorder) -> {
      if (!reading.sorts(f) && judge.sortIt().test(f, disorder)) {
        sort.add(f);
      }
    });
    if (sort.size() == reading.sortFirst().size()) {
      return first;
    }
    return once(files, maxEventBytes, outOfOrderness, farFuture, notAfter, reading.sorting(sort), OrderJudge.NONE,
        (f, d) -> { });
  }

  /**
   * One reading of the input: first without parsing every line ({@link #quick}); when that cannot
   * be sure, again parsing every line. The judged files' order is given to {@code judged}.
   */
  private static Scan once(List<String> files, int maxEventBytes, long outOfOrderness, long farFuture, long notAfter,
      FileReading reading, OrderJudge judge, java.util.function.BiConsumer<String, long[]> judged) {
    EventParser parser = new EventParser(maxEventBytes);
    for (boolean quickly : new boolean[] {true, false}) {
      try (MergedLines lines = new MergedLines(files, farFuture, reading, false).timesFirst()) {
        if (!judge.files().isEmpty()) {
          lines.judgingOrder(judge.behind());
        }
        Scan scan = quickly ? quick(lines, parser, outOfOrderness, farFuture, notAfter, reading)
            : read(lines, parser, outOfOrderness, farFuture, notAfter, reading);
        if (scan != null) {
          for (String f : judge.files()) {
            judged.accept(f, lines.disorder(f));
          }
          return scan;
        }
      } catch (UncheckedIOException e) {
        throw new IllegalArgumentException(e.getMessage());
      }
    }
    throw new IllegalStateException("unreachable: the full reading always gives a scan");
  }

  /** Lines the quick reading keeps, the latest, to find the last valid one among them at the end. */
  static final int CANDIDATES = 256;
  /** Lines read one by one after a jump, none held, before the quick reading takes over again. */
  static final int CALM = 64;

  /**
   * The scan without parsing every line, or null when it cannot be sure of the same result as
   * parsing every line ({@link #read}). The far-future rule holds a line back only when it lies
   * more than the far-future bound ahead of the latest line used before it; the lines parsed here
   * (a line every half bound of event time, and every line whose time cannot be read off it
   * plainly) give a lower bound on that latest line, the anchor. While every line stays within the
   * bound of it, none is held, and the last event used is simply the latest valid line: found among
   * the latest lines at the end, by parsing them from the latest down. A line beyond the bound (a
   * quiet night or weekend, or a wrong clock) first raises the anchor to the latest valid line kept
   * since, which makes it the latest line used; if the line is still beyond, the lines from it on
   * are parsed and judged one by one as the job judges them, until {@link #CALM} lines in a row hold
   * nothing back. It gives null where the latest line used cannot be known without parsing every
   * line (the kept lines all invalid and others dropped).
   */
  static Scan quick(MergedLines lines, EventParser parser, long outOfOrderness, long farFuture, long notAfter,
      FileReading reading) {
    long count = 0;
    Kept kept = new Kept();
    FarJump.LastUsed exact = null; // after a jump, while the lines are judged one by one
    int calm = 0;
    MergedLines.Line l;
    while ((l = lines.next()) != null) {
      count++;
      long t = l.eventTime();
      if (t == Long.MIN_VALUE) {
        continue;
      }
      if (exact != null) {
        long v = validTime(parser, l);
        if (v == Long.MIN_VALUE || v > notAfter) {
          continue;
        }
        exact.add("", v);
        calm = exact.holding("") ? 0 : calm + 1;
        if (calm >= CALM) {
          kept.anchor = exact.reached("");
          exact = null;
        }
        continue;
      }
      boolean plain = l.plainTime();
      if (!plain) {
        t = validTime(parser, l);
        if (t == Long.MIN_VALUE) {
          continue;
        }
      }
      if (t > notAfter) {
        continue;
      }
      long anchor = kept.anchor;
      if (anchor != Long.MIN_VALUE && t <= anchor - outOfOrderness + farFuture / 2) {
        if (plain) {
          kept.add(l);
        } else {
          kept.anchor = Math.max(anchor, t);
        }
        continue;
      }
      if (plain && validTime(parser, l) == Long.MIN_VALUE) {
        continue; // not an event: the job passes it over
      }
      if (anchor != Long.MIN_VALUE && t > anchor - outOfOrderness + farFuture) {
        if (!kept.raise(parser)) {
          return null;
        }
        if (t > kept.anchor - outOfOrderness + farFuture) {
          exact = new FarJump.LastUsed(outOfOrderness, farFuture);
          exact.add("", kept.anchor);
          exact.add("", t);
          calm = 0;
          continue;
        }
      }
      kept.anchor = Math.max(kept.anchor, t);
    }
    long last = exact != null ? exact.result() : kept.anchor;
    List<MergedLines.Line> desc = kept.descending();
    boolean found = false;
    for (MergedLines.Line c : desc) {
      if (c.eventTime() <= last) {
        found = true; // no line later than the latest valid one is left
        break;
      }
      if (validTime(parser, c) != Long.MIN_VALUE) {
        last = c.eventTime();
        found = true;
        break;
      }
    }
    if (!found && kept.dropped > last) {
      return null; // every kept line invalid, and a line dropped before them may not be
    }
    return new Scan(last, count, lines.outside(), notAfter, reading);
  }

  /**
   * The quick reading's anchor (the latest time of a line parsed and used: the job's reach is at
   * least this) and the plain lines within half the bound of it, the latest {@link #CANDIDATES}.
   */
  private static final class Kept {
    long anchor = Long.MIN_VALUE;
    /** The latest time of a line dropped from {@link #latest}, Long.MIN_VALUE if none. */
    long dropped = Long.MIN_VALUE;
    final java.util.PriorityQueue<MergedLines.Line> latest =
        new java.util.PriorityQueue<>(CANDIDATES + 1, java.util.Comparator.comparingLong(MergedLines.Line::eventTime));

    void add(MergedLines.Line l) {
      latest.add(l);
      if (latest.size() > CANDIDATES) {
        dropped = Math.max(dropped, latest.poll().eventTime());
      }
    }

    List<MergedLines.Line> descending() {
      List<MergedLines.Line> desc = new ArrayList<>(latest);
      desc.sort(java.util.Comparator.comparingLong(MergedLines.Line::eventTime).reversed());
      return desc;
    }

    /**
     * Raises the anchor to the latest valid line kept: every kept line lies within half the bound
     * of the anchor, so the job used each valid one, and the anchor becomes the latest line used.
     * False where that cannot be known: no valid line kept above a line dropped, which may have
     * been valid. Lines found invalid on the way are dropped.
     */
    boolean raise(EventParser parser) {
      for (MergedLines.Line c : descending()) {
        if (c.eventTime() <= Math.max(anchor, dropped)) {
          break;
        }
        if (validTime(parser, c) != Long.MIN_VALUE) {
          anchor = Math.max(anchor, c.eventTime());
          return true;
        }
        latest.remove(c);
      }
      return dropped <= anchor;
    }
  }

  /** The line's event time if it is a valid event, else Long.MIN_VALUE. */
  private static long validTime(EventParser parser, MergedLines.Line l) {
    io.lawmonitor.events.RecordParser.Parsed p = parser.parse(l.toRawEvent());
    return p.event() == null ? Long.MIN_VALUE : p.event().eventTime;
  }

  private static final int SCAN_BATCH = 8192;
  private static final List<MergedLines.Line> END = new ArrayList<>();

  /**
   * One thread reads the lines in batches while this one parses each batch on every core, then
   * takes their times in reading order.
   */
  static Scan read(MergedLines lines, EventParser parser, long outOfOrderness, long farFuture, long notAfter,
      FileReading reading) {
    FarJump.LastUsed used = new FarJump.LastUsed(outOfOrderness, farFuture);
    java.util.concurrent.BlockingQueue<List<MergedLines.Line>> batches = new java.util.concurrent.ArrayBlockingQueue<>(4);
    long[] count = {0};
    RuntimeException[] failed = {null};
    Thread reader = new Thread(() -> {
      try {
        List<MergedLines.Line> batch = new ArrayList<>(SCAN_BATCH);
        MergedLines.Line l;
        while ((l = lines.next()) != null) {
          count[0]++;
          if (l.eventTime() == Long.MIN_VALUE) {
            continue;
          }
          batch.add(l);
          if (batch.size() == SCAN_BATCH) {
            batches.put(batch);
            batch = new ArrayList<>(SCAN_BATCH);
          }
        }
        batches.put(batch);
      } catch (RuntimeException e) {
        failed[0] = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        try {
          batches.put(END); // taken by the parsing thread, which reads until it
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "scan-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      List<MergedLines.Line> batch;
      while ((batch = batches.take()) != END) {
        long[] times = batch.parallelStream().mapToLong(line -> validTime(parser, line)).toArray();
        for (long t : times) {
          if (t != Long.MIN_VALUE && t <= notAfter) {
            used.add("", t); // the files of a run are one lane
          }
        }
      }
      reader.join();
    } catch (InterruptedException e) {
      reader.interrupt();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the input", e);
    }
    if (failed[0] != null) {
      throw failed[0];
    }
    return new Scan(used.result(), count[0], lines.outside(), notAfter, reading);
  }
}
