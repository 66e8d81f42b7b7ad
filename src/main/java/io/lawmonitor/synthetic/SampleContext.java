package io.lawmonitor.synthetic;

import io.lawmonitor.calendar.Deadlines;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.events.StreamKind;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * What every stream's part of the generator shares in one run: the period, the calendar, the
 * places events come from, whether the slippage episodes are on, and the events waiting for their
 * time. Each stream draws from random numbers of its own ({@link StreamSample}); nothing here is
 * random.
 */
public final class SampleContext {
  /** An event waiting for its time: held until no case yet to come can produce an earlier one. */
  public record Pending(long time, StreamKind stream, long order, String json) {}

  private static final Comparator<Pending> IN_ORDER = Comparator.comparingLong(Pending::time)
      .thenComparing(Pending::stream).thenComparingLong(Pending::order);

  private final LocalDate start;
  private final long seed;
  private final boolean episodes;
  private final WorkCalendar calendar;
  private final Deadlines deadlines;
  private final List<Geography.City> cities;
  private final long startMillis;
  private final long endMillis;
  private final PriorityQueue<Pending> pending = new PriorityQueue<>(IN_ORDER);
  private long order;

  /**
   * @param cities how many of the geography's cities events come from (the first ones)
   */
  public SampleContext(LocalDate start, int days, long seed, boolean episodes, int cities, WorkCalendar calendar) {
    this.start = start;
    this.seed = seed;
    this.episodes = episodes;
    this.calendar = calendar;
    this.deadlines = new Deadlines(calendar);
    this.cities = Geography.CITIES.subList(0, Math.max(1, Math.min(cities, Geography.CITIES.size())));
    this.startMillis = start.atStartOfDay(WorkCalendar.ZONE).toInstant().toEpochMilli();
    this.endMillis = startMillis + days * StreamSample.DAY;
  }

  /** The period's first day. */
  public LocalDate start() {
    return start;
  }

  public long seed() {
    return seed;
  }

  public boolean episodes() {
    return episodes;
  }

  public WorkCalendar calendar() {
    return calendar;
  }

  public Deadlines deadlines() {
    return deadlines;
  }

  List<Geography.City> cities() {
    return cities;
  }

  /** The period's start and end, epoch milliseconds. */
  public long startMillis() {
    return startMillis;
  }

  public long endMillis() {
    return endMillis;
  }

  /** Queues an event; {@code last}: after every other event of the same second of its stream. */
  void add(long time, StreamKind stream, String json, boolean last) {
    pending.add(new Pending(time, stream, last ? Long.MAX_VALUE / 2 + order++ : order++, json));
  }

  /** The next event in time order (ties by stream, then as generated), if it is before {@code until}; else null. */
  public Pending next(long until) {
    return !pending.isEmpty() && pending.peek().time() < until ? pending.poll() : null;
  }

  /** Drops what is still queued (the period has ended, or the reader stopped). */
  public void clear() {
    pending.clear();
  }
}
