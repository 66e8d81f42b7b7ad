package io.lawmonitor.streams.review;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.synthetic.Geography;
import io.lawmonitor.synthetic.SampleContext;
import io.lawmonitor.synthetic.StreamSample;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * 行政复议 applications received on working days: a quarter not accepted, the rest decided within
 * their 60 days (30 simplified), some settled or withdrawn. With episodes on, one application
 * whose acceptance is decided after its five working days.
 */
final class ReviewSample extends StreamSample {
  /** New applications a working day per 12345 request of the day. */
  static final double PER_HOTLINE = 0.01 * 1.4;

  ReviewSample(SampleContext context) {
    super(context, StreamKind.REVIEW, 0x2EF1E3_0F_2026L);
  }

  @Override
  public void day(LocalDate day, int d, double hotlinePerDay) {
    if (!calendar.isWorkingDay(day)) {
      return;
    }
    long dayStart = dayStart(day);
    int n = poisson(hotlinePerDay * PER_HOTLINE);
    for (int i = 0; i < n; i++) {
      application(caseId("RV", dayStart), dayStart + officeTimeOfDay(), null);
    }
  }

  /**
   * An application received on the third day (for the default sample Monday Sep 28, just before
   * the National Day holiday, so its five working days run to 24:00 Oct 10, a make-up Saturday)
   * whose acceptance is decided only the next working day after the deadline. It draws from its
   * own random numbers and has case number 0, so the other cases are the same with or without it.
   */
  @Override
  public void episodes() {
    SplittableRandom own = rng;
    rng = new SplittableRandom(context.seed() ^ 0x5EED_0F_0E9150DEL);
    long received = context.startMillis() + 2 * DAY + 10 * HOUR;
    long deadline = deadlines.workingDaysAfter(received, 5);
    long accepted = workMoment(deadline + 30 * HOUR);
    if (accepted < context.endMillis()) {
      last(() -> application(caseId("RV", received, 0), received, accepted));
    }
    rng = own;
  }

  private void application(String caseId, long t0, Long acceptAt) {
    Place p = place();
    String respondent = p.city() + pick(Geography.AGENCIES);
    ObjectNode a = attrs();
    if (rng.nextDouble() < 0.5) {
      a.put("idNumber", String.format("%06d19%02d%02d%02d%04d", 420500 + rng.nextInt(99), 60 + rng.nextInt(40),
          1 + rng.nextInt(12), 1 + rng.nextInt(28), rng.nextInt(10000)));
    }
    emit(caseId, "RECEIVED", t0, p.region(), respondent, a);
    long intakeDeadline = deadlines.workingDaysAfter(t0, 5);
    long decidedAt = acceptAt != null ? acceptAt
        : before(workMoment(t0 + (1 + rng.nextInt(4)) * DAY), intakeDeadline, t0);
    if (acceptAt == null && rng.nextDouble() < 0.25) {
      emit(caseId, "NOT_ACCEPTED", decidedAt, p.region(), respondent, attrs());
      return;
    }
    boolean simplified = rng.nextDouble() < 0.3;
    ObjectNode acc = attrs();
    acc.put("procedure", simplified ? "SIMPLIFIED" : "NORMAL");
    emit(caseId, "ACCEPTED", decidedAt, p.region(), respondent, acc);
    long deadline = deadlines.calendarDaysAfter(decidedAt, simplified ? 30 : 60);
    long concludedAt = before(workMoment(decidedAt + (8 + rng.nextInt(simplified ? 20 : 50)) * DAY), deadline, decidedAt);
    double r = rng.nextDouble();
    if (r < 0.165) {
      ObjectNode s = attrs();
      s.put("how", rng.nextBoolean() ? "MEDIATION" : "RECONCILIATION");
      emit(caseId, "SETTLED", concludedAt, p.region(), respondent, s);
    } else if (r < 0.21) {
      emit(caseId, "WITHDRAWN", concludedAt, p.region(), respondent, attrs());
    } else {
      double x = rng.nextDouble();
      String outcome = x < 0.55 ? "UPHELD" : x < 0.67 ? "REVOKED" : x < 0.70 ? "ALTERED" : x < 0.78 ? "CONFIRMED_ILLEGAL"
          : x < 0.82 ? "ORDERED_TO_PERFORM" : "DISMISSED";
      ObjectNode d = attrs();
      d.put("outcome", outcome);
      emit(caseId, "DECIDED", concludedAt, p.region(), respondent, d);
    }
  }
}
