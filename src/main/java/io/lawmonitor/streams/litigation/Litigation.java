package io.lawmonitor.streams.litigation;

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
 * 行政应诉: an agency sued. The suit is FILED when the agency receives the copy of the complaint;
 * its defence and evidence are due within 15 days (行政诉讼法 art. 67: calendar days, the day of
 * receipt not counted, a last day off moving to the next working day); each hearing says whether
 * the agency's head (or a deputy) appeared in person (art. 3); the suit ends JUDGED (lost, won,
 * withdrawn with leave, settled) or WITHDRAWN by the plaintiff.
 */
public final class Litigation extends StreamDefinition {
  static final StreamKind S = StreamKind.LITIGATION;
  public static final Metric HEAD_APPEARANCE_RATE = Metric.rate(S, "head_appearance_rate", "负责人出庭应诉率", "出庭应诉率");
  public static final Metric ONTIME_ANSWER_RATE = Metric.rate(S, "ontime_answer_rate", "行政应诉按期答辩率", "按期答辩率");
  public static final Metric LOSS_RATE = Metric.rate(S, "loss_rate", "行政应诉败诉率", "败诉率");
  public static final Metric OPEN_CASES = Metric.gauge(S, "open_cases", "行政应诉在办件", "在办件");
  public static final Metric OVERDUE_OPEN = Metric.gauge(S, "overdue_open", "行政应诉超期未答辩", "超期未答辩");

  /** The answer (答辩状 and evidence): 15 days after the complaint's copy was received. */
  public static final ClockSpec ANSWER = new ClockSpec("LITIGATION_ANSWER", "answer", "提交答辩状", ONTIME_ANSWER_RATE, true);

  /** Outcome details: a hearing with the head present or not; a concluded suit lost or not. */
  static final String HEAD_APPEARED = "HEAD_APPEARED";
  static final String HEAD_ABSENT = "HEAD_ABSENT";
  static final String LOST = "LOST";
  static final String NOT_LOST = "NOT_LOST";

  private static final Set<String> OUTCOMES = Set.of("LOST", "WON", "WITHDRAWN", "SETTLED");

  public Litigation() {
    super(Description.of(S, "行政应诉", "应诉")
        .types(EventType.FILED, EventType.ANSWERED, EventType.HEARD, EventType.JUDGED, EventType.WITHDRAWN)
        .settings(new Setting("answerDays", 15, "days"))
        .clocks(ANSWER)
        .metrics(List.of(HEAD_APPEARANCE_RATE, ONTIME_ANSWER_RATE, LOSS_RATE), OPEN_CASES, OVERDUE_OPEN)
        .headlines(HEAD_APPEARANCE_RATE, ONTIME_ANSWER_RATE, LOSS_RATE)
        .reported(HEAD_APPEARANCE_RATE, ONTIME_ANSWER_RATE, LOSS_RATE));
  }

  @Override
  public io.lawmonitor.synthetic.StreamSample sample(io.lawmonitor.synthetic.SampleContext context) {
    return new LitigationSample(context);
  }

  @Override
  public EventAttributes readAttributes(Event e, Attributes a) throws Attributes.Invalid {
    return switch (e.type) {
      case FILED -> new LitigationAttributes(a.text("court"), a.text("matter"), null, null);
      case HEARD -> new LitigationAttributes(null, null, a.bool("headAppeared", true), null);
      case JUDGED -> new LitigationAttributes(null, null, null, a.oneOf("outcome", OUTCOMES, true, null));
      default -> null;
    };
  }


  @Override
  public void contribute(Fact f, Consumer<Contribution> out) {
    if (f.kind() != FactKind.OUTCOME) {
      return;
    }
    int s = f.sign();
    switch (f.detail()) {
      case HEAD_APPEARED -> out.accept(new Contribution(HEAD_APPEARANCE_RATE, s, s));
      case HEAD_ABSENT -> out.accept(new Contribution(HEAD_APPEARANCE_RATE, 0, s));
      case LOST -> out.accept(new Contribution(LOSS_RATE, s, s));
      case NOT_LOST -> out.accept(new Contribution(LOSS_RATE, 0, s));
      default -> { }
    }
  }

  /** What a walk remembers of a suit. */
  static final class Suit implements CaseMemory {
    boolean answered;
    /** JUDGED's outcome, or WITHDRAWN; null while the suit runs. */
    String concluded;

    @Override
    public long[] numbers() {
      return new long[] {CaseMemory.flag(answered)};
    }

    @Override
    public String[] texts() {
      return new String[] {concluded};
    }

    @Override
    public void restore(long[] n, String[] t) {
      answered = n[0] != 0;
      concluded = t[0];
    }
  }

  @Override
  public Lifecycle<?> lifecycle(StreamSettings settings, Deadlines deadlines) {
    int answerDays = settings.get("answerDays");
    return new Lifecycle<Suit>() {
      @Override
      public Suit newCase() {
        return new Suit();
      }

      @Override
      public void step(CaseWalk w, Suit s, Event e) {
        long t = e.eventTime;
        if (s.concluded != null && e.type != EventType.FILED) {
          String again = e.type == EventType.JUDGED ? LitigationAttributes.of(e).outcome() : e.type == EventType.WITHDRAWN ? "WITHDRAWN" : null;
          if (!s.concluded.equals(again)) {
            w.reject(e, e.type + " on a suit already concluded (" + s.concluded + ")");
          }
          return;
        }
        switch (e.type) {
          case FILED -> {
            if (!w.mayOpen(e, "a second FILED for a suit already filed", "FILED after the suit was already worked on")) {
              return;
            }
            w.agencyFrom(e, e.agency);
            w.openCase(e);
            w.clock(ANSWER, ClockUnit.DAYS, t, deadlines.calendarDaysAfter(t, answerDays));
          }
          case ANSWERED -> {
            if (s.answered) {
              return;
            }
            s.answered = true;
            w.agencyFrom(e, e.agency);
            CaseWalk.Clock c = w.running(ANSWER);
            if (c != null) {
              c.complete(t);
            }
          }
          case HEARD -> {
            w.agencyFrom(e, e.agency);
            w.fact(FactKind.OUTCOME, Boolean.TRUE.equals(LitigationAttributes.of(e).headAppeared()) ? HEAD_APPEARED : HEAD_ABSENT, t);
          }
          case JUDGED, WITHDRAWN -> {
            w.agencyFrom(e, e.agency);
            s.concluded = e.type == EventType.JUDGED ? LitigationAttributes.of(e).outcome() : "WITHDRAWN";
            w.fact(FactKind.OUTCOME, LOST.equals(s.concluded) ? LOST : NOT_LOST, t);
            // a suit concluded before its answer: the answer is no longer due (overdue if it already was)
            CaseWalk.Clock c = w.running(ANSWER);
            if (c != null) {
              c.cancel(t);
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
