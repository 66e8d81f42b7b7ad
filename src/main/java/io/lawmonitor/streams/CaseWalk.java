package io.lawmonitor.streams;

import io.lawmonitor.calendar.ClockUnit;
import io.lawmonitor.lifecycle.CaseWatch;
import io.lawmonitor.lifecycle.Fact;
import io.lawmonitor.lifecycle.FactKind;
import io.lawmonitor.lifecycle.FoldedCase;
import io.lawmonitor.lifecycle.WatchState;

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
    public final ClockUnit unit;
    public final long start;
    /** The deadline; {@link #NONE} while the clock stands still (a disclosure's consultation). */
    public long deadline;
    /** For day-counted clocks: the statutory period, and the days added by extensions. */
    public int baseDays;
    public int extension;
    long endedAt = NONE;
    boolean completed;

    /** On the 督办清单: the time the deadline was last set, and the deadline the list knows. */
    long since;
    long listed;
    /** The deadline {@link #margin} was worked out for, and the time the clock comes within its margin of it. */
    long marginFor = NONE;
    long margin;

    Clock(ClockSpec spec, ClockUnit unit, long start, long deadline) {
      this.spec = spec;
      this.unit = unit;
      this.start = start;
      this.deadline = deadline;
      this.since = start;
      this.listed = deadline;
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
  boolean opened;
  boolean open;
  boolean anyEvent;
  String rejectedId;
  String rejection;
  /** When the case stopped being able to produce outcomes, or {@link #NONE}. */
  public long finishedAt = NONE;
  long next = NONE;
  /** The warning margins and calendar of the 督办清单, or null when it is not kept. */
  private final ClockWatch watch;
  private String caseId;
  /** Per clock: where the list has it, the clock it refers to, and its records in time order. */
  private final WatchState[] listed;
  private final Clock[] watched;
  private List<CaseWatch> watchRecords = List.of();

  public CaseWalk(StreamKind stream, List<ClockSpec> clocks, long now, long inputEnd) {
    this(stream, clocks, now, inputEnd, null);
  }

  public CaseWalk(StreamKind stream, List<ClockSpec> clocks, long now, long inputEnd, ClockWatch watch) {
    this.stream = stream;
    this.now = now;
    this.limit = Math.min(now, inputEnd);
    this.specs = clocks;
    this.clocks = new Clock[clocks.size()];
    this.watch = watch;
    this.listed = new WatchState[clocks.size()];
    this.watched = new Clock[clocks.size()];
  }

  /**
   * Walks a case's events ({@link Event#CASE_ORDER}) through its stream's lifecycle up to
   * {@code now}, facts dated no later than {@code inputEnd}.
   */
  public static <S extends CaseMemory> CaseWalk walk(StreamDefinition def, Lifecycle<S> lifecycle, List<Event> events,
      long now, long inputEnd) {
    return walk(def, lifecycle, null, events, now, inputEnd, null);
  }

  /**
   * As {@link #walk}, on from a case {@code folded} into its state (null: from its first event),
   * keeping the case's 督办清单 records too when {@code watch} is given. The events must all come
   * after the folded ones.
   */
  public static <S extends CaseMemory> CaseWalk walk(StreamDefinition def, Lifecycle<S> lifecycle, FoldedCase folded,
      List<Event> events, long now, long inputEnd, ClockWatch watch) {
    CaseWalk w = new CaseWalk(def.kind(), def.clocks(), now, inputEnd, watch);
    S c = w.begin(def, lifecycle, folded, events);
    w.steps(lifecycle, c, events);
    w.settleClocks();
    if (watch != null) {
      w.watchUntil(w.limit);
      w.watchNext();
    }
    lifecycle.settle(w, c);
    return w;
  }

  /** A case folded further: its events walked on from {@code folded}, and the facts they made. */
  public record Fold(FoldedCase folded, List<Fact> facts) {}

  /**
   * Folds {@code events} (in case order, after those of {@code folded}, all older than
   * {@code before}, which every event still to come is not) into the case: what the walk made of
   * them before any settling. Null when the case cannot be folded yet: its region not known (a
   * later event may still name it, for all its facts), or an event refused.
   */
  public static <S extends CaseMemory> Fold fold(StreamDefinition def, Lifecycle<S> lifecycle, FoldedCase folded,
      List<Event> events, long before, long now, long inputEnd, ClockWatch watch) {
    CaseWalk w = new CaseWalk(def.kind(), def.clocks(), now, inputEnd, watch);
    S c = w.begin(def, lifecycle, folded, events);
    w.steps(lifecycle, c, events);
    if (w.region == null || w.rejectedId != null) {
      return null;
    }
    for (int i = 0; i < w.clocks.length; i++) {
      if (watch != null && w.watched[i] != w.clocks[i]) {
        return null; // each event's step leaves the list following the clock of its slot
      }
    }
    FoldedCase.Clock[] clocks = new FoldedCase.Clock[w.clocks.length];
    for (int i = 0; i < clocks.length; i++) {
      Clock k = w.clocks[i];
      if (k != null) {
        clocks[i] = new FoldedCase.Clock(k.unit, k.start, k.deadline, k.baseDays, k.extension, k.endedAt, k.completed,
            k.since, k.listed);
      }
    }
    long[] times = new long[w.agencyTimes.size()];
    for (int i = 0; i < times.length; i++) {
      times[i] = w.agencyTimes.get(i)[0];
    }
    int count = (folded == null ? 0 : folded.events()) + events.size();
    long first = folded != null ? folded.first() : events.get(0).eventTime;
    long after = folded == null ? before : Math.max(before, folded.before());
    return new Fold(new FoldedCase(def.kind(), count, first, after, w.region, w.opened, w.open, w.finishedAt, w.next, clocks,
        times, w.agencies.toArray(new String[0]), w.listed.clone(), w.watchRecords.toArray(new CaseWatch[0]),
        c.numbers(), c.texts()), w.facts);
  }

  /** Sets the walk at its start: at a folded case's place, or before the events' first. */
  private <S extends CaseMemory> S begin(StreamDefinition def, Lifecycle<S> lifecycle, FoldedCase folded,
      List<Event> events) {
    S c = lifecycle.newCase();
    if (folded == null) {
      regionFrom(events, def);
      return c;
    }
    region = folded.region();
    opened = folded.opened();
    open = folded.open();
    anyEvent = folded.events() > 0;
    finishedAt = folded.finishedAt();
    next = folded.next();
    for (int i = 0; i < clocks.length; i++) {
      FoldedCase.Clock k = folded.clocks()[i];
      if (k != null) {
        Clock r = new Clock(specs.get(i), k.unit(), k.start(), k.deadline());
        r.baseDays = k.baseDays();
        r.extension = k.extension();
        r.endedAt = k.endedAt();
        r.completed = k.completed();
        r.since = k.since();
        r.listed = k.listed();
        clocks[i] = r;
        watched[i] = watch == null ? null : r;
      }
    }
    for (int i = 0; i < folded.agencies().length; i++) {
      agencyTimes.add(new long[] {folded.agencyTimes()[i]});
      agencies.add(folded.agencies()[i]);
    }
    System.arraycopy(folded.listed(), 0, listed, 0, listed.length);
    if (folded.watch().length > 0) {
      watchRecords = new ArrayList<>(List.of(folded.watch()));
    }
    c.restore(folded.numbers(), folded.texts());
    return c;
  }

  private <S extends CaseMemory> void steps(Lifecycle<S> lifecycle, S c, List<Event> events) {
    for (Event e : events) {
      if (watch != null) {
        if (caseId == null) {
          caseId = e.caseId;
        }
        watchUntil(e.eventTime);
      }
      lifecycle.step(this, c, e);
      if (watch != null) {
        watchAfter(e.eventTime);
      }
      anyEvent = true;
    }
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

  /** Whether an event opened the case. */
  public boolean hasOpening() {
    return opened;
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
    if (opened) {
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
    opened = true;
    open = true;
    fact(FactKind.OPENED, null, e.eventTime);
  }

  /** Opens the case again after it ended (a reopened hotline request), if it was ever opened. */
  public void reopen(long t) {
    if (opened) {
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
  public Clock clock(ClockSpec spec, ClockUnit unit, long start, long deadline) {
    Clock c = new Clock(spec, unit, start, deadline);
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

  /** The case's 督办清单 records up to the time reached, in time order. */
  public List<CaseWatch> watchRecords() {
    return watchRecords;
  }

  /** Where the list has each clock at the time reached (null: off it). */
  public WatchState[] listed() {
    return listed;
  }

  /**
   * For each clock off the list at the end, the record that would take it off now: done or
   * withdrawn when it stopped, withdrawn at the time reached while it runs. Null for a clock
   * never started. What a late event's correction sends when the list still has the clock.
   */
  public CaseWatch[] leaving() {
    CaseWatch[] out = new CaseWatch[clocks.length];
    for (int i = 0; i < clocks.length; i++) {
      Clock c = clocks[i];
      if (c == null || listed[i] != null) {
        continue;
      }
      long dl = c.deadline == NONE ? c.listed : c.deadline;
      if (c.running() || c.endedAt > limit) {
        out[i] = record(c, WatchState.WITHDRAWN, limit, dl);
      } else if (c.completed) {
        out[i] = record(c, c.endedAt < dl ? WatchState.DONE : WatchState.DONE_LATE, c.endedAt, dl);
      } else {
        out[i] = record(c, WatchState.WITHDRAWN, c.endedAt, dl);
      }
    }
    return out;
  }

  /** The time a clock comes within its warning margin, or {@link #NONE} (no margin, or one as long as the clock). */
  private long dueSoonAt(Clock c, int slot) {
    int margin = watch.margin(slot, c.unit);
    if (margin <= 0 || c.deadline == NONE) {
      return NONE;
    }
    if (c.marginFor != c.deadline) { // worked out once a deadline: a walk asks at every event
      c.margin = watch.deadlines().withinMargin(c.deadline, c.unit, margin);
      c.marginFor = c.deadline;
    }
    long m = c.margin;
    return m > c.start ? Math.max(m, c.since) : NONE;
  }

  /** Puts the running clocks on the list as time passes up to {@code t} (inclusive): due soon, then overdue. */
  private void watchUntil(long t) {
    long until = Math.min(t, limit);
    for (int i = 0; i < clocks.length; i++) {
      Clock c = clocks[i];
      if (c == null || !c.running() || c.deadline == NONE || c != watched[i]) {
        continue;
      }
      if (listed[i] == null) {
        long m = dueSoonAt(c, i);
        if (m != NONE && m < c.deadline && m <= until) {
          list(i, c, WatchState.DUE_SOON, m);
        }
      }
      if (listed[i] != WatchState.OVERDUE && c.deadline <= until) {
        list(i, c, WatchState.OVERDUE, c.deadline);
      }
    }
  }

  /**
   * After an event at {@code t}: a clock it stopped leaves the list (done, done late, withdrawn);
   * one it replaced leaves it withdrawn; a due-soon clock whose deadline it moved leaves it
   * withdrawn, to come back at once if the new deadline is as near.
   */
  private void watchAfter(long t) {
    for (int i = 0; i < clocks.length; i++) {
      Clock c = clocks[i];
      Clock was = watched[i];
      if (was != null && was != c && listed[i] != null) {
        leave(i, was, was.running() ? WatchState.WITHDRAWN : ending(was), t);
      }
      if (c == null) {
        continue;
      }
      if (was != c) {
        watched[i] = c;
      }
      if (!c.running()) {
        if (listed[i] != null && c.endedAt == t) {
          leave(i, c, ending(c), t);
        }
        continue;
      }
      if (c.deadline != c.listed) {
        c.since = t;
        if (listed[i] == WatchState.DUE_SOON) {
          leave(i, c, WatchState.WITHDRAWN, t);
        }
        if (listed[i] == null) {
          c.listed = c.deadline;
        }
      }
    }
    watchUntil(t);
  }

  private WatchState ending(Clock c) {
    if (!c.completed) {
      return WatchState.WITHDRAWN;
    }
    return listed[indexOfClock(c)] == WatchState.OVERDUE ? WatchState.DONE_LATE : WatchState.DONE;
  }

  private int indexOfClock(Clock c) {
    return index(c.spec);
  }

  /** The next time a running clock comes within its margin, for the case to be looked at then. */
  private void watchNext() {
    for (int i = 0; i < clocks.length; i++) {
      Clock c = clocks[i];
      if (c != null && c.running() && listed[i] == null && c == watched[i]) {
        long m = dueSoonAt(c, i);
        if (m != NONE && m < c.deadline && m > now) {
          next = Math.min(next, m);
        }
      }
    }
  }

  private void list(int slot, Clock c, WatchState s, long t) {
    listed[slot] = s;
    c.listed = c.deadline;
    add(record(c, s, t, c.deadline));
  }

  private void leave(int slot, Clock c, WatchState s, long t) {
    long dl = c.listed;
    int behind = watch.deadlines().behind(dl, c.unit, t);
    if (s == WatchState.DONE_LATE) {
      behind = Math.max(1, behind); // done at the deadline instant itself is late: within its first unit
    }
    listed[slot] = null;
    add(new CaseWatch(caseId, stream, c.spec.id(), agencyAt(t), region, c.start, dl, s, behind, c.unit, t,
        null));
    c.listed = c.deadline;
  }

  private void add(CaseWatch r) {
    if (watchRecords.isEmpty()) {
      watchRecords = new ArrayList<>(4); // most walks make none
    }
    watchRecords.add(r);
  }

  private CaseWatch record(Clock c, WatchState s, long t, long dl) {
    int behind = dl == NONE ? 0 : watch.deadlines().behind(dl, c.unit, t);
    if (s == WatchState.DONE_LATE) {
      behind = Math.max(1, behind);
    }
    return new CaseWatch(caseId, stream, c.spec.id(), agencyAt(t), region, c.start, dl, s, behind, c.unit, t, null);
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
