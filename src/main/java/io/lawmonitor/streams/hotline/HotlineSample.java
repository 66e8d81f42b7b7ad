package io.lawmonitor.streams.hotline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.calendar.Deadlines;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.synthetic.Geography;
import io.lawmonitor.synthetic.SampleContext;
import io.lawmonitor.synthetic.StreamSample;
import java.time.LocalDate;

/**
 * 12345 requests: calls from 7:00 to 23:00, a consultation answered by the hotline itself, the rest
 * assigned to an agency, responded to and closed within their working days (nearly always), the
 * caller's rating a few hours later (满意率 ~98.5%), a few reopened. With episodes on,
 * 宜昌市/西陵区's 满意率 sags on the third and fourth day (default sample: Sep 28–29).
 */
final class HotlineSample extends StreamSample {
  private final long sagFrom;
  private final long sagTo;

  HotlineSample(SampleContext context) {
    super(context, StreamKind.HOTLINE, 0x12345_0000_12345L);
    sagFrom = context.startMillis() + 2 * DAY;
    sagTo = sagFrom + 2 * DAY;
  }

  @Override
  public void day(LocalDate day, int d, double hotlinePerDay) {
    long dayStart = dayStart(day);
    int n = poisson(hotlinePerDay * (calendar.isWorkingDay(day) ? 1.08 : 0.8));
    for (int i = 0; i < n; i++) {
      request(dayStart + timeOfDay());
    }
  }

  /** Calls come in from 7:00 to 23:00, most around the working day. */
  private long timeOfDay() {
    double h = 7 + 16 * Math.pow(rng.nextDouble(), 1.15);
    return (long) (h * HOUR);
  }

  private void request(long t0) {
    Place p = place();
    String caseId = caseId("HL", t0);
    double k = rng.nextDouble();
    String kind = k < 0.30 ? "CONSULT" : k < 0.65 ? "HELP" : k < 0.95 ? "COMPLAINT" : "PROPOSAL";
    boolean urgent = !"CONSULT".equals(kind) && rng.nextDouble() < 0.03;
    String center = p.city() + "12345政务服务便民热线";
    ObjectNode a = attrs();
    a.put("channel", pick(Geography.HOTLINE_CHANNELS));
    a.put("category", pick(Geography.HOTLINE_CATEGORIES));
    a.put("urgency", urgent ? "URGENT" : "NORMAL");
    a.put("kind", kind);
    if (rng.nextDouble() < 0.6) {
      a.put("callerName", pick(Geography.SURNAMES) + "先生");
      a.put("callerPhone", "1" + (3 + rng.nextInt(7)) + String.format("%09d", rng.nextInt(1_000_000_000)));
    }
    emit(caseId, "RECEIVED", t0, p.region(), center, a);
    long respDeadline = urgent ? Deadlines.hoursAfter(t0, 2) : deadlines.workingDaysAfter(t0, 1);
    long closeDeadline = urgent ? Deadlines.hoursAfter(t0, 24)
        : "CONSULT".equals(kind) ? deadlines.endOfWorkingDay(t0) : deadlines.workingDaysAfter(t0, 3);
    long closedAt;
    String agency;
    long inDay = t0 - dayStart(Deadlines.day(t0));
    if ("CONSULT".equals(kind) && (rng.nextDouble() < 0.8 || inDay >= 17 * HOUR)) {
      // answered by the hotline itself (always in the evening, when agencies have gone home)
      agency = center;
      closedAt = t0 + (5 + rng.nextInt(25)) * MIN;
    } else {
      agency = rng.nextDouble() < 0.25 ? p.district() + "人民政府" : p.city() + pick(Geography.AGENCIES);
      long assignedAt = t0 + (10 + rng.nextInt(50)) * MIN;
      ObjectNode as = attrs();
      as.put("agency", agency);
      emit(caseId, "ASSIGNED", assignedAt, p.region(), agency, as);
      long respondedAt = rng.nextDouble() < 0.995
          ? before(wakingMoment(assignedAt + (20 + rng.nextInt(300)) * MIN), respDeadline, assignedAt)
          : respDeadline + (1 + rng.nextInt(20)) * HOUR;
      emit(caseId, "RESPONDED", respondedAt, p.region(), agency, attrs());
      if (!urgent && rng.nextDouble() < 0.03) {
        long extAt = before(respondedAt + (2 + rng.nextInt(20)) * HOUR, closeDeadline, respondedAt);
        ObjectNode ex = attrs();
        ex.put("workdays", 10);
        emit(caseId, "EXTENDED", extAt, p.region(), agency, ex);
        closeDeadline = deadlines.extendByWorkingDays(closeDeadline, 10);
      }
      long span = Math.max(HOUR, closeDeadline - respondedAt);
      closedAt = rng.nextDouble() < 0.995
          ? before(wakingMoment(respondedAt + (long) (span * rng.nextDouble() * 0.8)), closeDeadline, respondedAt)
          : closeDeadline + (2 + rng.nextInt(60)) * HOUR;
    }
    boolean resolved = rng.nextDouble() < 0.93;
    ObjectNode c = attrs();
    c.put("resolved", resolved);
    emit(caseId, "CLOSED", closedAt, p.region(), agency, c);
    if (rng.nextDouble() < 0.85) {
      long visitedAt = dayTime(closedAt + (4 + rng.nextInt(44)) * HOUR, 9, 20);
      boolean sag = context.episodes() && "宜昌市/西陵区".equals(p.city() + "/" + p.district()) && visitedAt >= sagFrom
          && visitedAt < sagTo;
      double r = rng.nextDouble();
      String s = sag
          ? (r < 0.55 ? "SATISFIED" : r < 0.68 ? "BASICALLY_SATISFIED" : r < 0.98 ? "DISSATISFIED" : "UNREACHABLE")
          : (r < 0.88 ? "SATISFIED" : r < 0.975 ? "BASICALLY_SATISFIED" : r < 0.99 ? "DISSATISFIED" : "UNREACHABLE");
      ObjectNode v = attrs();
      v.put("satisfaction", s);
      emit(caseId, "VISITED", visitedAt, p.region(), center, v);
    }
    if (rng.nextDouble() < 0.01) {
      long reopenedAt = closedAt + (20 + rng.nextInt(40)) * HOUR;
      emit(caseId, "REOPENED", reopenedAt, p.region(), center, attrs());
      ObjectNode c2 = attrs();
      c2.put("resolved", true);
      emit(caseId, "CLOSED", wakingMoment(reopenedAt + (4 + rng.nextInt(30)) * HOUR), p.region(), agency, c2);
    }
  }
}
