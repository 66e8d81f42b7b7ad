package io.lawmonitor.lifecycle;

import io.lawmonitor.events.CountingProcessFunction;
import io.lawmonitor.events.RunCounts;
import io.lawmonitor.calendar.Deadlines;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.events.Accounting;
import io.lawmonitor.events.DeadLetter;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.events.EventType;
import io.lawmonitor.events.HeldSteps;
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
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by (stream, caseId); run by {@link HeldSteps}. Holds a case's events until the watermark
 * passes them, then re-derives the case's facts with {@link CaseMachine} and emits the difference
 * from what it emitted before: new facts with sign +1, withdrawn ones with −1. Events therefore
 * count the same whatever order they arrive in within the watermark bound, and a late event inside
 * the allowed lateness corrects earlier facts (its facts carry the watermark it was late for, so
 * the windows revise deterministically). Deadline timers make overdue facts; state is cleared a
 * grace period after the case can produce no more outcomes.
 */
public class CaseLifecycleFunction extends CountingProcessFunction<String, Event, Fact> implements HeldSteps.Stepped {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(CaseLifecycleFunction.class);

  private final LifecycleSettings settings;
  private final WorkCalendar calendar;
  private final long inputEnd;

  private transient CaseMachine machine;
  private transient ValueState<CaseState> state;
  private transient RunCounts.Counter used;
  private transient RunCounts.Counter orphans;
  private transient RunCounts.Counter dead;
  private transient Counter uncoveredDeadlines;
  private transient io.lawmonitor.events.StreamCounters usedByStream;
  private transient io.lawmonitor.events.StreamCounters deadByStream;
  /** Where a new event waits for the watermark. */
  private transient HeldSteps<?, ?> steps;
  /** Years already warned about in this JVM: the warning is loud once, not once per subtask. */
  private static final Set<Integer> WARNED_YEARS = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * @param inputEnd the time of a bounded input's last event (deadlines after it are not
   *     misses), or Long.MAX_VALUE for an unbounded input
   */
  public CaseLifecycleFunction(LifecycleSettings settings, WorkCalendar calendar, long inputEnd) {
    super(Accounting.EVENTS_USED, Accounting.ORPHANS, Accounting.DEAD_LETTERS);
    this.settings = settings;
    this.calendar = calendar;
    this.inputEnd = inputEnd;
  }

  @Override
  public void steppedBy(HeldSteps<?, ?> steps) {
    this.steps = steps;
  }

  @Override
  public void open(OpenContext ctx) {
    machine = new CaseMachine(settings, new Deadlines(calendar));
    state = getRuntimeContext().getState(new ValueStateDescriptor<>("case", Types.POJO(CaseState.class)));
    counts.open(getRuntimeContext());
    used = counts.get(Accounting.EVENTS_USED);
    orphans = counts.get(Accounting.ORPHANS);
    dead = counts.get(Accounting.DEAD_LETTERS);
    uncoveredDeadlines = getRuntimeContext().getMetricGroup().counter("deadlinesOutsideCalendar");
    usedByStream = new io.lawmonitor.events.StreamCounters(getRuntimeContext().getMetricGroup(), "events_used");
    deadByStream = new io.lawmonitor.events.StreamCounters(getRuntimeContext().getMetricGroup(), "dead_letters");
  }

  @Override
  public void processElement(Event e, Context ctx, Collector<Fact> out) throws Exception {
    checkCalendar(e.eventTime);
    if (e.stream.isIndependent(e.type)) {
      // reports on a finished case: counted on its own, with or without the case's state
      used.add(1L);
      usedByStream.inc(e.stream.wireName());
      for (Fact f : machine.derive(e.stream, List.of(e), e.eventTime, Long.MAX_VALUE).facts()) {
        out.collect(e.lateWatermark == Long.MIN_VALUE ? f : f.late(e.lateWatermark));
      }
      return;
    }
    // Held until the watermark passes it (a late one: until the watermark next moves), then taken
    // in event-time order with whatever else is due.
    CaseState st = state.value();
    if (st == null) {
      st = new CaseState();
    }
    Event[] pending = Arrays.copyOf(st.pending, st.pending.length + 1);
    pending[st.pending.length] = e.copy(); // kept: the runtime reuses the object it handed over
    st.pending = pending;
    state.update(st);
    steps.step(e.eventTime);
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
    if (due.isEmpty() && st.cleanupAt != Long.MIN_VALUE && t >= st.cleanupAt && later.isEmpty()) {
      // the case can produce no more outcomes and its grace period is over
      state.clear();
      return;
    }
    long now = st.reached == Long.MIN_VALUE ? t : Math.max(t, st.reached);
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
      if (!d.hasOpening() && e.type != e.stream.opening() && e.type != EventType.AGREEMENT_FULFILLED) {
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
    if (d.nextDeadline() != CaseMachine.NONE) {
      checkCalendar(d.nextDeadline());
      timerWithinInput(ctx.timerService(), d.nextDeadline(), inputEnd);
    }
    long finished = d.finishedAt();
    if (finished == CaseMachine.NONE) {
      finished = events.get(0).eventTime + settings.maxCaseAge().toMillis();
    }
    // from the case's own times only, so that a cleanup timer never re-arms itself
    long cleanup = finished + settings.caseGrace().toMillis();
    if (st.cleanupAt != cleanup) {
      // an earlier cleanup timer is left to fire and find nothing due
      st.cleanupAt = cleanup;
      timerWithinInput(ctx.timerService(), Math.max(cleanup, now + 1), inputEnd);
    }
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
