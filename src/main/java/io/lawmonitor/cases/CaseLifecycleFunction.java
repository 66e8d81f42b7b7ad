package io.lawmonitor.cases;

import io.lawmonitor.catalogue.Catalogue;
import io.lawmonitor.lifecycle.CaseState;
import io.lawmonitor.lifecycle.CaseWatch;
import io.lawmonitor.lifecycle.CaseStateSerializer;
import io.lawmonitor.lifecycle.Fact;
import io.lawmonitor.streams.StreamDefinition;

import io.lawmonitor.events.CountingProcessFunction;
import io.lawmonitor.events.RunCounts;
import io.lawmonitor.calendar.Deadlines;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.runtime.Accounting;
import io.lawmonitor.events.DeadLetter;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.events.EventType;
import io.lawmonitor.runtime.HeldSteps;
import io.lawmonitor.events.LateEvent;
import io.lawmonitor.events.ParseOperator;
import io.lawmonitor.events.StreamKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by (stream, caseId); run by {@link HeldSteps}. First the gate every event passes: the same
 * eventId seen twice in a case is one event (producers retry), remembered for a retention period
 * of event time; an event older than the watermark minus the allowed lateness goes to the
 * late-events output. Then the lifecycle: holds a case's events until the watermark
 * passes them, then derives the case's facts with {@link CaseMachine} and emits the difference
 * from what it emitted before: new facts with sign +1, withdrawn ones with −1. A derivation walks
 * on from the case's folded events (those more than the allowed lateness behind the watermark,
 * which no event can come before any more: their clocks, place and memory) over its newer ones.
 * Events therefore count the same whatever order they arrive in within the watermark bound, and a
 * late event inside the allowed lateness corrects earlier facts (its facts carry the watermark it
 * was late for, so the windows revise deterministically). Deadline timers make overdue facts; state is cleared a
 * grace period after the case can produce no more outcomes (the eventIds it still
 * remembers then stay until they are forgotten). The gate and the case share one state value, and
 * a new event waits in memory until its case's next call (its step, at the latest; every case's
 * before a checkpoint), where the gate takes it in: an event costs the state one read and one
 * write, shared with whatever else that call does.
 */
public class CaseLifecycleFunction extends CountingProcessFunction<String, Event, Fact> implements HeldSteps.Stepped {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(CaseLifecycleFunction.class);

  public static final OutputTag<LateEvent> LATE_EVENTS =
      new OutputTag<>("late-events", TypeInformation.of(LateEvent.class));
  /** The 督办清单: clocks due soon, overdue, and leaving the list. */
  public static final OutputTag<CaseWatch> CASE_WATCH =
      new OutputTag<>("case-watch", TypeInformation.of(CaseWatch.class));

  private static final long DAY = 86_400_000L;
  private final LifecycleSettings settings;
  private final WorkCalendar calendar;
  private final long inputEnd;
  private final long allowedLateness;
  private final long retention;
  private final String mode;

  private transient CaseMachine machine;
  private transient Deadlines deadlines;
  private transient ValueState<CaseState> state;
  private transient RunCounts.Counter used;
  private transient RunCounts.Counter orphans;
  private transient RunCounts.Counter dead;
  private transient RunCounts.Counter duplicates;
  private transient RunCounts.Counter late;
  private transient Counter duplicatesMetric;
  private transient Counter lateMetric;
  private transient io.lawmonitor.events.StreamCounters duplicatesByStream;
  private transient io.lawmonitor.events.StreamCounters lateByStream;
  private transient Counter uncoveredDeadlines;
  private transient io.lawmonitor.events.StreamCounters usedByStream;
  private transient io.lawmonitor.events.StreamCounters deadByStream;
  /** Where a new event waits for the watermark. */
  private transient HeldSteps<?, ?> steps;
  /** Per case key, the events that arrived since its state was last read, in arrival order. */
  private transient HashMap<String, ArrayList<Arrival>> arrived;
  /** Whether the last {@link #read} took an arrival into the state it returned. */
  private transient boolean took;
  /** How many events wait in {@link #arrived}; past {@link #heldLimit} they all go into state. */
  private transient int held;
  /**
   * At most this many events wait in memory: a watermark that stands still (an input partition
   * with nothing new) holds them in state, as before, not on the heap.
   */
  private int heldLimit = 50_000;

  /** An event past the lateness check, with the watermark it arrived at and how long its id is remembered. */
  private record Arrival(Event event, long watermark, long until) {}
  /** Years already warned about in this JVM: the warning is loud once, not once per subtask. */
  private static final Set<Integer> WARNED_YEARS = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * @param inputEnd the time of a bounded input's last event (deadlines after it are not
   *     misses, and no memory is cleared after it: the run ends), or Long.MAX_VALUE for an
   *     unbounded input
   * @param allowedLatenessMillis how far behind the watermark an event is still taken in
   * @param retentionMillis how long, in event time, an eventId is remembered
   */
  public CaseLifecycleFunction(LifecycleSettings settings, WorkCalendar calendar, long inputEnd,
      long allowedLatenessMillis, long retentionMillis) {
    this(settings, calendar, inputEnd, allowedLatenessMillis, retentionMillis, "live");
  }

  /** @param mode the run's mode, on its 督办清单 records */
  public CaseLifecycleFunction(LifecycleSettings settings, WorkCalendar calendar, long inputEnd,
      long allowedLatenessMillis, long retentionMillis, String mode) {
    super(Accounting.EVENTS_USED, Accounting.ORPHANS, Accounting.DEAD_LETTERS, Accounting.DUPLICATES,
        Accounting.LATE_EVENTS);
    this.settings = settings;
    this.calendar = calendar;
    this.inputEnd = inputEnd;
    this.allowedLateness = allowedLatenessMillis;
    this.retention = retentionMillis;
    this.mode = mode;
  }

  /** The case's state: a new descriptor each time, since its serializer is one thread's. */
  public static ValueStateDescriptor<CaseState> stateDescriptor() {
    return new ValueStateDescriptor<>("case", CaseStateSerializer.info());
  }

  @Override
  public void steppedBy(HeldSteps<?, ?> steps) {
    this.steps = steps;
  }

  @Override
  public void open(OpenContext ctx) {
    deadlines = new Deadlines(calendar);
    machine = new CaseMachine(settings, deadlines);
    state = getRuntimeContext().getState(stateDescriptor());
    arrived = new HashMap<>();
    counts.open(getRuntimeContext());
    used = counts.get(Accounting.EVENTS_USED);
    orphans = counts.get(Accounting.ORPHANS);
    dead = counts.get(Accounting.DEAD_LETTERS);
    duplicates = counts.get(Accounting.DUPLICATES);
    late = counts.get(Accounting.LATE_EVENTS);
    duplicatesMetric = getRuntimeContext().getMetricGroup().counter("duplicates");
    lateMetric = getRuntimeContext().getMetricGroup().counter("lateEvents");
    duplicatesByStream = new io.lawmonitor.events.StreamCounters(getRuntimeContext().getMetricGroup(), "duplicates");
    lateByStream = new io.lawmonitor.events.StreamCounters(getRuntimeContext().getMetricGroup(), "late_events");
    uncoveredDeadlines = getRuntimeContext().getMetricGroup().addGroup(io.lawmonitor.prometheus.MonitorReporter.MARK)
        .counter("deadlines_outside_calendar_total");
    usedByStream = new io.lawmonitor.events.StreamCounters(getRuntimeContext().getMetricGroup(), "events_used");
    deadByStream = new io.lawmonitor.events.StreamCounters(getRuntimeContext().getMetricGroup(), "dead_letters");
  }

  @Override
  public void processElement(Event e, Context ctx, Collector<Fact> out) throws Exception {
    long current = ctx.timerService().currentWatermark();
    // an event from a Kafka partition is judged against that partition's own watermark (never
    // behind the job's, which is the lowest of them): the same verdict on every run
    long wm = Math.max(current, e.laneWatermark);
    boolean isLate = wm != Long.MIN_VALUE && e.eventTime < wm - allowedLateness;
    boolean independent = Catalogue.of(e.stream).independent().contains(e.type);
    String key = (String) ctx.getCurrentKey();
    if (!isLate && !independent) {
      // held until the watermark passes it (a late one: until the watermark next moves); it waits
      // here, not in state, and the gate takes it in at the case's next call (its step at the
      // latest) with the watermark it arrived at, as it would have now
      Event copy = e.copy(); // kept: the runtime reuses the object it handed over
      if (wm != Long.MIN_VALUE && e.eventTime <= wm) {
        copy.lateWatermark = wm;
      }
      arrived.computeIfAbsent(key, k -> new ArrayList<>(2))
          .add(new Arrival(copy, current, Math.max(e.eventTime, wm) + retention));
      steps.step(e.eventTime);
      if (++held > heldLimit) {
        beforeSnapshot();
        steps.setCurrentKey(key);
      }
      return;
    }
    CaseState st = read(key);
    if (st != null && st.remembers(e.eventId, current)) {
      duplicate(e);
      writeIfTook(st);
      return;
    }
    if (isLate) {
      late(e, wm, ctx);
      writeIfTook(st);
      return;
    }
    // a report on a finished case: counted on its own, with or without the case's state
    if (wm != Long.MIN_VALUE && e.eventTime <= wm) {
      e.lateWatermark = wm;
    }
    if (st == null) {
      st = new CaseState();
    }
    st.remember(e.eventId, Math.max(e.eventTime, wm) + retention, current);
    checkCalendar(e.eventTime);
    used.add(1L);
    usedByStream.inc(e.stream.wireName());
    for (Fact f : machine.derive(e.stream, List.of(e), e.eventTime, Long.MAX_VALUE).facts()) {
      out.collect(e.lateWatermark == Long.MIN_VALUE ? f : f.late(e.lateWatermark));
    }
    keep(st, ctx);
  }

  /**
   * The case's state with the events that arrived since it was last read taken through the gate,
   * in arrival order, each judged at the watermark it arrived at: a retry of an eventId still
   * remembered is a duplicate, any other event is remembered and waits for the watermark in the
   * state's pending events. Sets {@link #took} when it took one in (the state must then be
   * written). A step set only for events that were duplicates is taken back, as if never set.
   */
  private CaseState read(String key) throws java.io.IOException {
    CaseState st = state.value();
    took = false;
    ArrayList<Arrival> waiting = arrived.isEmpty() ? null : arrived.remove(key);
    if (waiting == null) {
      return st;
    }
    held -= waiting.size();
    List<Event> pending = null;
    long[] repeated = null;
    int nRepeated = 0;
    for (Arrival a : waiting) {
      Event e = a.event();
      if (st != null && st.remembers(e.eventId, a.watermark())) {
        duplicate(e);
        if (repeated == null) {
          repeated = new long[waiting.size()];
        }
        repeated[nRepeated++] = e.eventTime;
        continue;
      }
      if (st == null) {
        st = new CaseState();
      }
      if (pending == null) {
        pending = new ArrayList<>(Arrays.asList(st.pending));
      }
      st.remember(e.eventId, a.until(), a.watermark());
      checkCalendar(e.eventTime);
      pending.add(e);
    }
    if (pending != null) {
      st.pending = pending.toArray(new Event[0]);
      took = true;
    }
    for (int i = 0; i < nRepeated; i++) {
      if (!waitsAt(st, repeated[i])) {
        steps.unstep(repeated[i]);
      }
    }
    return st;
  }

  /** Writes back a state {@link #read} took arrivals into; one it only read stays as it is. */
  private void writeIfTook(CaseState st) throws java.io.IOException {
    if (took) {
      state.update(st);
    }
  }

  /** Whether an event of the case waits for the watermark to pass {@code t} exactly. */
  private static boolean waitsAt(CaseState st, long t) {
    if (st != null) {
      for (Event p : st.pending) {
        if (p.eventTime == t) {
          return true;
        }
      }
    }
    return false;
  }

  private void duplicate(Event e) {
    duplicates.add(1L);
    duplicatesMetric.inc();
    duplicatesByStream.inc(e.stream.wireName());
  }

  /** The same function, with at most {@code limit} events waiting in memory. */
  CaseLifecycleFunction heldAtMost(int limit) {
    this.heldLimit = limit;
    return this;
  }

  /**
   * Every case's arrivals into its state: before a checkpoint, so that the snapshot holds them, and
   * when too many wait.
   */
  @Override
  public void beforeSnapshot() throws Exception {
    for (String key : new ArrayList<>(arrived.keySet())) {
      steps.setCurrentKey(key);
      CaseState st = read(key);
      writeIfTook(st);
    }
  }

  /** Clears a state that holds nothing, else writes it back ({@link #keep}). */
  private void keepOrClear(CaseState st, Context ctx) throws Exception {
    if (st.idsOnly() && st.seenIds.length == 0) {
      state.clear();
    } else {
      keep(st, ctx);
    }
  }

  /**
   * Writes a state back; one that holds eventIds only is forgotten by a timer at the end of the
   * day its last id is remembered until (one timer a day for a case's ids, not one each).
   */
  private void keep(CaseState st, Context ctx) throws Exception {
    state.update(st);
    if (st.idsOnly()) {
      timerWithinInput(ctx.timerService(), Math.floorDiv(st.rememberedUntil(), DAY) * DAY + DAY - 1, inputEnd);
    }
  }

  @Override
  public void onTimer(long t, OnTimerContext ctx, Collector<Fact> out) throws Exception {
    CaseState st = read((String) ctx.getCurrentKey());
    if (st == null) {
      return;
    }
    if (steps.inStep() && !waitsAt(st, t)) {
      // a step set for events that all turned out to be retries: none was set, as far as the case goes
      writeIfTook(st);
      return;
    }
    List<Event> due = new ArrayList<>();
    List<Event> later = new ArrayList<>();
    for (Event e : st.pending) {
      (e.eventTime <= t ? due : later).add(e);
    }
    if (!due.isEmpty()) {
      st.pending = later.toArray(new Event[0]);
      due.sort(Event.CASE_ORDER);
    }
    if (due.isEmpty() && st.accepted.length == 0 && st.folded == null) {
      // no case to step (none yet, or its events still to come): the time to forget eventIds
      st.forgetUpTo(t);
      keepOrClear(st, ctx);
      return;
    }
    if (due.isEmpty() && st.cleanupAt != Long.MIN_VALUE && t >= st.cleanupAt && later.isEmpty()) {
      // the case can produce no more outcomes and its grace period is over; what of its eventIds
      // is still remembered stays until forgotten
      keepOrClear(st.idsAfter(t), ctx);
      return;
    }
    long now = st.reached == Long.MIN_VALUE ? t : Math.max(t, st.reached);
    if (due.isEmpty() && st.next != Long.MIN_VALUE && now < st.next) {
      // no new event, and no deadline reached since the facts were last derived (a deadline timer
      // the case has outrun, an earlier cleanup time): they stand, only the time reached moves
      if (now != st.reached || took) {
        st.reached = now;
        state.update(st);
      }
      return;
    }
    st.reached = now;
    advance(st, due, now, ctx, out);
    state.update(st);
  }

  /**
   * Takes in new events one by one (refusing contradictions), then emits the facts' difference,
   * and folds the events no new event can come before into the case ({@link #fold}).
   */
  private void advance(CaseState st, List<Event> newEvents, long now, Context ctx, Collector<Fact> out) {
    List<Event> events = new ArrayList<>(Arrays.asList(st.accepted));
    StreamKind stream = st.folded == null ? null : st.folded.stream();
    boolean changed = false;
    long lateWatermark = Long.MIN_VALUE;
    CaseMachine.Derivation last = null;
    for (Event e : newEvents) {
      stream = e.stream;
      if (st.folded != null && e.eventTime < st.folded.before()) {
        // older than events already folded: possible only when a restored job, its watermark not
        // yet known again, took in an event the job before it had judged late
        late(e, st.folded.before() + allowedLateness, ctx);
        continue;
      }
      List<Event> trial = new ArrayList<>(events);
      trial.add(e);
      trial.sort(Event.CASE_ORDER);
      CaseMachine.Derivation d = machine.derive(e.stream, st.folded, trial, now, inputEnd);
      if (d.rejectedEventId() != null) {
        dead.add(1L);
        deadByStream.inc(e.stream.wireName());
        ctx.output(ParseOperator.DEAD_LETTERS, new DeadLetter(DeadLetter.ILLEGAL_TRANSITION, d.rejection(),
            e.origin, EventJson.toJson(e), e.eventId, e.stream.wireName()));
        continue;
      }
      used.add(1L);
      usedByStream.inc(e.stream.wireName());
      lateWatermark = Math.max(lateWatermark, e.lateWatermark);
      StreamDefinition def = Catalogue.of(e.stream);
      if (!d.hasOpening() && e.type != def.opening() && !def.afterTheCase().contains(e.type)) {
        orphans.add(1L);
      }
      events = trial;
      changed = true;
      last = d;
    }
    if (changed) {
      Event[] kept = new Event[events.size()];
      for (int i = 0; i < kept.length; i++) {
        kept[i] = events.get(i).forCase(); // the state holds what derivations read, a third less
      }
      st.accepted = kept;
    }
    if (events.isEmpty() && st.folded == null) {
      return;
    }
    if (stream == null) {
      stream = events.get(0).stream;
    }
    // the last event taken in was judged on all the events at this time already
    CaseMachine.Derivation d = last != null ? last : machine.derive(stream, st.folded, events, now, inputEnd);
    emitDifference(st, d.facts(), lateWatermark, out);
    WatchDifference.Result w = WatchDifference.of(Catalogue.of(stream).clocks(), d, st.watched,
        Math.min(now, inputEnd), deadlines);
    if (!w.send().isEmpty()) {
      String key = (String) ctx.getCurrentKey();
      String caseId = key.substring(key.indexOf('|') + 1);
      for (CaseWatch r : w.send()) {
        ctx.output(CASE_WATCH, r.of(caseId, mode));
      }
      st.watched = w.sent();
    } else if (st.watched == null) {
      st.watched = w.sent();
    }
    boolean cleanupTimerWasSet = cleanupTimerSet(st.next, st.cleanupAt);
    long previousCleanup = st.cleanupAt;
    long previousNext = st.next;
    st.next = d.nextDeadline();
    if (d.nextDeadline() != CaseMachine.NONE) {
      checkCalendar(d.nextDeadline());
      // the timer of a deadline still to come that was already the next is set (it has not fired:
      // it would have moved the case past it); set again, it would cost the timers' store a write
      if (d.nextDeadline() != previousNext || previousNext <= now) {
        timerWithinInput(ctx.timerService(), d.nextDeadline(), inputEnd);
      }
    }
    long finished = d.finishedAt();
    if (finished == CaseMachine.NONE) {
      finished = (st.folded != null ? st.folded.first() : events.get(0).eventTime) + settings.maxCaseAge().toMillis();
    }
    // from the case's own times only, so that a cleanup timer never re-arms itself
    st.cleanupAt = finished + settings.caseGrace().toMillis();
    if (cleanupTimerSet(st.next, st.cleanupAt) && (!cleanupTimerWasSet || previousCleanup != st.cleanupAt)) {
      // an earlier cleanup timer is left to fire and find nothing due
      timerWithinInput(ctx.timerService(), Math.max(st.cleanupAt, now + 1), inputEnd);
    }
    fold(st, stream, now, steps.watermark(ctx.timerService().currentWatermark()));
  }

  /**
   * Folds the case's events older than the allowed lateness behind the {@code watermark} into its
   * state: any event the gate takes in from now on is at least as new (an older one is late), and
   * so is every event waiting for the watermark, so none comes before them in the case's order.
   * The facts they made are final and leave the facts emitted, as the next derivation would have
   * matched them first; the case then keeps its clocks and memory instead of those events, and is
   * walked on over its newer events only.
   */
  private void fold(CaseState st, StreamKind stream, long now, long watermark) {
    if (watermark == Long.MIN_VALUE || st.accepted.length == 0) {
      return;
    }
    long bound = watermark - allowedLateness;
    for (Event p : st.pending) {
      bound = Math.min(bound, p.eventTime);
    }
    int k = 0;
    while (k < st.accepted.length && st.accepted[k].eventTime < bound) {
      k++;
    }
    if (k == 0) {
      return;
    }
    List<Event> events = Arrays.asList(st.accepted);
    io.lawmonitor.streams.CaseWalk.Fold f = machine.fold(stream, st.folded, events.subList(0, k), bound, now,
        inputEnd);
    if (f == null) {
      return; // the case's region still to be named: its events stay
    }
    st.folded = f.folded();
    st.accepted = Arrays.copyOfRange(st.accepted, k, st.accepted.length);
    if (!f.facts().isEmpty()) {
      List<Fact> emitted = new ArrayList<>(Arrays.asList(st.emitted));
      for (Fact fact : f.facts()) {
        emitted.remove(fact);
      }
      st.emitted = emitted.toArray(new Fact[0]);
    }
  }

  /** An event too far behind {@code watermark} to count: kept in the late-events output. */
  private void late(Event e, long watermark, Context ctx) {
    late.add(1L);
    lateMetric.inc();
    lateByStream.inc(e.stream.wireName());
    ctx.output(LATE_EVENTS, new LateEvent(e, watermark, watermark - e.eventTime));
  }

  /**
   * Whether the case has its cleanup timer: set once no deadline comes before the cleanup time.
   * Until then the next deadline's timer comes first and looks again, so that an open case (its
   * cleanup the opening plus the maximum case age, two years) does not leave a timer two years
   * ahead when it finishes and its cleanup time moves. A state from a version that did not
   * record its next deadline (Long.MIN_VALUE) had its timer set with its cleanup time.
   */
  private static boolean cleanupTimerSet(long next, long cleanupAt) {
    return cleanupAt != Long.MIN_VALUE && (next == Long.MIN_VALUE || next >= cleanupAt);
  }

  private void emitDifference(CaseState st, List<Fact> now, long lateWatermark, Collector<Fact> out) {
    List<Fact> remaining = new ArrayList<>(Arrays.asList(st.emitted));
    List<Fact> added = new ArrayList<>();
    // the facts emitted before stay the state's objects where they still hold: the derivation's
    // equal ones die young instead of being copied into the old generation with the case
    Fact[] kept = new Fact[now.size()];
    for (int k = 0; k < kept.length; k++) {
      Fact f = now.get(k);
      int i = remaining.indexOf(f);
      if (i >= 0) {
        kept[k] = remaining.remove(i);
      } else {
        kept[k] = f;
        added.add(f);
      }
    }
    if (added.isEmpty() && remaining.isEmpty()) {
      return;
    }
    for (Fact f : remaining) {
      out.collect(lateWatermark == Long.MIN_VALUE ? f.negated() : f.negated().late(lateWatermark));
    }
    for (Fact f : added) {
      out.collect(lateWatermark == Long.MIN_VALUE ? f : f.late(lateWatermark));
    }
    st.emitted = kept;
  }

  /** Says so, once per year and subtask, when a clock runs through a year the calendar lacks. */
  private void checkCalendar(long t) {
    int year = Deadlines.day(t).getYear();
    if (!calendar.covers(year)) {
      uncoveredDeadlines.inc();
      if (WARNED_YEARS.add(year)) {
        LocalDate until = calendar.coveredUntil();
        LOG.warn("The working-day calendar has no holidays for {} (it covers up to {}): deadlines in {} count"
            + " weekends only. Add flink-conf/calendars/cn-{}.yaml from the State Council's notice.",
            year, until, year, year);
      }
    }
  }
}
