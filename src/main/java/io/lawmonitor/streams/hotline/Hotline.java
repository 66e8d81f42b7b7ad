package io.lawmonitor.streams.hotline;

import io.lawmonitor.calendar.ClockUnit;
import io.lawmonitor.calendar.Deadlines;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.EventAttributes;
import io.lawmonitor.events.EventType;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.events.Attributes;
import io.lawmonitor.streams.CaseMemory;
import io.lawmonitor.streams.CaseWalk;
import io.lawmonitor.streams.ClockSpec;
import io.lawmonitor.streams.Contribution;
import io.lawmonitor.lifecycle.Fact;
import io.lawmonitor.lifecycle.FactKind;

import io.lawmonitor.streams.Lifecycle;
import io.lawmonitor.streams.Metric;
import io.lawmonitor.streams.Setting;
import io.lawmonitor.streams.StreamDefinition;
import io.lawmonitor.streams.StreamSettings;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** 12345 政务服务便民热线: requests received, assigned, answered, closed, and the caller's rating. */
public final class Hotline extends StreamDefinition {
  static final StreamKind S = StreamKind.HOTLINE;
  public static final Metric RESPONSE_RATE = Metric.rate(S, "response_rate", "12345按时响应率", "按时响应率");
  public static final Metric ONTIME_CLOSURE_RATE = Metric.rate(S, "ontime_closure_rate", "12345按期办结率", "按期办结率");
  public static final Metric RESOLUTION_RATE = Metric.rate(S, "resolution_rate", "12345解决率", "解决率");
  public static final Metric SATISFACTION_RATE = Metric.rate(S, "satisfaction_rate", "12345满意率", "满意率");
  public static final Metric RECEIVED_COUNT = Metric.count(S, "received_count", "12345受理件数", "受理件数");
  public static final Metric CLOSED_COUNT = Metric.count(S, "closed_count", "12345办结件数", "办结件数");
  public static final Metric OPEN_CASES = Metric.gauge(S, "open_cases", "12345在办件", "在办件");
  public static final Metric OVERDUE_OPEN = Metric.gauge(S, "overdue_open", "12345超期未办结", "超期未办结");

  /** First response: 1 working day (URGENT: 2 hours). */
  public static final ClockSpec RESPONSE = new ClockSpec("HOTLINE_RESPONSE", "response", "首次响应", RESPONSE_RATE, false);
  /** Closure: 3 working days, a consultation the same working day (URGENT: 24 hours). */
  public static final ClockSpec CLOSURE = new ClockSpec("HOTLINE_CLOSURE", "closure", "办结", ONTIME_CLOSURE_RATE, true);

  private static final Set<String> URGENCY = Set.of("NORMAL", "URGENT");
  private static final Set<String> KIND = Set.of("CONSULT", "HELP", "COMPLAINT", "PROPOSAL");
  private static final Set<String> SATISFACTION = Set.of("SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED", "UNREACHABLE");

  public Hotline() {
    super(Description.of(S, "12345热线", "12345")
        .types(EventType.RECEIVED, EventType.ASSIGNED, EventType.RESPONDED, EventType.EXTENDED, EventType.CLOSED,
            EventType.VISITED, EventType.REOPENED)
        .independent(EventType.VISITED)
        .settings(new Setting("responseWorkdays", 1, "working days"), new Setting("urgentResponseHours", 2, "hours"),
            new Setting("closureWorkdays", 3, "working days"), new Setting("urgentClosureHours", 24, "hours"))
        .clocks(RESPONSE, CLOSURE)
        .metrics(List.of(RESPONSE_RATE, ONTIME_CLOSURE_RATE, RESOLUTION_RATE, SATISFACTION_RATE, RECEIVED_COUNT,
            CLOSED_COUNT), OPEN_CASES, OVERDUE_OPEN)
        .headlines(SATISFACTION_RATE, ONTIME_CLOSURE_RATE, RESOLUTION_RATE)
        .reported(ONTIME_CLOSURE_RATE, RESOLUTION_RATE, SATISFACTION_RATE));
  }

  @Override
  public io.lawmonitor.synthetic.StreamSample sample(io.lawmonitor.synthetic.SampleContext context) {
    return new HotlineSample(context);
  }

  @Override
  public EventAttributes readAttributes(Event e, Attributes a) throws Attributes.Invalid {
    return switch (e.type) {
      case RECEIVED -> new HotlineAttributes(a.text("channel"), a.text("category"),
          a.oneOf("urgency", URGENCY, false, "NORMAL"), a.oneOf("kind", KIND, false, "HELP"), null, null, null);
      case ASSIGNED -> {
        String assigned = a.text("agency");
        if (assigned != null) {
          e.agency = assigned;
        }
        if (e.agency == null) {
          throw new Attributes.Invalid(io.lawmonitor.events.DeadLetter.MISSING_FIELD, "ASSIGNED names no agency (attrs.agency)");
        }
        yield null;
      }
      case EXTENDED -> new HotlineAttributes(null, null, null, null, a.days("workdays", 10, 3650), null, null);
      case CLOSED -> new HotlineAttributes(null, null, null, null, null, a.bool("resolved", true), null);
      case VISITED -> new HotlineAttributes(null, null, null, null, null, null,
          a.oneOf("satisfaction", SATISFACTION, true, null));
      default -> null;
    };
  }


  @Override
  public void contribute(Fact f, Consumer<Contribution> out) {
    int s = f.sign();
    switch (f.kind()) {
      // closed on time, or after the deadline: counted as closed (办结) when it closes
      case ONTIME, LATE_COMPLETION -> {
        if (CLOSURE.name().equals(f.detail())) {
          out.accept(new Contribution(CLOSED_COUNT, s, 0));
        }
      }
      case OPENED -> out.accept(new Contribution(RECEIVED_COUNT, s, 0));
      case RESOLVED -> out.accept(new Contribution(RESOLUTION_RATE, "true".equals(f.detail()) ? s : 0, s));
      case RATED -> {
        switch (f.detail()) {
          case "SATISFIED", "BASICALLY_SATISFIED" -> out.accept(new Contribution(SATISFACTION_RATE, s, s));
          case "DISSATISFIED" -> out.accept(new Contribution(SATISFACTION_RATE, 0, s));
          default -> { } // UNREACHABLE is not a rating
        }
      }
      default -> { }
    }
  }

  /** What a walk remembers of a request. */
  static final class Request implements CaseMemory {
    boolean closed;

    @Override
    public long[] numbers() {
      return new long[] {CaseMemory.flag(closed)};
    }

    @Override
    public String[] texts() {
      return new String[0];
    }

    @Override
    public void restore(long[] n, String[] t) {
      closed = n[0] != 0;
    }
  }

  @Override
  public Lifecycle<?> lifecycle(StreamSettings settings, Deadlines deadlines) {
    int responseWorkdays = settings.get("responseWorkdays");
    int urgentResponseHours = settings.get("urgentResponseHours");
    int closureWorkdays = settings.get("closureWorkdays");
    int urgentClosureHours = settings.get("urgentClosureHours");
    return new Lifecycle<Request>() {
      @Override
      public Request newCase() {
        return new Request();
      }

      @Override
      public void step(CaseWalk w, Request r, Event e) {
        long t = e.eventTime;
        switch (e.type) {
          case RECEIVED -> {
            if (!w.mayOpen(e, "a second RECEIVED for a case already received", "RECEIVED after the case was already worked on")) {
              return;
            }
            w.agencyFrom(e, e.agency);
            w.openCase(e);
            boolean urgent = "URGENT".equals(HotlineAttributes.of(e).urgency());
            w.clock(RESPONSE, urgent ? ClockUnit.HOURS : ClockUnit.WORKING_DAYS, t, urgent
                ? Deadlines.hoursAfter(t, urgentResponseHours)
                : deadlines.workingDaysAfter(t, responseWorkdays));
            long closure;
            if (urgent) {
              closure = Deadlines.hoursAfter(t, urgentClosureHours);
            } else if ("CONSULT".equals(HotlineAttributes.of(e).kind())) {
              closure = deadlines.endOfWorkingDay(t);
            } else {
              closure = deadlines.workingDaysAfter(t, closureWorkdays);
            }
            w.clock(CLOSURE, urgent ? ClockUnit.HOURS : ClockUnit.WORKING_DAYS, t, closure);
          }
          case ASSIGNED -> w.agencyFrom(e, e.agency);
          case RESPONDED -> {
            w.agencyFrom(e, e.agency);
            CaseWalk.Clock c = w.running(RESPONSE);
            if (c != null) {
              c.complete(t);
            }
          }
          case EXTENDED -> {
            CaseWalk.Clock c = w.running(CLOSURE);
            if (c != null && t < c.deadline) {
              c.deadline = deadlines.extendByWorkingDays(c.deadline, orZero(HotlineAttributes.of(e).workdays()));
            }
          }
          case CLOSED -> {
            if (r.closed) {
              w.reject(e, "CLOSED on a case already closed and not reopened");
              return;
            }
            w.agencyFrom(e, e.agency);
            r.closed = true;
            w.fact(FactKind.RESOLVED, String.valueOf(Boolean.TRUE.equals(HotlineAttributes.of(e).resolved())), t);
            CaseWalk.Clock resp = w.running(RESPONSE);
            if (resp != null) {
              resp.complete(t);
            }
            CaseWalk.Clock c = w.running(CLOSURE);
            if (c != null) {
              c.complete(t);
            }
            w.endCase(t);
            w.finishedAt = t;
          }
          case REOPENED -> {
            if (!r.closed && w.anyEvent()) {
              w.reject(e, "REOPENED on a case that is not closed");
              return;
            }
            r.closed = false;
            w.fact(FactKind.REOPENED, null, t);
            w.reopen(t);
            w.finishedAt = CaseWalk.NONE;
          }
          case VISITED -> w.independentFact(e, FactKind.RATED, HotlineAttributes.of(e).satisfaction(), t);
          default -> { }
        }
      }
    };
  }
}
