package io.lawmonitor.streams.mediation;

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
 * 人民调解 and 诉前调解: a dispute applied, mediated within 30 days, the agreement fulfilled
 * (or not, by a check 30 days on), the parties' feedback.
 */
public final class Mediation extends StreamDefinition {
  static final StreamKind S = StreamKind.MEDIATION;
  /** People's mediation (人民调解); pre-litigation mediation has its own rate. */
  public static final Metric SUCCESS_RATE = Metric.rate(S, "success_rate", "人民调解成功率", "调解成功率");
  public static final Metric PRELITIGATION_SUCCESS_RATE = Metric.rate(S, "prelitigation_success_rate", "诉前调解成功率", "诉前调解成功率");
  public static final Metric ONTIME_RATE = Metric.rate(S, "ontime_rate", "按期调结率", "按期调结率");
  public static final Metric FULFILMENT_RATE = Metric.rate(S, "fulfilment_rate", "调解协议履行率", "协议履行率");
  public static final Metric SATISFACTION_RATE = Metric.rate(S, "satisfaction_rate", "调解满意率", "满意率");
  public static final Metric OPEN_CASES = Metric.gauge(S, "open_cases", "调解在办件", "在办件");
  public static final Metric OVERDUE_OPEN = Metric.gauge(S, "overdue_open", "调解超期未办结", "超期未办结");

  /** Conclusion: 30 days after the application (一般在一个月内调结). */
  public static final ClockSpec CONCLUSION = new ClockSpec("MEDIATION_CONCLUSION", "conclusion", "调解终结", ONTIME_RATE, true);

  private static final Set<String> RESULT = Set.of("SUCCESS", "FAILED");

  public Mediation() {
    super(Description.of(S, "人民调解", "调解")
        .types(EventType.APPLIED, EventType.MEDIATED, EventType.AGREEMENT_FULFILLED, EventType.FEEDBACK)
        .independent(EventType.FEEDBACK)
        .alsoAfterTheCase(EventType.AGREEMENT_FULFILLED)
        .settings(new Setting("conclusionDays", 30, "days"), new Setting("fulfilmentCheckDays", 30, "days"))
        .clocks(CONCLUSION)
        .metrics(List.of(SUCCESS_RATE, PRELITIGATION_SUCCESS_RATE, ONTIME_RATE, FULFILMENT_RATE, SATISFACTION_RATE),
            OPEN_CASES, OVERDUE_OPEN)
        .headlines(SUCCESS_RATE, PRELITIGATION_SUCCESS_RATE)
        .reported(SUCCESS_RATE, PRELITIGATION_SUCCESS_RATE));
  }

  @Override
  public io.lawmonitor.synthetic.StreamSample sample(io.lawmonitor.synthetic.SampleContext context) {
    return new MediationSample(context);
  }

  @Override
  public EventAttributes readAttributes(Event e, Attributes a) throws Attributes.Invalid {
    return switch (e.type) {
      case APPLIED -> new MediationAttributes(a.text("disputeType"), Boolean.TRUE.equals(a.bool("preLitigation", false)),
          a.text("committee"), null, null);
      case MEDIATED -> new MediationAttributes(null, null, null, a.oneOf("result", RESULT, true, null), null);
      case FEEDBACK -> new MediationAttributes(null, null, null, null, a.bool("satisfied", true));
      default -> null;
    };
  }


  @Override
  public void contribute(Fact f, Consumer<Contribution> out) {
    int s = f.sign();
    switch (f.kind()) {
      case MEDIATED -> {
        // 人民调解 and 诉前调解 are separate populations with separate published rates (98.9% vs
        // about 70%): mixing them would make a good week of pre-litigation work look like a slump.
        boolean success = f.detail().endsWith("SUCCESS");
        out.accept(new Contribution(f.detail().startsWith("PRE_") ? PRELITIGATION_SUCCESS_RATE : SUCCESS_RATE, success ? s : 0, s));
      }
      case FULFILMENT -> out.accept(new Contribution(FULFILMENT_RATE, "FULFILLED".equals(f.detail()) ? s : 0, s));
      case FEEDBACK -> out.accept(new Contribution(SATISFACTION_RATE, "true".equals(f.detail()) ? s : 0, s));
      default -> { }
    }
  }

  /** What a walk remembers of a dispute. */
  static final class Dispute implements CaseMemory {
    String mediated;
    boolean preLitigation;
    long fulfilmentCheck = CaseWalk.NONE;
    boolean fulfilmentDone;

    @Override
    public long[] numbers() {
      return new long[] {CaseMemory.flag(preLitigation), fulfilmentCheck, CaseMemory.flag(fulfilmentDone)};
    }

    @Override
    public String[] texts() {
      return new String[] {mediated};
    }

    @Override
    public void restore(long[] n, String[] t) {
      preLitigation = n[0] != 0;
      fulfilmentCheck = n[1];
      fulfilmentDone = n[2] != 0;
      mediated = t[0];
    }
  }

  @Override
  public Lifecycle<?> lifecycle(StreamSettings settings, Deadlines deadlines) {
    int conclusionDays = settings.get("conclusionDays");
    int fulfilmentCheckDays = settings.get("fulfilmentCheckDays");
    return new Lifecycle<Dispute>() {
      @Override
      public Dispute newCase() {
        return new Dispute();
      }

      @Override
      public void step(CaseWalk w, Dispute d, Event e) {
        long t = e.eventTime;
        switch (e.type) {
          case APPLIED -> {
            if (!w.mayOpen(e, "a second APPLIED for a dispute already applied", "APPLIED after the dispute was already mediated")) {
              return;
            }
            MediationAttributes applied = MediationAttributes.of(e);
            w.agencyFrom(e, e.agency != null ? e.agency : applied.committee());
            d.preLitigation = Boolean.TRUE.equals(applied.preLitigation());
            w.openCase(e);
            w.clock(CONCLUSION, ClockUnit.DAYS, t, deadlines.calendarDaysAfter(t, conclusionDays));
          }
          case MEDIATED -> {
            String result = MediationAttributes.of(e).result();
            if (d.mediated != null) {
              if (!d.mediated.equals(result)) {
                w.reject(e, "a second MEDIATED (" + result + ") contradicting the first (" + d.mediated + ")");
              }
              return;
            }
            w.agencyFrom(e, e.agency);
            d.mediated = result;
            w.fact(FactKind.MEDIATED, (d.preLitigation ? "PRE_" : "") + result, t);
            CaseWalk.Clock c = w.running(CONCLUSION);
            if (c != null) {
              c.complete(t);
            }
            w.endCase(t);
            if ("SUCCESS".equals(result)) {
              d.fulfilmentCheck = deadlines.calendarDaysAfter(t, fulfilmentCheckDays);
            } else {
              w.finishedAt = t;
            }
          }
          case AGREEMENT_FULFILLED -> {
            if ("FAILED".equals(d.mediated)) {
              w.reject(e, "AGREEMENT_FULFILLED for a mediation that failed");
              return;
            }
            if (d.mediated == null && w.hasOpening()) {
              w.reject(e, "AGREEMENT_FULFILLED before the dispute was mediated");
              return;
            }
            if (d.fulfilmentDone) {
              return;
            }
            if (d.mediated == null || t < d.fulfilmentCheck) {
              w.fact(FactKind.FULFILMENT, "FULFILLED", t);
              d.fulfilmentDone = true;
              w.finishedAt = t;
            }
          }
          case FEEDBACK -> w.independentFact(e, FactKind.FEEDBACK, String.valueOf(Boolean.TRUE.equals(MediationAttributes.of(e).satisfied())), t);
          default -> { }
        }
      }

      @Override
      public void settle(CaseWalk w, Dispute d) {
        // an agreement not reported fulfilled by the check counts as unfulfilled then
        if (d.fulfilmentCheck != CaseWalk.NONE && !d.fulfilmentDone) {
          if (d.fulfilmentCheck <= w.limit) {
            w.fact(FactKind.FULFILMENT, "UNFULFILLED", d.fulfilmentCheck);
            d.fulfilmentDone = true;
            w.finishedAt = d.fulfilmentCheck;
          } else if (d.fulfilmentCheck > w.now) {
            w.wakeAt(d.fulfilmentCheck);
          }
        }
      }
    };
  }
}
