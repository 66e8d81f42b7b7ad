package io.lawmonitor.streams.enforcement;

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

/** 行政执法案件: a case filed, decided (行政处罚法 art. 60: within 90 days), its file reviewed (案卷评查). */
public final class Enforcement extends StreamDefinition {
  static final StreamKind S = StreamKind.ENFORCEMENT;
  public static final Metric ONTIME_DECISION_RATE = Metric.rate(S, "ontime_decision_rate", "行政执法按期作出决定率", "按期作出决定率");
  public static final Metric FILE_REVIEW_PASS_RATE = Metric.rate(S, "file_review_pass_rate", "案卷评查合格率", "案卷评查合格率");
  public static final Metric NO_PENALTY_SHARE = Metric.rate(S, "no_penalty_share", "免罚轻罚占比", "免罚轻罚占比");
  public static final Metric TRANSFER_COUNT = Metric.count(S, "transfer_count", "移送案件数", "移送案件数");
  public static final Metric OPEN_CASES = Metric.gauge(S, "open_cases", "行政执法在办件", "在办件");
  public static final Metric OVERDUE_OPEN = Metric.gauge(S, "overdue_open", "行政执法超期未办结", "超期未办结");

  /** The decision: 90 days after filing, plus extensions; SIMPLE procedure exempt. */
  public static final ClockSpec DECISION = new ClockSpec("ENFORCEMENT_DECISION", "decision", "处罚决定", ONTIME_DECISION_RATE, true);

  private static final Set<String> PROCEDURE = Set.of("GENERAL", "SIMPLE");
  private static final Set<String> DECISIONS = Set.of("PENALTY", "NO_PENALTY", "EXEMPT_FIRST_OFFENCE", "TRANSFERRED", "DISMISSED");
  private static final Set<String> FILE_REVIEW = Set.of("PASS", "DEFECTIVE");

  public Enforcement() {
    super(Description.of(S, "行政执法", "执法")
        .types(EventType.FILED, EventType.EXTENDED, EventType.DECIDED, EventType.FILE_REVIEWED, EventType.CLOSED)
        .independent(EventType.FILE_REVIEWED)
        .settings(new Setting("decisionDays", 90, "days"))
        .clocks(DECISION)
        .metrics(List.of(ONTIME_DECISION_RATE, FILE_REVIEW_PASS_RATE, NO_PENALTY_SHARE, TRANSFER_COUNT), OPEN_CASES,
            OVERDUE_OPEN)
        .headlines(ONTIME_DECISION_RATE, FILE_REVIEW_PASS_RATE)
        .reported(ONTIME_DECISION_RATE, FILE_REVIEW_PASS_RATE));
  }

  @Override
  public io.lawmonitor.synthetic.StreamSample sample(io.lawmonitor.synthetic.SampleContext context) {
    return new EnforcementSample(context);
  }

  @Override
  public EventAttributes readAttributes(Event e, Attributes a) throws Attributes.Invalid {
    return switch (e.type) {
      case FILED -> new EnforcementAttributes(a.oneOf("procedure", PROCEDURE, false, "GENERAL"), a.text("lawArea"),
          null, null, null, null, null);
      case EXTENDED -> new EnforcementAttributes(null, null, a.days("days", 30, 3650), null, null, null, null);
      case DECIDED -> new EnforcementAttributes(null, null, null, a.oneOf("decision", DECISIONS, true, null),
          a.number("fineYuan"), null, null);
      case FILE_REVIEWED -> new EnforcementAttributes(null, null, null, null, null,
          a.oneOf("result", FILE_REVIEW, true, null), a.bool("corrected", false));
      default -> null;
    };
  }


  @Override
  public void contribute(Fact f, Consumer<Contribution> out) {
    int s = f.sign();
    switch (f.kind()) {
      case DECIDED -> {
        boolean lenient = "NO_PENALTY".equals(f.detail()) || "EXEMPT_FIRST_OFFENCE".equals(f.detail());
        out.accept(new Contribution(NO_PENALTY_SHARE, lenient ? s : 0, s));
        if ("TRANSFERRED".equals(f.detail())) {
          out.accept(new Contribution(TRANSFER_COUNT, s, 0));
        }
      }
      case FILE_REVIEWED -> out.accept(new Contribution(FILE_REVIEW_PASS_RATE, "PASS".equals(f.detail()) ? s : 0, s));
      default -> { }
    }
  }

  /** What a walk remembers of a case. */
  static final class Case implements CaseMemory {
    boolean closed;
    String decided;

    @Override
    public long[] numbers() {
      return new long[] {CaseMemory.flag(closed)};
    }

    @Override
    public String[] texts() {
      return new String[] {decided};
    }

    @Override
    public void restore(long[] n, String[] t) {
      closed = n[0] != 0;
      decided = t[0];
    }
  }

  @Override
  public Lifecycle<?> lifecycle(StreamSettings settings, Deadlines deadlines) {
    int decisionDays = settings.get("decisionDays");
    return new Lifecycle<Case>() {
      @Override
      public Case newCase() {
        return new Case();
      }

      @Override
      public void step(CaseWalk w, Case c, Event e) {
        long t = e.eventTime;
        if (c.closed && e.type != EventType.FILE_REVIEWED) {
          w.reject(e, e.type + " after the case was closed");
          return;
        }
        switch (e.type) {
          case FILED -> {
            if (!w.mayOpen(e, "a second FILED for a case already filed", "FILED after the case was already worked on")) {
              return;
            }
            w.agencyFrom(e, e.agency);
            w.openCase(e);
            if (!"SIMPLE".equals(EnforcementAttributes.of(e).procedure())) {
              CaseWalk.Clock k = w.clock(DECISION, ClockUnit.DAYS, t, deadlines.calendarDaysAfter(t, decisionDays));
              k.baseDays = decisionDays;
            }
          }
          case EXTENDED -> {
            CaseWalk.Clock k = w.running(DECISION);
            if (k != null && t < k.deadline) {
              k.extension += orZero(EnforcementAttributes.of(e).days());
              k.deadline = deadlines.calendarDaysAfter(k.start, k.baseDays + k.extension);
            }
          }
          case DECIDED -> {
            String decision = EnforcementAttributes.of(e).decision();
            if (c.decided != null) {
              if (!c.decided.equals(decision)) {
                w.reject(e, "a second DECIDED (" + decision + ") contradicting the first (" + c.decided + ")");
              }
              return;
            }
            w.agencyFrom(e, e.agency);
            c.decided = decision;
            w.fact(FactKind.DECIDED, decision, t);
            CaseWalk.Clock k = w.running(DECISION);
            if (k != null) {
              k.complete(t);
            }
          }
          case FILE_REVIEWED -> {
            EnforcementAttributes r = EnforcementAttributes.of(e);
            w.independentFact(e, FactKind.FILE_REVIEWED,
                "DEFECTIVE".equals(r.result()) && Boolean.TRUE.equals(r.corrected()) ? "DEFECTIVE_CORRECTED" : r.result(), t);
          }
          case CLOSED -> {
            c.closed = true;
            CaseWalk.Clock k = w.running(DECISION);
            if (k != null) {
              k.cancel(t);
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
