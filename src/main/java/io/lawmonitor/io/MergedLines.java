package io.lawmonitor.io;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Lines of several JSONL files merged by their eventTime. Each file is taken to be in rough time
 * order. A line whose time cannot be read, or that lies far ahead of the line after it in its own
 * file, is not waited for: it goes out at once, so that it cannot hold back the rest of its file
 * (the parser decides what it is). A sparse file whose next line is days ahead — review
 * applications over a holiday — is simply waited for.
 */
public final class MergedLines implements Closeable {

  /** One line and where it came from; {@code eventTime} is Long.MIN_VALUE when unreadable. */
  public record Line(String text, String origin, int size, long eventTime) {}

  private static final class Cursor {
    final String name;
    final BufferedReader reader;
    long lineNo;
    Line head;
    Line next;
    /** With sorting: the whole file, in time order, and how far it has been served. */
    List<Line> sorted;
    int served;

    Cursor(String name, BufferedReader reader) {
      this.name = name;
      this.reader = reader;
    }
  }

  private final List<Cursor> cursors = new ArrayList<>();
  private final long farFuture;

  public MergedLines(List<String> files, long farFutureMillis) {
    this(files, farFutureMillis, false);
  }

  /**
   * @param sortEachFile read each file whole and put it in eventTime order first (for exports
   *     written in another order, e.g. by case); lines without a readable time come first
   */
  public MergedLines(List<String> files, long farFutureMillis, boolean sortEachFile) {
    this.farFuture = farFutureMillis;
    for (String f : files) {
      try {
        var decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
        Cursor c = new Cursor(Path.of(f).getFileName().toString(),
            new BufferedReader(new InputStreamReader(Files.newInputStream(Path.of(f)), decoder), 1 << 16));
        cursors.add(c);
        if (sortEachFile) {
          List<Line> all = new ArrayList<>();
          Line l;
          while ((l = readRaw(c)) != null) {
            all.add(l);
          }
          all.sort(java.util.Comparator.comparingLong(Line::eventTime)); // stable: equal times keep file order
          c.sorted = all;
        }
      } catch (IOException e) {
        close();
        throw new UncheckedIOException("cannot open " + f, e);
      }
    }
  }

  /** The next line in event-time order, or null when no file has another line now. */
  public Line next() {
    Cursor best = null;
    for (Cursor c : cursors) {
      if (c.head == null) {
        c.head = c.next != null ? c.next : read(c);
        c.next = null;
        if (c.head == null) {
          continue;
        }
      }
      if (c.next == null) {
        c.next = read(c);
      }
      long t = c.head.eventTime();
      boolean outOfLine = c.next != null && c.next.eventTime() != Long.MIN_VALUE && t > c.next.eventTime() + farFuture;
      if (t == Long.MIN_VALUE || outOfLine) {
        best = c;
        break;
      }
      if (best == null || t < best.head.eventTime()) {
        best = c;
      }
    }
    if (best == null) {
      return null;
    }
    Line l = best.head;
    best.head = null;
    return l;
  }

  private static Line read(Cursor c) {
    if (c.sorted != null) {
      return c.served < c.sorted.size() ? c.sorted.get(c.served++) : null;
    }
    return readRaw(c);
  }

  private static Line readRaw(Cursor c) {
    try {
      while (true) {
        String text = c.reader.readLine();
        if (text == null) {
          return null;
        }
        c.lineNo++;
        if (text.isBlank()) {
          continue;
        }
        int size = utf8Length(text);
        return new Line(text, c.name + ":" + c.lineNo, size, timeOf(text));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + c.name + " after line " + c.lineNo, e);
    }
  }

  static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < 0x80) {
        n++;
      } else if (ch < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(ch)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** The eventTime of a line without parsing all of it; Long.MIN_VALUE when there is none. */
  public static long timeOf(String line) {
    int k = line.indexOf("\"eventTime\"");
    if (k < 0) {
      return Long.MIN_VALUE;
    }
    int q1 = line.indexOf('"', line.indexOf(':', k + 11) + 1);
    if (q1 < 0) {
      return Long.MIN_VALUE;
    }
    int q2 = line.indexOf('"', q1 + 1);
    if (q2 < 0 || q2 - q1 > 40) {
      return Long.MIN_VALUE;
    }
    try {
      return OffsetDateTime.parse(line.substring(q1 + 1, q2)).toInstant().toEpochMilli();
    } catch (RuntimeException e) {
      return Long.MIN_VALUE;
    }
  }

  @Override
  public void close() {
    for (Cursor c : cursors) {
      try {
        c.reader.close();
      } catch (IOException ignored) {
        // closing a file we only read
      }
    }
  }
}
