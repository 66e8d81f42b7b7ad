package io.lawmonitor.streams.review;

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

/**
 * 行政复议: an application received, its acceptance decided within 5 working days, the review
 * concluded (decided, settled or withdrawn) within 60 days of acceptance (simplified: 30).
 */
public final class Review extends StreamDefinition {
  static final StreamKind S = StreamKind.REVIEW;
  public static final Metric ACCEPTANCE_ONTIME_RATE = Metric.rate(S, "acceptance_ontime_rate", "行政复议受理审查按期率", "受理审查按期率");
  public static final Metric ONTIME_DECISION_RATE = Metric.rate(S, "ontime_decision_rate", "行政复议按期审结率", "按期审结率");
  public static final Metric CORRECTION_RATE = Metric.rate(S, "correction_rate", "行政复议纠错率", "纠错率");
  public static final Metric SETTLEMENT_RATE = Metric.rate(S, "settlement_rate", "行政复议调解和解率", "调解和解率");
  public static final Metric OPEN_CASES = Metric.gauge(S, "open_cases", "行政复议在办件", "在办件");
  public static final Metric OVERDUE_OPEN = Metric.gauge(S, "overdue_open", "行政复议超期未办结", "超期未办结");

  /** Acceptance review: 5 working days after receipt. */
  public static final ClockSpec INTAKE = new ClockSpec("REVIEW_INTAKE", "acceptance", "受理审查", ACCEPTANCE_ONTIME_RATE, true);
  /** Conclusion: 60 days after acceptance (SIMPLIFIED: 30), extensions up to 30 more. */
  public static final ClockSpec CONCLUSION = new ClockSpec("REVIEW_CONCLUSION", "decision", "复议决定", ONTIME_DECISION_RATE, true);

  private static final Set<String> PROCEDURE = Set.of("NORMAL", "SIMPLIFIED");
  private static final Set<String> OUTCOME = Set.of("UPHELD", "REVOKED", "ALTERED", "CONFIRMED_ILLEGAL", "ORDERED_TO_PERFORM", "DISMISSED");
  private static final Set<String> CORRECTIVE = Set.of("REVOKED", "ALTERED", "CONFIRMED_ILLEGAL", "ORDERED_TO_PERFORM");
  private static final Set<String> SETTLE_HOW = Set.of("MEDIATION", "RECONCILIATION");

  public Review() {
    super(Description.of(S, "行政复议", "复议")
        .types(EventType.RECEIVED, EventType.ACCEPTED, EventType.NOT_ACCEPTED, EventType.EXTENDED, EventType.DECIDED,
            EventType.SETTLED, EventType.WITHDRAWN)
        .settings(new Setting("intakeWorkdays", 5, "working days"), new Setting("decisionDays", 60, "days"),
            new Setting("simplifiedDecisionDays", 30, "days"), new Setting("maxExtensionDays", 30, "days"))
        .clocks(INTAKE, CONCLUSION)
        .metrics(List.of(ACCEPTANCE_ONTIME_RATE, ONTIME_DECISION_RATE, CORRECTION_RATE, SETTLEMENT_RATE), OPEN_CASES,
            OVERDUE_OPEN)
        .headlines(ONTIME_DECISION_RATE, CORRECTION_RATE)
        .reported(ONTIME_DECISION_RATE, CORRECTION_RATE, SETTLEMENT_RATE));
  }

  @Override
  public io.lawmonitor.synthetic.StreamSample sample(io.lawmonitor.synthetic.SampleContext context) {
    return new ReviewSample(context);
  }

  @Override
  public EventAttributes readAttributes(Event e, Attributes a) throws Attributes.Invalid {
    return switch (e.type) {
      case ACCEPTED -> new ReviewAttributes(a.oneOf("procedure", PROCEDURE, false, "NORMAL"), null, null, null);
      case EXTENDED -> new ReviewAttributes(null, a.days("days", 30, 3650), null, null);
      case DECIDED -> new ReviewAttributes(null, null, a.oneOf("outcome", OUTCOME, true, null), null);
      case SETTLED -> new ReviewAttributes(null, null, null, a.oneOf("how", SETTLE_HOW, false, null));
      default -> null;
    };
  }


  @Override
  public void contribute(Fact f, Consumer<Contribution> out) {
    int s = f.sign();
    switch (f.kind()) {
      case DECIDED -> {
        out.accept(new Contribution(CORRECTION_RATE, CORRECTIVE.contains(f.detail()) ? s : 0, s));
        out.accept(new Contribution(SETTLEMENT_RATE, 0, s));
      }
      case SETTLED -> out.accept(new Contribution(SETTLEMENT_RATE, s, s));
      case WITHDRAWN -> out.accept(new Contribution(SETTLEMENT_RATE, 0, s));
      default -> { }
    }
  }

  /** What a walk remembers of an application. */
  static final class Application implements CaseMemory {
    boolean accepted;
    boolean notAccepted;
    boolean concluded;
    String decided;

    @Override
    public long[] numbers() {
      return new long[] {CaseMemory.flag(accepted), CaseMemory.flag(notAccepted), CaseMemory.flag(concluded)};
    }

    @Override
    public String[] texts() {
      return new String[] {decided};
    }

    @Override
    public void restore(long[] n, String[] t) {
      accepted = n[0] != 0;
      notAccepted = n[1] != 0;
      concluded = n[2] != 0;
      decided = t[0];
    }
  }

  @Override
  public Lifecycle<?> lifecycle(StreamSettings settings, Deadlines deadlines) {
    int intakeWorkdays = settings.get("intakeWorkdays");
    int decisionDays = settings.get("decisionDays");
    int simplifiedDecisionDays = settings.get("simplifiedDecisionDays");
    int maxExtensionDays = settings.get("maxExtensionDays");
    return new Lifecycle<Application>() {
      @Override
      public Application newCase() {
        return new Application();
      }

      @Override
      public void step(CaseWalk w, Application a, Event e) {
        long t = e.eventTime;
        switch (e.type) {
          case RECEIVED -> {
            if (!w.mayOpen(e, "a second RECEIVED for an application already received",
                "RECEIVED after the application was already worked on")) {
              return;
            }
            w.agencyFrom(e, e.agency);
            w.openCase(e);
            w.clock(INTAKE, ClockUnit.WORKING_DAYS, t, deadlines.workingDaysAfter(t, intakeWorkdays));
          }
          case ACCEPTED, NOT_ACCEPTED -> {
            if (a.accepted || a.notAccepted) {
              w.reject(e, e.type + " on an application whose acceptance was already decided");
              return;
            }
            if (a.concluded) {
              w.reject(e, e.type + " after the review was concluded");
              return;
            }
            w.agencyFrom(e, e.agency);
            CaseWalk.Clock intake = w.running(INTAKE);
            if (intake != null) {
              intake.complete(t);
            }
            if (e.type == EventType.ACCEPTED) {
              a.accepted = true;
              w.fact(FactKind.ACCEPTED, null, t);
              int days = "SIMPLIFIED".equals(ReviewAttributes.of(e).procedure()) ? simplifiedDecisionDays : decisionDays;
              CaseWalk.Clock c = w.clock(CONCLUSION, ClockUnit.DAYS, t, deadlines.calendarDaysAfter(t, days));
              c.baseDays = days;
            } else {
              a.notAccepted = true;
              w.fact(FactKind.NOT_ACCEPTED, null, t);
              w.endCase(t);
              w.finishedAt = t;
            }
          }
          case EXTENDED -> {
            CaseWalk.Clock c = w.running(CONCLUSION);
            if (c != null && t < c.deadline) {
              int added = orZero(ReviewAttributes.of(e).days());
              c.extension = Math.min(maxExtensionDays, c.extension + added);
              c.deadline = deadlines.calendarDaysAfter(c.start, c.baseDays + c.extension);
            }
          }
          case DECIDED, SETTLED, WITHDRAWN -> {
            ReviewAttributes r = ReviewAttributes.of(e);
            if (a.notAccepted) {
              w.reject(e, e.type + " on an application that was not accepted");
              return;
            }
            if (a.concluded) {
              if (e.type == EventType.DECIDED && r.outcome() != null && r.outcome().equals(a.decided)) {
                return;
              }
              w.reject(e, e.type + " on a review already concluded" + (a.decided != null ? " (" + a.decided + ")" : ""));
              return;
            }
            w.agencyFrom(e, e.agency);
            a.concluded = true;
            if (e.type == EventType.DECIDED) {
              a.decided = r.outcome();
              w.fact(FactKind.DECIDED, r.outcome(), t);
            } else if (e.type == EventType.SETTLED) {
              w.fact(FactKind.SETTLED, r.how(), t);
            } else {
              w.fact(FactKind.WITHDRAWN, null, t);
            }
            CaseWalk.Clock intake = w.running(INTAKE);
            if (intake != null) {
              intake.cancel(t);
            }
            CaseWalk.Clock c = w.running(CONCLUSION);
            if (c != null) {
              c.complete(t);
            }
            w.endCase(t);
            w.finishedAt = t;
          }
          default -> { }
        }
      }
    };
  }
}
