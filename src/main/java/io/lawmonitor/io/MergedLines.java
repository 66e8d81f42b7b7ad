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
import java.nio.charset.StandardCharsets;
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
  public static final class Line {
    private final int size;
    private final long eventTime;
    private String origin;
    private final String file;
    private final long lineNo;
    private String text;
    private String problem;
    private byte[] raw;
    /**
     * A line read by {@link #timesFirst}: its UTF-8 bytes, one character a byte (ISO 8859-1), not
     * yet decoded; null once decoded. Its ASCII characters are where its text has them.
     */
    private String undecoded;

    public Line(String text, String origin, int size, long eventTime, String problem, byte[] raw) {
      this.text = text;
      this.origin = origin;
      this.file = null;
      this.lineNo = 0;
      this.size = size;
      this.eventTime = eventTime;
      this.problem = problem;
      this.raw = raw;
    }

    private Line(String undecoded, String file, long lineNo, long eventTime) {
      this.undecoded = undecoded;
      this.file = file;
      this.lineNo = lineNo;
      this.size = undecoded.length();
      this.eventTime = eventTime;
    }

    public String text() {
      decode();
      return text;
    }

    /** file:line, or where else it came from. */
    public String origin() {
      if (origin == null) {
        origin = file + ":" + lineNo;
      }
      return origin;
    }

    public int size() {
      return size;
    }

    public long eventTime() {
      return eventTime;
    }

    public String problem() {
      decode();
      return problem;
    }

    public byte[] raw() {
      decode();
      return raw;
    }

    public RawEvent toRawEvent() {
      decode();
      return new RawEvent(text, origin(), size, problem);
    }

    /**
     * Whether the time {@link #timeOf} reads off the line is the time its parsing gives, if it
     * parses: the line names eventTime once and escapes no character by its code.
     */
    public boolean plainTime() {
      String t = undecoded != null ? undecoded : text;
      int k = t.indexOf("\"eventTime\"");
      return k >= 0 && t.indexOf("\"eventTime\"", k + 1) < 0 && !t.contains("\\u");
    }

    private void decode() {
      if (undecoded != null) {
        byte[] b = undecoded.getBytes(StandardCharsets.ISO_8859_1);
        // a decoder of its own: the scan may decode lines on several threads at once
        Decoded d = MergedLines.decode(StandardCharsets.UTF_8, strictDecoder(StandardCharsets.UTF_8), b, b.length);
        text = d.text;
        problem = d.problem;
        raw = d.raw;
        undecoded = null;
      }
    }
  }

  /** A line's bytes as text: strictly in the charset, else what could be read of them, with why. */
  private record Decoded(String text, String problem, byte[] raw) {}

  private static Decoded decode(Charset charset, CharsetDecoder strict, byte[] b, int n) {
    try {
      return new Decoded(strict.reset().decode(ByteBuffer.wrap(b, 0, n)).toString(), null, null);
    } catch (CharacterCodingException e) {
      return new Decoded(new String(b, 0, n, charset), "not " + charset.name() + " text", Arrays.copyOf(b, n));
    }
  }

  private static CharsetDecoder strictDecoder(Charset charset) {
    return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
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
  private boolean timesFirst;

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
    this.strict = strictDecoder(charset);
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

  /**
   * For a reading that wants most lines' times and few lines' text (the scan of a bounded input):
   * a UTF-8 line's time is read off its bytes, and its text decoded only when asked for. The lines
   * and times are the same as without.
   */
  public MergedLines timesFirst() {
    this.timesFirst = charset.equals(StandardCharsets.UTF_8);
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
        long t;
        Line line;
        int blank = timesFirst && c.lineNo > 1 ? blankBytes(c.line, n) : UNSURE;
        if (blank == BLANK) {
          continue;
        }
        String latin = blank == NOT_BLANK ? new String(c.line, 0, n, StandardCharsets.ISO_8859_1) : null;
        long quick = latin != null ? timeOf(latin, true) : UNSURE_TIME;
        if (quick != UNSURE_TIME) {
          t = quick;
          line = null; // made below, from the bytes
        } else {
          Decoded d = decode(charset, strict, c.line, n);
          String text = d.text;
          if (c.lineNo == 1 && text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte-order mark, as spreadsheet exports write
          }
          if (text.isBlank()) {
            continue;
          }
          t = timeOf(text);
          line = new Line(text, c.name + ":" + c.lineNo, n, t, d.problem, d.raw);
        }
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
        return line != null ? line : new Line(latin, c.name, c.lineNo, t);
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

  private static final int BLANK = 0;
  private static final int NOT_BLANK = 1;
  /** Of {@link #blankBytes}: not to be told without decoding. */
  private static final int UNSURE = 2;
  /** Of {@link #timeOf(String, boolean)}: not to be told without decoding (no time is read as this). */
  private static final long UNSURE_TIME = Long.MIN_VALUE + 1;

  /**
   * Whether a line of UTF-8 bytes is blank as its text would be ({@link String#isBlank}): BLANK
   * when every byte is ASCII white space, NOT_BLANK when one is an ASCII character that is not
   * (UTF-8 never uses an ASCII byte within another character), else UNSURE.
   */
  private static int blankBytes(byte[] b, int n) {
    boolean other = false;
    for (int i = 0; i < n; i++) {
      byte x = b[i];
      if (x < 0) {
        other = true;
      } else if (!Character.isWhitespace(x)) {
        return NOT_BLANK;
      }
    }
    return other ? UNSURE : BLANK;
  }

  /** The eventTime of a line without parsing all of it; Long.MIN_VALUE when there is none. */
  public static long timeOf(String line) {
    return timeOf(line, false);
  }

  /**
   * {@link #timeOf(String)}, of a line's text or (utf8Bytes) of its UTF-8 bytes one character a
   * byte: every character it looks for is ASCII, which UTF-8 writes as the same byte and never
   * inside another character, so it finds them in the same order; of bytes, a time with other than
   * ASCII in its quotes is UNSURE_TIME.
   */
  private static long timeOf(String line, boolean utf8Bytes) {
    int k = line.indexOf("\"eventTime\"");
    if (k < 0) {
      return Long.MIN_VALUE;
    }
    int q1 = line.indexOf('"', line.indexOf(':', k + 11) + 1);
    if (q1 < 0) {
      return Long.MIN_VALUE;
    }
    int q2 = line.indexOf('"', q1 + 1);
    if (q2 < 0) {
      return Long.MIN_VALUE;
    }
    if (utf8Bytes) {
      for (int i = q1 + 1; i < q2; i++) {
        if (line.charAt(i) > 0x7F) {
          return UNSURE_TIME;
        }
      }
    }
    if (q2 - q1 > 40) {
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
