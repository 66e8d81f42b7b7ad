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
 * passes them, then re-derives the case's facts with {@link CaseMachine} and emits the difference
 * from what it emitted before: new facts with sign +1, withdrawn ones with −1. Events therefore
 * count the same whatever order they arrive in within the watermark bound, and a late event inside
 * the allowed lateness corrects earlier facts (its facts carry the watermark it was late for, so
 * the windows revise deterministically). Deadline timers make overdue facts; state is cleared a
 * grace period after the case can produce no more outcomes (the eventIds it still
 * remembers then stay until they are forgotten). The gate and the case share one state value, so
 * an event costs one state read and one write.
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
    uncoveredDeadlines = getRuntimeContext().getMetricGroup().counter("deadlinesOutsideCalendar");
    usedByStream = new io.lawmonitor.events.StreamCounters(getRuntimeContext().getMetricGroup(), "events_used");
    deadByStream = new io.lawmonitor.events.StreamCounters(getRuntimeContext().getMetricGroup(), "dead_letters");
  }

  @Override
  public void processElement(Event e, Context ctx, Collector<Fact> out) throws Exception {
    CaseState st = state.value();
    long current = ctx.timerService().currentWatermark();
    if (st != null && st.remembers(e.eventId, current)) {
      duplicates.add(1L);
      duplicatesMetric.inc();
      duplicatesByStream.inc(e.stream.wireName());
      return;
    }
    // an event from a Kafka partition is judged against that partition's own watermark (never
    // behind the job's, which is the lowest of them): the same verdict on every run
    long wm = Math.max(current, e.laneWatermark);
    if (wm != Long.MIN_VALUE && e.eventTime < wm - allowedLateness) {
      late.add(1L);
      lateMetric.inc();
      lateByStream.inc(e.stream.wireName());
      ctx.output(LATE_EVENTS, new LateEvent(e, wm, wm - e.eventTime));
      return;
    }
    if (wm != Long.MIN_VALUE && e.eventTime <= wm) {
      e.lateWatermark = wm;
    }
    if (st == null) {
      st = new CaseState();
    }
    st.remember(e.eventId, Math.max(e.eventTime, wm) + retention, current);
    checkCalendar(e.eventTime);
    if (Catalogue.of(e.stream).independent().contains(e.type)) {
      // reports on a finished case: counted on its own, with or without the case's state
      used.add(1L);
      usedByStream.inc(e.stream.wireName());
      for (Fact f : machine.derive(e.stream, List.of(e), e.eventTime, Long.MAX_VALUE).facts()) {
        out.collect(e.lateWatermark == Long.MIN_VALUE ? f : f.late(e.lateWatermark));
      }
      keep(st, ctx);
      return;
    }
    // Held until the watermark passes it (a late one: until the watermark next moves), then taken
    // in event-time order with whatever else is due.
    Event[] pending = Arrays.copyOf(st.pending, st.pending.length + 1);
    pending[st.pending.length] = e.copy(); // kept: the runtime reuses the object it handed over
    st.pending = pending;
    state.update(st);
    steps.step(e.eventTime);
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
    CaseState st = state.value();
    if (st == null) {
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
    if (due.isEmpty() && st.accepted.length == 0) {
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
      if (now != st.reached) {
        st.reached = now;
        state.update(st);
      }
      return;
    }
    st.reached = now;
    advance(st, due, now, ctx, out);
    state.update(st);
  }

  /** Takes in new events one by one (refusing contradictions), then emits the facts' difference. */
  private void advance(CaseState st, List<Event> newEvents, long now, Context ctx, Collector<Fact> out) {
    List<Event> events = new ArrayList<>(Arrays.asList(st.accepted));
    StreamKind stream = null;
    boolean changed = false;
    long lateWatermark = Long.MIN_VALUE;
    CaseMachine.Derivation last = null;
    for (Event e : newEvents) {
      stream = e.stream;
      List<Event> trial = new ArrayList<>(events);
      trial.add(e);
      trial.sort(Event.CASE_ORDER);
      CaseMachine.Derivation d = machine.derive(e.stream, trial, now, inputEnd);
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
    if (events.isEmpty()) {
      return;
    }
    if (stream == null) {
      stream = events.get(0).stream;
    }
    // the last event taken in was judged on all the events at this time already
    CaseMachine.Derivation d = last != null ? last : machine.derive(stream, events, now, inputEnd);
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
    st.next = d.nextDeadline();
    if (d.nextDeadline() != CaseMachine.NONE) {
      checkCalendar(d.nextDeadline());
      timerWithinInput(ctx.timerService(), d.nextDeadline(), inputEnd);
    }
    long finished = d.finishedAt();
    if (finished == CaseMachine.NONE) {
      finished = events.get(0).eventTime + settings.maxCaseAge().toMillis();
    }
    // from the case's own times only, so that a cleanup timer never re-arms itself
    st.cleanupAt = finished + settings.caseGrace().toMillis();
    if (cleanupTimerSet(st.next, st.cleanupAt) && (!cleanupTimerWasSet || previousCleanup != st.cleanupAt)) {
      // an earlier cleanup timer is left to fire and find nothing due
      timerWithinInput(ctx.timerService(), Math.max(st.cleanupAt, now + 1), inputEnd);
    }
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
    for (Fact f : now) {
      if (!remaining.remove(f)) {
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
    st.emitted = now.toArray(new Fact[0]);
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
