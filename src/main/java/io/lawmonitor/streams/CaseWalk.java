package io.lawmonitor.streams;

import io.lawmonitor.lifecycle.Fact;
import io.lawmonitor.lifecycle.FactKind;

import io.lawmonitor.events.Event;
import io.lawmonitor.events.StreamKind;
import java.util.ArrayList;
import java.util.List;

/**
 * One walk over a case's events in event-time order, up to the time reached: what every
 * lifecycle shares (the case's place and agency over time, its clocks, whether it is open, the
 * facts so far, the first contradiction). A stream's {@link Lifecycle} moves it event by event;
 * the case machine then settles the clocks.
 */
public final class CaseWalk {
  public static final long NONE = Long.MAX_VALUE;

  /** A running statutory clock. */
  public static final class Clock {
    public final ClockSpec spec;
    public final long start;
    public long deadline;
    /** For day-counted clocks: the statutory period, and the days added by extensions. */
    public int baseDays;
    public int extension;
    long endedAt = NONE;
    boolean completed;

    Clock(ClockSpec spec, long start, long deadline) {
      this.spec = spec;
      this.start = start;
      this.deadline = deadline;
    }

    public boolean running() {
      return endedAt == NONE;
    }

    /** Stops the clock with its work done: on time if before the deadline. */
    public void complete(long t) {
      if (running()) {
        endedAt = t;
        completed = true;
      }
    }

    /** Stops the clock with no outcome if before the deadline (the case ended otherwise). */
    public void cancel(long t) {
      if (running()) {
        endedAt = t;
        completed = false;
      }
    }
  }

  public final StreamKind stream;
  public final long now;
  /** The time facts may be dated up to: the time reached, or the input's end if sooner. */
  public final long limit;
  private final List<ClockSpec> specs;
  private final Clock[] clocks;
  final List<Fact> facts = new ArrayList<>();
  private final List<long[]> agencyTimes = new ArrayList<>();
  private final List<String> agencies = new ArrayList<>();
  String region;
  Event opening;
  boolean open;
  boolean anyEvent;
  String rejectedId;
  String rejection;
  /** When the case stopped being able to produce outcomes, or {@link #NONE}. */
  public long finishedAt = NONE;
  long next = NONE;

  public CaseWalk(StreamKind stream, List<ClockSpec> clocks, long now, long inputEnd) {
    this.stream = stream;
    this.now = now;
    this.limit = Math.min(now, inputEnd);
    this.specs = clocks;
    this.clocks = new Clock[clocks.size()];
  }

  /**
   * Walks a case's events ({@link Event#CASE_ORDER}) through its stream's lifecycle up to
   * {@code now}, facts dated no later than {@code inputEnd}.
   */
  public static <S> CaseWalk walk(StreamDefinition def, Lifecycle<S> lifecycle, List<Event> events, long now,
      long inputEnd) {
    CaseWalk w = new CaseWalk(def.kind(), def.clocks(), now, inputEnd);
    w.regionFrom(events, def);
    S c = lifecycle.newCase();
    for (Event e : events) {
      lifecycle.step(w, c, e);
      w.anyEvent = true;
    }
    w.settleClocks();
    lifecycle.settle(w, c);
    return w;
  }

  public List<Fact> facts() {
    return facts;
  }

  /** The first event that contradicts the ones before it, or null. */
  public String rejectedEventId() {
    return rejectedId;
  }

  public String rejection() {
    return rejection;
  }

  /** The earliest deadline or check still to come after now, or {@link #NONE}. */
  public long next() {
    return next;
  }

  /** The events' region: the opening event's if it has one, else the first event's that has one. */
  private void regionFrom(List<Event> events, StreamDefinition def) {
    for (Event e : events) {
      if (region == null && e.region != null) {
        region = e.region;
      }
    }
    for (Event e : events) {
      if (e.type == def.opening() && e.region != null) {
        region = e.region;
        break;
      }
    }
  }

  /** Whether the case had taken in an event before the current one. */
  public boolean anyEvent() {
    return anyEvent;
  }

  /** The event that opened the case, or null. */
  public Event opening() {
    return opening;
  }

  /** The agency from this event on, when it names one other than the current. */
  public void agencyFrom(Event e, String agency) {
    if (agency != null && (agencies.isEmpty() || !agency.equals(agencies.get(agencies.size() - 1)))) {
      agencyTimes.add(new long[] {e.eventTime});
      agencies.add(agency);
    }
  }

  String agencyAt(long t) {
    String a = agencies.isEmpty() ? null : agencies.get(0);
    for (int i = 0; i < agencies.size(); i++) {
      if (agencyTimes.get(i)[0] <= t) {
        a = agencies.get(i);
      }
    }
    return a;
  }

  public void fact(FactKind kind, String detail, long t) {
    facts.add(new Fact(stream, kind, detail, t, region, agencyAt(t), 1));
  }

  /** A fact reported on its own: where and by whom as the event itself says, if it says. */
  public void independentFact(Event e, FactKind kind, String detail, long t) {
    String agency = e.agency != null ? e.agency : agencyAt(t);
    facts.add(new Fact(stream, kind, detail, t, e.region != null ? e.region : region, agency, 1));
  }

  /** Refuses the event as contradicting the ones before it (the first refusal is the one reported). */
  public void reject(Event e, String why) {
    if (rejectedId == null) {
      rejectedId = e.eventId;
      rejection = why;
    }
  }

  /** An opening event is refused when the case was already opened, or already worked on. */
  public boolean mayOpen(Event e, String secondOpening, String afterWork) {
    if (opening != null) {
      reject(e, secondOpening);
      return false;
    }
    if (anyEvent) {
      reject(e, afterWork);
      return false;
    }
    return true;
  }

  public void openCase(Event e) {
    opening = e;
    open = true;
    fact(FactKind.OPENED, null, e.eventTime);
  }

  /** Opens the case again after it ended (a reopened hotline request), if it was ever opened. */
  public void reopen(long t) {
    if (opening != null) {
      open = true;
      fact(FactKind.OPENED, null, t);
    }
  }

  public void endCase(long t) {
    if (open) {
      open = false;
      fact(FactKind.ENDED, null, t);
    }
  }

  /** Starts (or restarts) a clock. */
  public Clock clock(ClockSpec spec, long start, long deadline) {
    Clock c = new Clock(spec, start, deadline);
    clocks[index(spec)] = c;
    return c;
  }

  /** The clock if it is running, else null. */
  public Clock running(ClockSpec spec) {
    Clock c = clocks[index(spec)];
    return c != null && c.running() ? c : null;
  }

  private int index(ClockSpec spec) {
    int i = specs.indexOf(spec);
    if (i < 0) {
      throw new IllegalArgumentException(spec.name() + " is not a clock of " + stream.wireName());
    }
    return i;
  }

  /** A time the case must be looked at again (a check that is not a clock's deadline). */
  public void wakeAt(long t) {
    next = Math.min(next, t);
  }

  /** Emits every clock's outcome facts, as far as the time reached allows. */
  void settleClocks() {
    for (Clock c : clocks) {
      if (c == null) {
        continue;
      }
      String name = c.spec.name();
      if (c.completed && c.endedAt < c.deadline) {
        fact(FactKind.ONTIME, name, c.endedAt);
        continue;
      }
      if (!c.completed && c.endedAt < c.deadline) {
        continue; // cancelled in time: no outcome
      }
      if (c.deadline <= limit) {
        fact(FactKind.OVERDUE, name, c.deadline);
        boolean gauge = c.spec.countsAsOverdueOpen();
        if (gauge) {
          fact(FactKind.OVERDUE_BEGAN, name, c.deadline);
        }
        if (c.endedAt != NONE) {
          if (c.completed) {
            fact(FactKind.LATE_COMPLETION, name, c.endedAt);
          }
          if (gauge) {
            fact(FactKind.OVERDUE_ENDED, name, c.endedAt);
          }
        }
      } else if (c.endedAt == NONE && c.deadline > now) {
        next = Math.min(next, c.deadline);
      }
    }
  }
}
