package io.lawmonitor.streams.disclosure;

import io.lawmonitor.calendar.ClockUnit;
import io.lawmonitor.calendar.Deadlines;
import io.lawmonitor.events.Attributes;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.EventAttributes;
import io.lawmonitor.events.EventType;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.lifecycle.Fact;
import io.lawmonitor.lifecycle.FactKind;
import io.lawmonitor.streams.CaseMemory;
import io.lawmonitor.streams.CaseWalk;
import io.lawmonitor.streams.ClockSpec;
import io.lawmonitor.streams.Contribution;

import io.lawmonitor.streams.Lifecycle;
import io.lawmonitor.streams.Metric;
import io.lawmonitor.streams.Setting;
import io.lawmonitor.streams.StreamDefinition;
import io.lawmonitor.streams.StreamSettings;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * 政府信息公开 on application (政府信息公开条例). An application is received on the day it is
 * submitted in person, the postal receipt is signed, or the online submission is confirmed (art.
 * 31: the producer dates APPLIED so); the answer is due within 20 working days of receipt (art.
 * 33), extended by up to 20 more. A request to correct the application stops the clock, and the
 * corrected application starts it afresh from its own day (art. 30). Time spent asking a third
 * party's view is not counted (art. 33): the working days from the day after the consultation
 * started through the day it ended move the deadline later, and while it runs the clock stands.
 */
public final class Disclosure extends StreamDefinition {
  static final StreamKind S = StreamKind.DISCLOSURE;
  public static final Metric ONTIME_ANSWER_RATE = Metric.rate(S, "ontime_answer_rate", "依申请公开按期答复率", "按期答复率");
  public static final Metric DISCLOSURE_RATE = Metric.rate(S, "disclosure_rate", "依申请公开公开率", "公开率");
  public static final Metric OPEN_CASES = Metric.gauge(S, "open_cases", "依申请公开在办件", "在办件");
  public static final Metric OVERDUE_OPEN = Metric.gauge(S, "overdue_open", "依申请公开超期未答复", "超期未答复");

  /** The answer: 20 working days after receipt, plus an extension and the consultation's days. */
  public static final ClockSpec ANSWER = new ClockSpec("DISCLOSURE_ANSWER", "answer", "答复", ONTIME_ANSWER_RATE, true);

  private static final Set<String> CHANNELS = Set.of("IN_PERSON", "POST", "ONLINE");
  private static final Set<String> RESULTS = Set.of("DISCLOSED", "PARTLY_DISCLOSED", "NOT_DISCLOSED", "NOT_EXIST",
      "NOT_RESPONSIBLE", "NOT_PROCESSED", "OTHER");
  private static final Set<String> DISCLOSING = Set.of("DISCLOSED", "PARTLY_DISCLOSED");

  public Disclosure() {
    super(Description.of(S, "政府信息公开", "依申请公开")
        .types(EventType.APPLIED, EventType.CORRECTION_REQUESTED, EventType.CORRECTED, EventType.EXTENDED,
            EventType.CONSULTATION_STARTED, EventType.CONSULTATION_ENDED, EventType.ANSWERED)
        .settings(new Setting("answerWorkdays", 20, "working days"), new Setting("maxExtensionWorkdays", 20,
            "working days"))
        .clocks(ANSWER)
        .metrics(List.of(ONTIME_ANSWER_RATE, DISCLOSURE_RATE), OPEN_CASES, OVERDUE_OPEN)
        .headlines(ONTIME_ANSWER_RATE, DISCLOSURE_RATE)
        .reported(ONTIME_ANSWER_RATE, DISCLOSURE_RATE));
  }

  @Override
  public io.lawmonitor.synthetic.StreamSample sample(io.lawmonitor.synthetic.SampleContext context) {
    return new DisclosureSample(context);
  }

  @Override
  public EventAttributes readAttributes(Event e, Attributes a) throws Attributes.Invalid {
    return switch (e.type) {
      case APPLIED -> new DisclosureAttributes(a.oneOf("channel", CHANNELS, false, null), null, null);
      case EXTENDED -> new DisclosureAttributes(null, a.days("workdays", 20, 20), null);
      case ANSWERED -> new DisclosureAttributes(null, null, a.oneOf("result", RESULTS, true, null));
      default -> null;
    };
  }


  @Override
  public void contribute(Fact f, Consumer<Contribution> out) {
    if (f.kind() == FactKind.OUTCOME) {
      int s = f.sign();
      out.accept(new Contribution(DISCLOSURE_RATE, DISCLOSING.contains(f.detail()) ? s : 0, s));
    }
  }

  /** What a walk remembers of an application. */
  static final class Application implements CaseMemory {
    String answered;
    /** Waiting for the corrected application (the clock stopped). */
    boolean correcting;
    /** The time a consultation started, while it runs; else {@link CaseWalk#NONE}. */
    long consultingSince = CaseWalk.NONE;
    /** Working days the clock stood for consultations that ended. */
    int consulted;

    @Override
    public long[] numbers() {
      return new long[] {CaseMemory.flag(correcting), consultingSince, consulted};
    }

    @Override
    public String[] texts() {
      return new String[] {answered};
    }

    @Override
    public void restore(long[] n, String[] t) {
      correcting = n[0] != 0;
      consultingSince = n[1];
      consulted = (int) n[2];
      answered = t[0];
    }
  }

  @Override
  public Lifecycle<?> lifecycle(StreamSettings settings, Deadlines deadlines) {
    int answerWorkdays = settings.get("answerWorkdays");
    int maxExtension = settings.get("maxExtensionWorkdays");
    return new Lifecycle<Application>() {
      @Override
      public Application newCase() {
        return new Application();
      }

      /** The deadline from the clock's start: the period, the extension, the days consulting; none while consulting. */
      private void reckon(CaseWalk.Clock c, Application a) {
        c.deadline = a.consultingSince != CaseWalk.NONE ? CaseWalk.NONE
            : deadlines.workingDaysAfter(c.start, c.baseDays + c.extension + a.consulted);
      }

      private void start(CaseWalk w, Application a, long t) {
        CaseWalk.Clock c = w.clock(ANSWER, ClockUnit.WORKING_DAYS, t, deadlines.workingDaysAfter(t, answerWorkdays));
        c.baseDays = answerWorkdays;
        a.consulted = 0;
        a.consultingSince = CaseWalk.NONE;
      }

      @Override
      public void step(CaseWalk w, Application a, Event e) {
        long t = e.eventTime;
        if (a.answered != null && e.type != EventType.APPLIED) {
          if (e.type != EventType.ANSWERED || !a.answered.equals(DisclosureAttributes.of(e).result())) {
            w.reject(e, e.type + " on an application already answered (" + a.answered + ")");
          }
          return;
        }
        switch (e.type) {
          case APPLIED -> {
            if (!w.mayOpen(e, "a second APPLIED for an application already received",
                "APPLIED after the application was already worked on")) {
              return;
            }
            w.agencyFrom(e, e.agency);
            w.openCase(e);
            start(w, a, t);
          }
          case CORRECTION_REQUESTED -> {
            // stops the clock if it is still within its time; a request after the deadline does not undo the delay
            CaseWalk.Clock c = w.running(ANSWER);
            if (c != null && t < c.deadline) {
              c.cancel(t);
              a.correcting = true;
            }
          }
          case CORRECTED -> {
            if (a.correcting) {
              a.correcting = false;
              start(w, a, t);
            }
          }
          case EXTENDED -> {
            CaseWalk.Clock c = w.running(ANSWER);
            if (c != null && t < c.deadline) {
              c.extension = Math.min(maxExtension, c.extension + orZero(DisclosureAttributes.of(e).workdays()));
              reckon(c, a);
            }
          }
          case CONSULTATION_STARTED -> {
            CaseWalk.Clock c = w.running(ANSWER);
            if (c != null && t < c.deadline && a.consultingSince == CaseWalk.NONE) {
              a.consultingSince = t;
              reckon(c, a);
            }
          }
          case CONSULTATION_ENDED -> {
            CaseWalk.Clock c = w.running(ANSWER);
            if (c != null && a.consultingSince != CaseWalk.NONE) {
              a.consulted += deadlines.workingDaysBetween(a.consultingSince, t);
              a.consultingSince = CaseWalk.NONE;
              reckon(c, a);
            }
          }
          case ANSWERED -> {
            w.agencyFrom(e, e.agency);
            a.answered = DisclosureAttributes.of(e).result();
            w.fact(FactKind.OUTCOME, a.answered, t);
            CaseWalk.Clock c = w.running(ANSWER);
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
