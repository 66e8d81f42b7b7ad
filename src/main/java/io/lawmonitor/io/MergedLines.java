package io.lawmonitor.io;

import io.lawmonitor.events.RawEvent;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /**
   * One line and where it came from; {@code eventTime} is Long.MIN_VALUE when unreadable;
   * {@code size} is its length in bytes as read. A line that is not valid text in the file's
   * encoding has a {@code problem}, the text that could be read of it, and its bytes in {@code raw}
   * (null otherwise).
   */
  public record Line(String text, String origin, int size, long eventTime, String problem, byte[] raw) {
    public RawEvent toRawEvent() {
      return new RawEvent(text, origin, size, problem);
    }
  }

  /** The encoding of files when none is declared. */
  public static final String DEFAULT_ENCODING = "UTF-8";

  private static final class Cursor {
    final String path;
    final String name;
    final InputStream in;
    final byte[] chunk = new byte[1 << 16];
    int pos;
    int limit;
    /** The line being read, up to its newline. */
    byte[] line = new byte[1024];
    int len;
    long lineNo;
    Line head;
    Line next;
    /** With sorting: the file's lines in time order. */
    SortedLines sorted;
    /** In the file's own order: its lines with a time, those far behind the latest time above them, that time. */
    long timed;
    long behind;
    long latest = Long.MIN_VALUE;

    Cursor(String path, InputStream in) {
      this.path = path;
      this.name = Path.of(path).getFileName().toString();
      this.in = in;
    }
  }

  private final List<Cursor> cursors = new ArrayList<>();
  private final long farFuture;
  private final Charset charset;
  private final CharsetDecoder strict;
  private final boolean follow;
  private final FileReading reading;
  private long outside;
  private long farBehind = Long.MAX_VALUE;

  public MergedLines(List<String> files, long farFutureMillis) {
    this(files, farFutureMillis, FileReading.defaults(), false);
  }

  /**
   * @param reading the files' encoding, which to put in eventTime order first (exports written in
   *     another order, e.g. by case; lines without a readable time come first), and the range kept
   * @param follow the files are still being written: a last line without its newline is waited
   *     for rather than read
   */
  public MergedLines(List<String> files, long farFutureMillis, FileReading reading, boolean follow) {
    this.farFuture = farFutureMillis;
    this.reading = reading;
    this.charset = charset(reading.encoding());
    this.strict = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.follow = follow;
    for (String f : files) {
      try {
        Cursor c = new Cursor(f, Files.newInputStream(Path.of(f)));
        cursors.add(c);
        if (reading.sorts(f)) {
          c.sorted = new SortedLines(Files.size(Path.of(f)), () -> readRaw(c));
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

  /**
   * Counts, from now on, how far each file is from event-time order as read in its own order: its
   * lines with a time in the range read, and how many of them lie more than {@code behind} before
   * the latest time above them in the file ({@link #disorder}). A live feed's export has a few such
   * lines (late events); an export grouped by case has many.
   */
  public MergedLines judgingOrder(long behind) {
    this.farBehind = behind;
    return this;
  }

  /** For a file read with {@link #judgingOrder}: [lines far behind, lines with a time] so far. */
  public long[] disorder(String file) {
    for (Cursor c : cursors) {
      if (c.path.equals(file)) {
        return new long[] {c.behind, c.timed};
      }
    }
    throw new IllegalArgumentException("not read here: " + file);
  }

  /** Lines passed over so far for an event time outside the range read. */
  public long outside() {
    return outside;
  }

  /** The named encoding, or an error that says which names are meant. */
  public static Charset charset(String encoding) {
    try {
      return Charset.forName(encoding == null ? DEFAULT_ENCODING : encoding);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown encoding '" + encoding + "' (UTF-8, GB18030 or GBK, for example)");
    }
  }

  private Line read(Cursor c) {
    if (c.sorted != null) {
      return c.sorted.hasNext() ? c.sorted.next() : null;
    }
    return readRaw(c);
  }

  private Line readRaw(Cursor c) {
    try {
      while (true) {
        if (!nextLine(c)) {
          return null;
        }
        c.lineNo++;
        int n = c.len;
        c.len = 0;
        if (n > 0 && c.line[n - 1] == '\r') {
          n--;
        }
        String text;
        String problem = null;
        byte[] raw = null;
        try {
          text = strict.reset().decode(ByteBuffer.wrap(c.line, 0, n)).toString();
        } catch (CharacterCodingException e) {
          text = new String(c.line, 0, n, charset);
          problem = "not " + charset.name() + " text";
          raw = Arrays.copyOf(c.line, n);
        }
        if (c.lineNo == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1); // a byte-order mark, as spreadsheet exports write
        }
        if (text.isBlank()) {
          continue;
        }
        long t = timeOf(text);
        if (!reading.keeps(t)) {
          outside++;
          continue;
        }
        if (t != Long.MIN_VALUE && farBehind != Long.MAX_VALUE) {
          c.timed++;
          if (c.latest != Long.MIN_VALUE && t < c.latest - farBehind) {
            c.behind++;
          }
          c.latest = Math.max(c.latest, t);
        }
        return new Line(text, c.name + ":" + c.lineNo, n, t, problem, raw);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + c.name + " after line " + c.lineNo, e);
    }
  }

  /**
   * Reads the bytes of the next line into the cursor's line buffer, without its newline; false at
   * the end of the file (when following, a last line without its newline is kept to be completed).
   */
  private boolean nextLine(Cursor c) throws IOException {
    while (true) {
      if (c.pos == c.limit) {
        int got = c.in.read(c.chunk);
        if (got <= 0) {
          if (c.len > 0 && !follow) {
            return true;
          }
          return false;
        }
        c.pos = 0;
        c.limit = got;
      }
      int start = c.pos;
      int end = start;
      while (end < c.limit && c.chunk[end] != '\n') {
        end++;
      }
      int add = end - start;
      if (c.len + add > c.line.length) {
        c.line = Arrays.copyOf(c.line, Math.max(c.line.length * 2, c.len + add));
      }
      System.arraycopy(c.chunk, start, c.line, c.len, add);
      c.len += add;
      if (end < c.limit) {
        c.pos = end + 1;
        return true;
      }
      c.pos = c.limit;
    }
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
      return io.lawmonitor.events.EventJson.parseTime(line.substring(q1 + 1, q2));
    } catch (RuntimeException e) {
      return Long.MIN_VALUE;
    }
  }

  @Override
  public void close() {
    for (Cursor c : cursors) {
      if (c.sorted != null) {
        c.sorted.close();
      }
      try {
        c.in.close();
      } catch (IOException ignored) {
        // closing a file we only read
      }
    }
  }
}
