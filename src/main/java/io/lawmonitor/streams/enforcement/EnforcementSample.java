package io.lawmonitor.streams.enforcement;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.synthetic.Geography;
import io.lawmonitor.synthetic.SampleContext;
import io.lawmonitor.synthetic.StreamSample;
import java.time.LocalDate;
import java.util.List;

/**
 * Enforcement cases filed on working days: a quarter by the simple procedure decided on the spot,
 * the rest within their 90 days (a few extended by 30), closed, and some files reviewed later
 * (案卷评查合格率 ~95%).
 */
final class EnforcementSample extends StreamSample {
  /** New cases a working day per 12345 request of the day. */
  static final double PER_HOTLINE = 0.05 * 1.4;

  EnforcementSample(SampleContext context) {
    super(context, StreamKind.ENFORCEMENT, 0xE2F0_4CE_2026L);
  }

  @Override
  public void day(LocalDate day, int d, double hotlinePerDay) {
    if (!calendar.isWorkingDay(day)) {
      return;
    }
    long dayStart = dayStart(day);
    int n = poisson(hotlinePerDay * PER_HOTLINE);
    for (int i = 0; i < n; i++) {
      enforcementCase(dayStart + officeTimeOfDay());
    }
  }

  private void enforcementCase(long t0) {
    Place p = place();
    String caseId = caseId("EN", t0);
    String agency = p.city() + pick(Geography.AGENCIES);
    boolean simple = rng.nextDouble() < 0.25;
    ObjectNode f = attrs();
    f.put("procedure", simple ? "SIMPLE" : "GENERAL");
    f.put("lawArea", pick(Geography.LAW_AREAS));
    if (rng.nextDouble() < 0.3) {
      f.put("partyNames", List.of(pick(Geography.SURNAMES) + "某某").toString());
    }
    emit(caseId, "FILED", t0, p.region(), agency, f);
    long decidedAt;
    if (simple) {
      decidedAt = t0 + (20 + rng.nextInt(120)) * MIN;
    } else {
      long deadline = deadlines.calendarDaysAfter(t0, 90);
      if (rng.nextDouble() < 0.05) {
        ObjectNode ex = attrs();
        ex.put("days", 30);
        emit(caseId, "EXTENDED", workMoment(t0 + (30 + rng.nextInt(40)) * DAY), p.region(), agency, ex);
        deadline = deadlines.calendarDaysAfter(t0, 120);
      }
      decidedAt = before(workMoment(t0 + (3 + rng.nextInt(40)) * DAY), deadline, t0);
    }
    double d = rng.nextDouble();
    String decision = d < 0.70 ? "PENALTY" : d < 0.82 ? "NO_PENALTY" : d < 0.92 ? "EXEMPT_FIRST_OFFENCE"
        : d < 0.95 ? "TRANSFERRED" : "DISMISSED";
    ObjectNode dec = attrs();
    dec.put("decision", decision);
    if ("PENALTY".equals(decision)) {
      dec.put("fineYuan", 200 + rng.nextInt(50) * 1000);
    }
    emit(caseId, "DECIDED", decidedAt, p.region(), agency, dec);
    long closedAt = workMoment(decidedAt + (simple ? 0 : (3 + rng.nextInt(18)) * DAY) + HOUR);
    emit(caseId, "CLOSED", closedAt, p.region(), agency, attrs());
    if (rng.nextDouble() < 0.3) {
      ObjectNode r = attrs();
      boolean pass = rng.nextDouble() < 0.95;
      r.put("result", pass ? "PASS" : "DEFECTIVE");
      r.put("corrected", !pass && rng.nextDouble() < 0.8);
      emit(caseId, "FILE_REVIEWED", workMoment(closedAt + (1 + rng.nextInt(10)) * DAY), p.region(), p.city() + "司法局", r);
    }
  }
}
