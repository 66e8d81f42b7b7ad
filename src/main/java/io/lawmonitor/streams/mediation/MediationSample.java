package io.lawmonitor.streams.mediation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.synthetic.Geography;
import io.lawmonitor.synthetic.SampleContext;
import io.lawmonitor.synthetic.StreamSample;
import java.time.LocalDate;

/**
 * People's mediation: disputes brought every day (fewer at weekends), 45% referred by a court
 * before a suit (诉前调解, success ~75%), the rest to a street's committee (~98.5%), most mediated
 * within 30 days, agreements fulfilled, the parties' feedback. With episodes on, pre-litigation
 * mediation has a weak week, the tenth to sixteenth day (default sample: Oct 5–11).
 */
final class MediationSample extends StreamSample {
  /** New cases a day per 12345 request of the day, on a working day and on a day off. */
  static final double PER_HOTLINE_WORKING = 0.15 * 1.2;
  static final double PER_HOTLINE_OFF = 0.15 * 0.5;

  private final long weakFrom;
  private final long weakTo;

  MediationSample(SampleContext context) {
    super(context, StreamKind.MEDIATION, 0x3ED1A7_10_2026L);
    weakFrom = context.startMillis() + 9 * DAY;
    weakTo = weakFrom + 7 * DAY;
  }

  @Override
  public void day(LocalDate day, int d, double hotlinePerDay) {
    long dayStart = dayStart(day);
    int n = poisson(hotlinePerDay * (calendar.isWorkingDay(day) ? PER_HOTLINE_WORKING : PER_HOTLINE_OFF));
    for (int i = 0; i < n; i++) {
      dispute(dayStart + officeTimeOfDay());
    }
  }

  private void dispute(long t0) {
    Place p = place();
    String caseId = caseId("MD", t0);
    boolean pre = rng.nextDouble() < 0.45;
    String committee = pre ? p.district() + "诉调对接人民调解委员会" : p.street() + "人民调解委员会";
    String agency = pre ? p.district() + "人民法院" : p.district() + "司法局";
    ObjectNode a = attrs();
    a.put("disputeType", pick(Geography.DISPUTE_TYPES));
    a.put("preLitigation", pre);
    a.put("committee", committee);
    if (rng.nextDouble() < 0.4) {
      a.put("partyNames", pick(Geography.SURNAMES) + "某、" + pick(Geography.SURNAMES) + "某");
    }
    emit(caseId, "APPLIED", t0, p.region(), agency, a);
    long deadline = deadlines.calendarDaysAfter(t0, 30);
    long mediatedAt = rng.nextDouble() < 0.98
        ? before(workMoment(t0 + (1 + rng.nextInt(20)) * DAY), deadline, t0)
        : deadline + (1 + rng.nextInt(10)) * DAY;
    boolean weak = context.episodes() && pre && mediatedAt >= weakFrom && mediatedAt < weakTo;
    double successRate = pre ? (weak ? 0.35 : 0.75) : 0.985;
    boolean success = rng.nextDouble() < successRate;
    ObjectNode m = attrs();
    m.put("result", success ? "SUCCESS" : "FAILED");
    emit(caseId, "MEDIATED", mediatedAt, p.region(), agency, m);
    if (success && rng.nextDouble() < 0.9) {
      emit(caseId, "AGREEMENT_FULFILLED", workMoment(mediatedAt + (1 + rng.nextInt(20)) * DAY), p.region(), agency, attrs());
    }
    if (rng.nextDouble() < 0.6) {
      ObjectNode f = attrs();
      f.put("satisfied", rng.nextDouble() < 0.97);
      emit(caseId, "FEEDBACK", dayTime(mediatedAt + (1 + rng.nextInt(5)) * DAY, 9, 18), p.region(), agency, f);
    }
  }
}
