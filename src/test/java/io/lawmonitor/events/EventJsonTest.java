package io.lawmonitor.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The direct reading and writing of times gives exactly what java.time gives. */
class EventJsonTest {
  @Test
  void readsEveryTimeAsOffsetDateTimeDoes() {
    for (String s : List.of("2026-11-24T10:15:00+08:00", "2026-11-24T10:15:00Z", "2026-11-24T10:15:00.5+08:00",
        "2026-11-24T10:15:00.123456789-05:30", "2024-02-29T23:59:59+08:00", "1969-12-31T23:59:59.999Z",
        "2026-11-24T10:15+08:00", "2026-11-24T10:15:00+08:00:00", "0001-01-01T00:00:00+18:00", "2026-12-31T00:00:00-18:00")) {
      assertEquals(OffsetDateTime.parse(s).toInstant().toEpochMilli(), EventJson.parseTime(s), s);
    }
    for (String s : List.of("2025-02-29T10:15:00+08:00", "2026-11-31T10:15:00+08:00", "2026-13-01T10:15:00+08:00",
        "2026-11-24T24:00:00+08:00", "2026-11-24T10:15:00", "2026-11-24 10:15:00+08:00", "2026-11-24T10:15:00+19:00",
        "２０２６-11-24T10:15:00+08:00", "2026-11-24T10:15:00+0800")) {
      assertThrows(DateTimeParseException.class, () -> EventJson.parseTime(s), s);
    }
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      long ms = r.nextLong(-2_000_000_000_000L, 9_000_000_000_000L);
      ms = i % 2 == 0 ? ms / 1000 * 1000 : ms;
      int offset = (r.nextInt(-18 * 4, 18 * 4 + 1)) * 15 * 60;
      String s = Instant.ofEpochMilli(ms).atOffset(ZoneOffset.ofTotalSeconds(offset)).toString();
      assertEquals(ms, EventJson.parseTime(s), s);
    }
  }

  @Test
  void writesEveryTimeAsTheIsoFormatterDoes() {
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 20_000; i++) {
      long ms = r.nextLong(-100_000_000_000_000L, 300_000_000_000_000L);
      ms = i % 2 == 0 ? ms / 1000 * 1000 : ms;
      assertEquals(EventJson.ISO.format(Instant.ofEpochMilli(ms).atOffset(EventJson.CST)), EventJson.time(ms));
    }
    assertEquals("2026-11-24T11:00:00+08:00", EventJson.time(OffsetDateTime.parse("2026-11-24T11:00:00+08:00")
        .toInstant().toEpochMilli()));
  }

  @Test
  void writesEveryDayFrom1970To9999AsTheIsoFormatterDoes() {
    // every Beijing day's first and last second to 2243, every 97th day's after: leap days and
    // century years included
    for (long day = 0; day < 2_932_897; day += day < 100_000 ? 1 : 97) {
      for (long ms : new long[] {day * 86_400_000L, day * 86_400_000L + 86_399_000L}) {
        long t = ms - 8 * 3_600_000L;
        if (EventJson.isWholeSecond(t)) {
          assertEquals(EventJson.ISO.format(Instant.ofEpochMilli(t).atOffset(EventJson.CST)), EventJson.time(t));
        }
      }
    }
  }
}
