package io.lawmonitor.generate;

import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.catalogue.Catalogue;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.synthetic.Geography;
import io.lawmonitor.synthetic.SampleContext;
import io.lawmonitor.synthetic.StreamSample;
import io.lawmonitor.streams.StreamDefinition;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Synthetic but realistic events for every stream of the catalogue, each made by its stream's part
 * ({@link StreamDefinition#sample}) from random numbers of its own: the cities, districts and
 * agencies of the source reports, statutory timing on the real working-day calendar, report-like
 * rates, producer retries, and personal data in the raw input that the monitor must strip. With
 * episodes on, each stream adds the slippages its default rules catch. Seeded: the same options
 * give the same events, and a stream's events do not depend on the other streams.
 *
 * <p>Events are produced day by day and handed on in time order as soon as no later case can come
 * before them, so memory holds only the cases still running, whatever the number of days or events.
 */
public final class SampleGenerator {

  /**
   * What to generate: about {@code targetEvents} events, or {@code casesPerDay} new cases a day when
   * that is positive; over the first {@code cities} cities of the geography; for the streams named
   * (each stream's events are the same whichever others are made with it).
   */
  public record Options(LocalDate start, int days, long targetEvents, long seed, boolean episodes, double casesPerDay,
      int cities, java.util.Set<StreamKind> streams) {
    public Options(LocalDate start, int days, long targetEvents, long seed, boolean episodes, double casesPerDay,
        int cities) {
      this(start, days, targetEvents, seed, episodes, casesPerDay, cities, java.util.EnumSet.allOf(StreamKind.class));
    }

    public Options(LocalDate start, int days, long targetEvents, long seed, boolean episodes) {
      this(start, days, targetEvents, seed, episodes, 0, Geography.CITIES.size());
    }
  }

  /** The cities events can come from. */
  public static int cityCount() {
    return Geography.CITIES.size();
  }

  /** One generated event line and its time, for sorting. */
  public record Line(long time, String json) {}

  /** Where the events go, in time order (ties by stream, then as generated). */
  @FunctionalInterface
  public interface Out {
    /** Takes one event; false stops the generation. */
    boolean accept(StreamKind stream, Line line) throws java.io.IOException;
  }

  /** Events per 12345 request and its share of the other streams, as generated (measured, not planned). */
  private static final double EVENTS_PER_UNIT = 4.4;
  /** Cases of the first four streams per 12345 request, over a week of five working days. */
  private static final double CASES_PER_UNIT = 1 + (0.05 * 1.4 + 0.01 * 1.4) * 5 / 7 + 0.15 * (1.2 * 5 + 0.5 * 2) / 7;

  private final Options o;
  private final SampleContext context;

  public SampleGenerator(Options o, WorkCalendar calendar) {
    this.o = o;
    this.context = new SampleContext(o.start(), o.days(), o.seed(), o.episodes(), o.cities(), calendar);
  }

  /** The events by stream, each list in time order: for small volumes, held in memory. */
  public Map<StreamKind, List<Line>> generate() {
    Map<StreamKind, List<Line>> byStream = new EnumMap<>(StreamKind.class);
    for (StreamKind s : StreamKind.values()) {
      byStream.put(s, new ArrayList<>());
    }
    try {
      generate((s, l) -> byStream.get(s).add(l));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return byStream;
  }

  /**
   * Hands every event of the period to {@code out} in time order; returns how many it took. The data
   * is cut at the end of the period: cases still running then stay open. A stream with a prelude
   * begins that many days before the period.
   */
  public long generate(Out out) throws java.io.IOException {
    List<StreamSample> streams = Catalogue.all().stream().filter(d -> o.streams().contains(d.kind()))
        .map(d -> d.sample(context)).toList();
    if (o.episodes()) {
      streams.forEach(StreamSample::episodes);
    }
    double hotlinePerDay = o.casesPerDay() > 0 ? o.casesPerDay() / CASES_PER_UNIT
        : o.targetEvents() / (o.days() * EVENTS_PER_UNIT);
    int prelude = streams.stream().mapToInt(StreamSample::preludeDays).max().orElse(0);
    long[] taken = {0};
    for (int d = -prelude; d < o.days(); d++) {
      LocalDate day = o.start().plusDays(d);
      for (StreamSample s : streams) {
        if (d >= -s.preludeDays()) {
          s.day(day, d, hotlinePerDay);
        }
      }
      // every case still to come opens on a later day, and no event comes before its case opens
      if (d >= 0) {
        long next = o.start().plusDays(d + 1L).atStartOfDay(WorkCalendar.ZONE).toInstant().toEpochMilli();
        if (!release(out, Math.min(next, context.endMillis()), taken)) {
          return taken[0];
        }
      }
    }
    release(out, context.endMillis(), taken);
    context.clear();
    return taken[0];
  }

  /** Hands on the events before {@code until}, counting them; false if {@code out} stopped. */
  private boolean release(Out out, long until, long[] taken) throws java.io.IOException {
    for (SampleContext.Pending p = context.next(until); p != null; p = context.next(until)) {
      taken[0]++;
      if (!out.accept(p.stream(), new Line(p.time(), p.json()))) {
        context.clear();
        return false;
      }
    }
    return true;
  }

  public long endMillis() {
    return context.endMillis();
  }
}
