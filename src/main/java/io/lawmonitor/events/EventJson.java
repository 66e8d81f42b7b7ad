package io.lawmonitor.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Writes an {@link Event} back in the input format (personal data is already gone from it). */
public final class EventJson {
  private EventJson() {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  public static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
  public static final ZoneOffset CST = ZoneOffset.ofHours(8);

  /** An instant as the input and outputs write it: ISO-8601 at +08:00, e.g. 2026-11-24T11:00:00+08:00. */
  public static String time(long millis) {
    if (isWholeSecond(millis)) {
      // whole seconds between 1970 and 9999, the usual case: written directly (a window's ends, millions a run)
      byte[] b = new byte[TIME_LENGTH];
      wholeSecond(millis, b, 0);
      return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    return ISO.format(Instant.ofEpochMilli(millis).atOffset(CST));
  }

  /** The length of a time {@link #wholeSecond} writes: 2026-11-24T11:00:00+08:00. */
  public static final int TIME_LENGTH = 25;

  /** Whether {@link #wholeSecond} can write this time: whole seconds between 1970 and 9999. */
  public static boolean isWholeSecond(long millis) {
    return millis % 1000 == 0 && millis >= 0 && millis < 253_402_185_600_000L;
  }

  /** Writes such a time as {@link #time} does, in ASCII, into {@code b} from {@code at}. */
  public static void wholeSecond(long millis, byte[] b, int at) {
    long local = millis / 1000 + 8 * 3600;
    // the civil date of the day number (Hinnant's days_from_civil inverted), without a LocalDate
    // per time written: four of them to a metric line
    long z = local / 86_400 + 719_468;
    long era = z / 146_097;
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    int y = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
    int sod = (int) (local % 86_400);
    b[at] = (byte) ('0' + y / 1000);
    b[at + 1] = (byte) ('0' + y / 100 % 10);
    b[at + 2] = (byte) ('0' + y / 10 % 10);
    b[at + 3] = (byte) ('0' + y % 10);
    b[at + 4] = '-';
    two(b, at + 5, month);
    b[at + 7] = '-';
    two(b, at + 8, day);
    b[at + 10] = 'T';
    two(b, at + 11, sod / 3600);
    b[at + 13] = ':';
    two(b, at + 14, sod / 60 % 60);
    b[at + 16] = ':';
    two(b, at + 17, sod % 60);
    b[at + 19] = '+';
    b[at + 20] = '0';
    b[at + 21] = '8';
    b[at + 22] = ':';
    b[at + 23] = '0';
    b[at + 24] = '0';
  }

  /**
   * Reads an ISO-8601 time with an offset (what {@link java.time.OffsetDateTime#parse} accepts) as
   * epoch milliseconds. The input's usual form, {@code 2026-11-24T10:15:00+08:00} with or without
   * a fraction of a second, is read directly; anything else goes through OffsetDateTime.
   *
   * @throws java.time.format.DateTimeParseException when it is not such a time
   */
  public static long parseTime(String s) {
    int n = s.length();
    if (n >= 20 && n <= 35 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T' && s.charAt(13) == ':'
        && s.charAt(16) == ':') {
      int y = digits(s, 0, 4);
      int mo = digits(s, 5, 2);
      int d = digits(s, 8, 2);
      int h = digits(s, 11, 2);
      int mi = digits(s, 14, 2);
      int sec = digits(s, 17, 2);
      int i = 19;
      long nanos = 0;
      if (i < n && s.charAt(i) == '.') {
        int start = ++i;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          i++;
        }
        int len = i - start;
        nanos = len >= 1 && len <= 9 ? (long) digits(s, start, len) * POW10[9 - len] : -1;
      }
      int offset = Integer.MIN_VALUE;
      if (i == n - 1 && s.charAt(i) == 'Z') {
        offset = 0;
      } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
        int oh = digits(s, i + 1, 2);
        int om = digits(s, i + 4, 2);
        if (oh >= 0 && oh <= 18 && om >= 0 && om <= 59) {
          offset = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        }
      }
      if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= java.time.Month.of(mo).length(java.time.Year.isLeap(y)) && h >= 0 && h <= 23 && mi >= 0 && mi <= 59
          && sec >= 0 && sec <= 59 && nanos >= 0 && offset != Integer.MIN_VALUE && offset >= -18 * 3600
          && offset <= 18 * 3600) {
        long day = java.time.LocalDate.of(y, mo, d).toEpochDay();
        long seconds = day * 86_400 + h * 3600L + mi * 60L + sec - offset;
        return seconds * 1000 + nanos / 1_000_000;
      }
    }
    return java.time.OffsetDateTime.parse(s).toInstant().toEpochMilli();
  }

  private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

  /** The decimal number in s[from, from+len), or -1 if those are not all digits. */
  private static int digits(String s, int from, int len) {
    int v = 0;
    for (int i = from; i < from + len; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static void two(byte[] b, int at, int v) {
    b[at] = (byte) ('0' + v / 10);
    b[at + 1] = (byte) ('0' + v % 10);
  }

  public static ObjectNode toNode(Event e) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("eventId", e.eventId);
    n.put("stream", e.stream == null ? null : e.stream.wireName());
    n.put("caseId", e.caseId);
    n.put("type", e.type == null ? null : e.type.name());
    n.put("eventTime", time(e.eventTime));
    if (e.region != null) {
      n.put("region", e.region);
    }
    if (e.agency != null) {
      n.put("agency", e.agency);
    }
    ObjectNode a = n.putObject("attrs");
    if (e.attrs != null) {
      e.attrs.writeJson(a);
    }
    return n;
  }

  public static String toJson(Event e) {
    return toNode(e).toString();
  }
}
