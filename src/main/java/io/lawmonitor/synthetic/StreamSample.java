package io.lawmonitor.synthetic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.calendar.Deadlines;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.events.StreamKind;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One stream's part of the generator: its cases day by day, with statutory timing on the real
 * calendar, its own slippage episodes, and personal data in the raw input that the monitor must
 * strip. It draws from a random sequence of its own (the run's seed with the stream's salt), so
 * a stream added or changed leaves the others' events as they were. What it shares with the
 * others (the period, the places, the queue of events in time order) is its {@link SampleContext}.
 */
public abstract class StreamSample {
  protected static final ZoneId ZONE = WorkCalendar.ZONE;
  protected static final long MIN = 60_000L;
  protected static final long HOUR = 3_600_000L;
  protected static final long DAY = 24 * HOUR;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  protected final SampleContext context;
  protected final Deadlines deadlines;
  protected final WorkCalendar calendar;
  private final StreamKind stream;
  /** This stream's random numbers; an episode may draw from others of its own for a while. */
  protected SplittableRandom rng;
  private int seq;
  private int caseEvents;
  private boolean last;

  protected StreamSample(SampleContext context, StreamKind stream, long salt) {
    this.context = context;
    this.deadlines = context.deadlines();
    this.calendar = context.calendar();
    this.stream = stream;
    this.rng = new SplittableRandom(context.seed() ^ salt);
  }

  /** How many days before the period its events begin (cases already running when it starts). */
  public int preludeDays() {
    return 0;
  }

  /** Its slippage episodes, scheduled once before the first day (only when the context has them on). */
  public void episodes() {}

  /**
   * The day's new cases and all their events to come.
   *
   * @param d the day's number in the period, negative in the prelude
   * @param hotlinePerDay the run's volume: new 12345 requests a day, which each stream scales by its own share
   */
  public abstract void day(LocalDate day, int d, double hotlinePerDay);

  // ---------------------------------------------------------------- events

  /** A new case's id, numbered in this stream; its events are numbered from 1. */
  protected final String caseId(String prefix, long t) {
    return caseId(prefix, t, ++seq);
  }

  protected final String caseId(String prefix, long t, int number) {
    LocalDate d = Deadlines.day(t);
    caseEvents = 0;
    return String.format("%s-%04d%02d%02d-%06d", prefix, d.getYear(), d.getMonthValue(), d.getDayOfMonth(), number);
  }

  protected final ObjectNode attrs() {
    return MAPPER.createObjectNode();
  }

  /** While {@code r} runs, its events come after every other event of the same second of this stream. */
  protected final void last(Runnable r) {
    last = true;
    try {
      r.run();
    } finally {
      last = false;
    }
  }

  /** One event of a case, in whole seconds as source systems record them; now and then a producer's retry of it. */
  protected final void emit(String caseId, String type, long time, String region, String agency, ObjectNode attrs) {
    time = time / 1000 * 1000;
    int n = ++caseEvents;
    ObjectNode e = MAPPER.createObjectNode();
    e.put("eventId", caseId + "-" + n);
    e.put("stream", stream.wireName());
    e.put("caseId", caseId);
    e.put("type", type);
    e.put("eventTime", EventJson.time(time));
    e.put("region", region);
    e.put("agency", agency);
    e.set("attrs", attrs);
    String json = e.toString();
    context.add(time, stream, json, last);
    if (rng.nextDouble() < 0.004) {
      // a producer retry: the same event again a little later
      context.add(time + (1 + rng.nextInt(10)) * MIN, stream, json, last);
    }
  }

  // ---------------------------------------------------------------- places and numbers

  /** A place events come from: a city, district and street of the geography. */
  protected record Place(String city, String district, String street, String region) {}

  protected final Place place() {
    Geography.City city = weighted(context.cities(), Geography.City::weight);
    Geography.District d = weighted(city.districts(), Geography.District::weight);
    String street = pick(d.streets());
    return new Place(city.name(), d.name(), street, city.name() + "/" + d.name() + "/" + street);
  }

  protected final <T> T weighted(List<T> items, java.util.function.ToDoubleFunction<T> weight) {
    double total = 0;
    for (T t : items) {
      total += weight.applyAsDouble(t);
    }
    double r = rng.nextDouble() * total;
    for (T t : items) {
      r -= weight.applyAsDouble(t);
      if (r < 0) {
        return t;
      }
    }
    return items.get(items.size() - 1);
  }

  protected final <T> T pick(List<T> items) {
    return items.get(rng.nextInt(items.size()));
  }

  protected final int poisson(double mean) {
    double l = Math.exp(-Math.min(mean, 500));
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian()));
    }
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= rng.nextDouble();
    } while (p > l);
    return k - 1;
  }

  private double gaussian() {
    double u = Math.max(1e-12, rng.nextDouble());
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  // ---------------------------------------------------------------- times

  protected static long dayStart(LocalDate day) {
    return day.atStartOfDay(ZONE).toInstant().toEpochMilli();
  }

  protected final long officeTimeOfDay() {
    return (long) ((8.5 + 9 * rng.nextDouble()) * HOUR);
  }

  /** The same moment if it is in office hours of a working day, else the next office morning. */
  protected final long workMoment(long t) {
    LocalDate d = Deadlines.day(t);
    long inDay = t - dayStart(d);
    if (calendar.isWorkingDay(d) && inDay >= 8 * HOUR + 30 * MIN && inDay < 17 * HOUR + 30 * MIN) {
      return t;
    }
    if (!calendar.isWorkingDay(d) || inDay >= 17 * HOUR + 30 * MIN) {
      d = d.plusDays(1);
      while (!calendar.isWorkingDay(d)) {
        d = d.plusDays(1);
      }
    }
    return dayStart(d) + 8 * HOUR + 30 * MIN + rng.nextInt(120) * MIN;
  }

  /** 12345 and the agencies on duty answer every day, from 8:00 to 22:00. */
  protected final long wakingMoment(long t) {
    return dayTime(t, 8, 22);
  }

  /** The time of day moved into [from, to) hours, keeping the date (or the next day's, if past). */
  protected final long dayTime(long t, int from, int to) {
    long dayStart = dayStart(Deadlines.day(t));
    long inDay = t - dayStart;
    if (inDay >= from * HOUR && inDay < to * HOUR) {
      return t;
    }
    return dayStart + (inDay < from * HOUR ? 0 : DAY) + from * HOUR + rng.nextInt((to - from) * 60) * MIN;
  }

  /** {@code t} if it is before the deadline, else a moment shortly before it (and after {@code notBefore}). */
  protected final long before(long t, long deadline, long notBefore) {
    if (t < deadline) {
      return t;
    }
    long room = deadline - notBefore;
    return notBefore + (long) (room * (0.5 + 0.45 * rng.nextDouble()));
  }
}
