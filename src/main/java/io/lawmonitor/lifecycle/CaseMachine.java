package io.lawmonitor.lifecycle;

import io.lawmonitor.calendar.Deadlines;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.EventType;
import io.lawmonitor.events.StreamKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A case's lifecycle as a pure function: from the case's events in event-time order and the
 * time reached, the outcome facts it has produced so far. No Flink types; the Flink function
 * only stores events, sets timers and emits the difference between two derivations, which is
 * what makes the result independent of arrival order.
 */
public final class CaseMachine {
  public static final long NONE = Long.MAX_VALUE;

  /** What a case's events amount to at time {@code now}. */
  public record Derivation(
      List<Fact> facts,
      /** The first event that contradicts the ones before it, or null. */
      String rejectedEventId,
      String rejection,
      /** The earliest deadline still to come after now, or {@link #NONE}. */
      long nextDeadline,
      /** When the case stopped being able to produce outcomes, or {@link #NONE}. */
      long finishedAt,
      boolean hasOpening) {}

  private final LifecycleSettings settings;
  private final Deadlines deadlines;

  public CaseMachine(LifecycleSettings settings, Deadlines deadlines) {
    this.settings = settings;
    this.deadlines = deadlines;
  }

  private static final class Clock {
    final ClockName name;
    final long start;
    long deadline;
    /** For calendar-day clocks: the statutory period, and the days added by extensions. */
    int baseDays;
    int extension;
    long endedAt = NONE;
    boolean completed;

    Clock(ClockName name, long start, long deadline) {
      this.name = name;
      this.start = start;
      this.deadline = deadline;
    }

    boolean running() {
      return endedAt == NONE;
    }

    void complete(long t) {
      if (running()) {
        endedAt = t;
        completed = true;
      }
    }

    void cancel(long t) {
      if (running()) {
        endedAt = t;
        completed = false;
      }
    }
  }

  /** The walk over one case's events. */
  private final class Walk {
    final StreamKind stream;
    final long now;
    final long limit;
    final List<Fact> facts = new ArrayList<>();
    final Map<ClockName, Clock> clocks = new EnumMap<>(ClockName.class);
    final List<long[]> agencyTimes = new ArrayList<>();
    final List<String> agencies = new ArrayList<>();
    String region;
    Event opening;
    boolean open;
    boolean closed;
    boolean anyEvent;
    String rejectedId;
    String rejection;
    long finishedAt = NONE;
    long next = NONE;

    // stream-specific
    Boolean resolved;
    String decided;
    boolean accepted;
    boolean notAccepted;
    boolean concluded;
    String mediated;
    boolean preLitigation;
    long fulfilmentCheck = NONE;
    boolean fulfilmentDone;

    Walk(StreamKind stream, long now, long inputEnd) {
      this.stream = stream;
      this.now = now;
      this.limit = Math.min(now, inputEnd);
    }

    void agencyFrom(Event e, String agency) {
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

    void fact(FactKind kind, String detail, long t) {
      facts.add(new Fact(stream, kind, detail, t, region, agencyAt(t), 1));
    }

    /** A fact reported on its own: where and by whom as the event itself says, if it says. */
    void independentFact(Event e, FactKind kind, String detail, long t) {
      String agency = e.agency != null ? e.agency : agencyAt(t);
      facts.add(new Fact(stream, kind, detail, t, e.region != null ? e.region : region, agency, 1));
    }

    void reject(Event e, String why) {
      if (rejectedId == null) {
        rejectedId = e.eventId;
        rejection = why;
      }
    }

    void openCase(Event e) {
      opening = e;
      open = true;
      fact(FactKind.OPENED, null, e.eventTime);
    }

    void endCase(long t) {
      if (open) {
        open = false;
        fact(FactKind.ENDED, null, t);
      }
    }

    Clock clock(ClockName name, long start, long deadline) {
      Clock c = new Clock(name, start, deadline);
      clocks.put(name, c);
      return c;
    }

    Clock running(ClockName name) {
      Clock c = clocks.get(name);
      return c != null && c.running() ? c : null;
    }

    /** Emits every clock's outcome facts, as far as the time reached allows. */
    void settleClocks() {
      for (Clock c : clocks.values()) {
        if (c.completed && c.endedAt < c.deadline) {
          fact(FactKind.ONTIME, c.name.name(), c.endedAt);
          continue;
        }
        if (!c.completed && c.endedAt < c.deadline) {
          continue; // cancelled in time: no outcome
        }
        if (c.deadline <= limit) {
          fact(FactKind.OVERDUE, c.name.name(), c.deadline);
          boolean gauge = c.name.countsAsOverdueOpen();
          if (gauge) {
            fact(FactKind.OVERDUE_BEGAN, c.name.name(), c.deadline);
          }
          if (c.endedAt != NONE) {
            if (c.completed) {
              fact(FactKind.LATE_COMPLETION, c.name.name(), c.endedAt);
            }
            if (gauge) {
              fact(FactKind.OVERDUE_ENDED, c.name.name(), c.endedAt);
            }
          }
        } else if (c.endedAt == NONE && c.deadline > now) {
          next = Math.min(next, c.deadline);
        }
      }
    }
  }

  /** Derives the facts of one case; {@code events} must be in {@link Event#CASE_ORDER}. */
  public Derivation derive(StreamKind stream, List<Event> events, long now, long inputEnd) {
    Walk w = new Walk(stream, now, inputEnd);
    for (Event e : events) {
      if (w.region == null && e.region != null) {
        w.region = e.region;
      }
    }
    for (Event e : events) {
      if (e.type == stream.opening() && e.region != null) {
        w.region = e.region;
        break;
      }
    }
    for (Event e : events) {
      switch (stream) {
        case HOTLINE -> hotline(w, e);
        case ENFORCEMENT -> enforcement(w, e);
        case REVIEW -> review(w, e);
        case MEDIATION -> mediation(w, e);
      }
      w.anyEvent = true;
    }
    w.settleClocks();
    if (stream == StreamKind.MEDIATION && w.fulfilmentCheck != NONE && !w.fulfilmentDone) {
      if (w.fulfilmentCheck <= w.limit) {
        w.fact(FactKind.FULFILMENT, "UNFULFILLED", w.fulfilmentCheck);
        w.fulfilmentDone = true;
        w.finishedAt = w.fulfilmentCheck;
      } else if (w.fulfilmentCheck > now) {
        w.next = Math.min(w.next, w.fulfilmentCheck);
      }
    }
    return new Derivation(w.facts, w.rejectedId, w.rejection, w.next, w.finishedAt, w.opening != null);
  }

  /** An opening event is refused when the case was already opened, or already worked on. */
  private static boolean mayOpen(Walk w, Event e, String secondOpening, String afterWork) {
    if (w.opening != null) {
      w.reject(e, secondOpening);
      return false;
    }
    if (w.anyEvent) {
      w.reject(e, afterWork);
      return false;
    }
    return true;
  }

  private void hotline(Walk w, Event e) {
    long t = e.eventTime;
    switch (e.type) {
      case RECEIVED -> {
        if (!mayOpen(w, e, "a second RECEIVED for a case already received", "RECEIVED after the case was already worked on")) {
          return;
        }
        w.agencyFrom(e, e.agency);
        w.openCase(e);
        boolean urgent = "URGENT".equals(e.urgency);
        w.clock(ClockName.HOTLINE_RESPONSE, t, urgent
            ? Deadlines.hoursAfter(t, settings.hotlineUrgentResponseHours())
            : deadlines.workingDaysAfter(t, settings.hotlineResponseWorkdays()));
        long closure;
        if (urgent) {
          closure = Deadlines.hoursAfter(t, settings.hotlineUrgentClosureHours());
        } else if ("CONSULT".equals(e.kind)) {
          closure = deadlines.endOfWorkingDay(t);
        } else {
          closure = deadlines.workingDaysAfter(t, settings.hotlineClosureWorkdays());
        }
        w.clock(ClockName.HOTLINE_CLOSURE, t, closure);
      }
      case ASSIGNED -> w.agencyFrom(e, e.agency);
      case RESPONDED -> {
        w.agencyFrom(e, e.agency);
        Clock c = w.running(ClockName.HOTLINE_RESPONSE);
        if (c != null) {
          c.complete(t);
        }
      }
      case EXTENDED -> {
        Clock c = w.running(ClockName.HOTLINE_CLOSURE);
        if (c != null && t < c.deadline) {
          c.deadline = deadlines.extendByWorkingDays(c.deadline, e.extension == null ? 0 : e.extension);
        }
      }
      case CLOSED -> {
        if (w.closed) {
          w.reject(e, "CLOSED on a case already closed and not reopened");
          return;
        }
        w.agencyFrom(e, e.agency);
        w.closed = true;
        w.resolved = e.resolved;
        w.fact(FactKind.RESOLVED, String.valueOf(Boolean.TRUE.equals(e.resolved)), t);
        Clock r = w.running(ClockName.HOTLINE_RESPONSE);
        if (r != null) {
          r.complete(t);
        }
        Clock c = w.running(ClockName.HOTLINE_CLOSURE);
        if (c != null) {
          c.complete(t);
        }
        w.endCase(t);
        w.finishedAt = t;
      }
      case REOPENED -> {
        if (!w.closed && w.anyEvent) {
          w.reject(e, "REOPENED on a case that is not closed");
          return;
        }
        w.closed = false;
        w.fact(FactKind.REOPENED, null, t);
        if (w.opening != null) {
          w.open = true;
          w.fact(FactKind.OPENED, null, t);
        }
        w.finishedAt = NONE;
      }
      case VISITED -> w.independentFact(e, FactKind.RATED, e.satisfaction, t);
      default -> { }
    }
  }

  private void enforcement(Walk w, Event e) {
    long t = e.eventTime;
    if (w.closed && e.type != EventType.FILE_REVIEWED) {
      w.reject(e, e.type + " after the case was closed");
      return;
    }
    switch (e.type) {
      case FILED -> {
        if (!mayOpen(w, e, "a second FILED for a case already filed", "FILED after the case was already worked on")) {
          return;
        }
        w.agencyFrom(e, e.agency);
        w.openCase(e);
        if (!"SIMPLE".equals(e.procedure)) {
          Clock c = w.clock(ClockName.ENFORCEMENT_DECISION, t,
              deadlines.calendarDaysAfter(t, settings.enforcementDecisionDays()));
          c.baseDays = settings.enforcementDecisionDays();
        }
      }
      case EXTENDED -> {
        Clock c = w.running(ClockName.ENFORCEMENT_DECISION);
        if (c != null && t < c.deadline) {
          c.extension += e.extension == null ? 0 : e.extension;
          c.deadline = deadlines.calendarDaysAfter(c.start, c.baseDays + c.extension);
        }
      }
      case DECIDED -> {
        if (w.decided != null) {
          if (!w.decided.equals(e.decision)) {
            w.reject(e, "a second DECIDED (" + e.decision + ") contradicting the first (" + w.decided + ")");
          }
          return;
        }
        w.agencyFrom(e, e.agency);
        w.decided = e.decision;
        w.fact(FactKind.DECIDED, e.decision, t);
        Clock c = w.running(ClockName.ENFORCEMENT_DECISION);
        if (c != null) {
          c.complete(t);
        }
      }
      case FILE_REVIEWED -> w.independentFact(e, FactKind.FILE_REVIEWED,
          "DEFECTIVE".equals(e.result) && Boolean.TRUE.equals(e.corrected) ? "DEFECTIVE_CORRECTED" : e.result, t);
      case CLOSED -> {
        w.closed = true;
        Clock c = w.running(ClockName.ENFORCEMENT_DECISION);
        if (c != null) {
          c.cancel(t);
        }
        w.endCase(t);
        w.finishedAt = t;
      }
      default -> { }
    }
  }

  private void review(Walk w, Event e) {
    long t = e.eventTime;
    switch (e.type) {
      case RECEIVED -> {
        if (!mayOpen(w, e, "a second RECEIVED for an application already received", "RECEIVED after the application was already worked on")) {
          return;
        }
        w.agencyFrom(e, e.agency);
        w.openCase(e);
        w.clock(ClockName.REVIEW_INTAKE, t, deadlines.workingDaysAfter(t, settings.reviewIntakeWorkdays()));
      }
      case ACCEPTED, NOT_ACCEPTED -> {
        if (w.accepted || w.notAccepted) {
          w.reject(e, e.type + " on an application whose acceptance was already decided");
          return;
        }
        if (w.concluded) {
          w.reject(e, e.type + " after the review was concluded");
          return;
        }
        w.agencyFrom(e, e.agency);
        Clock intake = w.running(ClockName.REVIEW_INTAKE);
        if (intake != null) {
          intake.complete(t);
        }
        if (e.type == EventType.ACCEPTED) {
          w.accepted = true;
          w.fact(FactKind.ACCEPTED, null, t);
          int days = "SIMPLIFIED".equals(e.procedure)
              ? settings.reviewSimplifiedDecisionDays() : settings.reviewDecisionDays();
          Clock c = w.clock(ClockName.REVIEW_CONCLUSION, t, deadlines.calendarDaysAfter(t, days));
          c.baseDays = days;
        } else {
          w.notAccepted = true;
          w.fact(FactKind.NOT_ACCEPTED, null, t);
          w.endCase(t);
          w.finishedAt = t;
        }
      }
      case EXTENDED -> {
        Clock c = w.running(ClockName.REVIEW_CONCLUSION);
        if (c != null && t < c.deadline) {
          int added = e.extension == null ? 0 : e.extension;
          c.extension = Math.min(settings.reviewMaxExtensionDays(), c.extension + added);
          c.deadline = deadlines.calendarDaysAfter(c.start, c.baseDays + c.extension);
        }
      }
      case DECIDED, SETTLED, WITHDRAWN -> {
        if (w.notAccepted) {
          w.reject(e, e.type + " on an application that was not accepted");
          return;
        }
        if (w.concluded) {
          if (e.type == EventType.DECIDED && e.outcome != null && e.outcome.equals(w.decided)) {
            return;
          }
          w.reject(e, e.type + " on a review already concluded" + (w.decided != null ? " (" + w.decided + ")" : ""));
          return;
        }
        w.agencyFrom(e, e.agency);
        w.concluded = true;
        if (e.type == EventType.DECIDED) {
          w.decided = e.outcome;
          w.fact(FactKind.DECIDED, e.outcome, t);
        } else if (e.type == EventType.SETTLED) {
          w.fact(FactKind.SETTLED, e.how, t);
        } else {
          w.fact(FactKind.WITHDRAWN, null, t);
        }
        Clock intake = w.running(ClockName.REVIEW_INTAKE);
        if (intake != null) {
          intake.cancel(t);
        }
        Clock c = w.running(ClockName.REVIEW_CONCLUSION);
        if (c != null) {
          c.complete(t);
        }
        w.endCase(t);
        w.finishedAt = t;
      }
      default -> { }
    }
  }

  private void mediation(Walk w, Event e) {
    long t = e.eventTime;
    switch (e.type) {
      case APPLIED -> {
        if (!mayOpen(w, e, "a second APPLIED for a dispute already applied", "APPLIED after the dispute was already mediated")) {
          return;
        }
        w.agencyFrom(e, e.agency != null ? e.agency : e.committee);
        w.preLitigation = Boolean.TRUE.equals(e.preLitigation);
        w.openCase(e);
        w.clock(ClockName.MEDIATION_CONCLUSION, t,
            deadlines.calendarDaysAfter(t, settings.mediationConclusionDays()));
      }
      case MEDIATED -> {
        if (w.mediated != null) {
          if (!w.mediated.equals(e.result)) {
            w.reject(e, "a second MEDIATED (" + e.result + ") contradicting the first (" + w.mediated + ")");
          }
          return;
        }
        w.agencyFrom(e, e.agency);
        w.mediated = e.result;
        w.fact(FactKind.MEDIATED, (w.preLitigation ? "PRE_" : "") + e.result, t);
        Clock c = w.running(ClockName.MEDIATION_CONCLUSION);
        if (c != null) {
          c.complete(t);
        }
        w.endCase(t);
        if ("SUCCESS".equals(e.result)) {
          w.fulfilmentCheck = deadlines.calendarDaysAfter(t, settings.mediationFulfilmentCheckDays());
        } else {
          w.finishedAt = t;
        }
      }
      case AGREEMENT_FULFILLED -> {
        if ("FAILED".equals(w.mediated)) {
          w.reject(e, "AGREEMENT_FULFILLED for a mediation that failed");
          return;
        }
        if (w.mediated == null && w.opening != null) {
          w.reject(e, "AGREEMENT_FULFILLED before the dispute was mediated");
          return;
        }
        if (w.fulfilmentDone) {
          return;
        }
        if (w.mediated == null || t < w.fulfilmentCheck) {
          w.fact(FactKind.FULFILMENT, "FULFILLED", t);
          w.fulfilmentDone = true;
          w.finishedAt = t;
        }
      }
      case FEEDBACK -> w.independentFact(e, FactKind.FEEDBACK, String.valueOf(Boolean.TRUE.equals(e.satisfied)), t);
      default -> { }
    }
  }
}
