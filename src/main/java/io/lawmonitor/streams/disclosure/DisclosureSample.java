package io.lawmonitor.streams.disclosure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.synthetic.Geography;
import io.lawmonitor.synthetic.SampleContext;
import io.lawmonitor.synthetic.StreamSample;
import java.time.LocalDate;

/**
 * Applications for government information (依申请公开) received on working days from 45 days
 * before the period: by one of three channels, answered within 20 working days (a few extended,
 * corrected first, or after consulting a third party), with the result the annual
 * 政府信息公开工作年度报告 tables count. With episodes on, the applications to 泸州市's agencies due
 * on the 13th to 15th day of the period (default sample: Oct 8-10, after the National Day holiday)
 * are answered a day or two late.
 */
final class DisclosureSample extends StreamSample {
  /** New applications a working day per 12345 request of the day. */
  static final double PER_HOTLINE = 0.04;

  DisclosureSample(SampleContext context) {
    super(context, StreamKind.DISCLOSURE, 0xD15C105E_0AL);
  }

  @Override
  public int preludeDays() {
    return 45;
  }

  @Override
  public void day(LocalDate day, int d, double hotlinePerDay) {
    if (!calendar.isWorkingDay(day)) {
      return;
    }
    long dayStart = dayStart(day);
    int applications = poisson(hotlinePerDay * PER_HOTLINE);
    for (int i = 0; i < applications; i++) {
      disclosureCase(dayStart + officeTimeOfDay());
    }
  }

  private void disclosureCase(long t0) {
    Place p = place();
    String caseId = caseId("GI", t0);
    boolean government = rng.nextDouble() < 0.35;
    String agency = government ? p.district() + "人民政府办公室" : p.city() + pick(Geography.AGENCIES);
    double c = rng.nextDouble();
    ObjectNode a = attrs();
    a.put("channel", c < 0.55 ? "ONLINE" : c < 0.8 ? "POST" : "IN_PERSON");
    if (rng.nextDouble() < 0.5) {
      a.put("address", p.region() + pick(Geography.SURNAMES) + "家");
    }
    emit(caseId, "APPLIED", t0, p.region(), agency, a);
    long start = t0;
    if (rng.nextDouble() < 0.06) {
      long asked = workMoment(t0 + (1 + rng.nextInt(5)) * DAY);
      emit(caseId, "CORRECTION_REQUESTED", asked, p.region(), agency, attrs());
      start = workMoment(asked + (2 + rng.nextInt(10)) * DAY);
      emit(caseId, "CORRECTED", start, p.region(), agency, attrs());
    }
    long deadline = deadlines.workingDaysAfter(start, 20);
    long last = start;
    if (rng.nextDouble() < 0.04) {
      long since = workMoment(start + (3 + rng.nextInt(8)) * DAY);
      long until = workMoment(since + (3 + rng.nextInt(10)) * DAY);
      emit(caseId, "CONSULTATION_STARTED", since, p.region(), agency, attrs());
      emit(caseId, "CONSULTATION_ENDED", until, p.region(), agency, attrs());
      deadline = deadlines.extendByWorkingDays(deadline, deadlines.workingDaysBetween(since, until));
      last = until;
    }
    if (rng.nextDouble() < 0.05) {
      ObjectNode ex = attrs();
      ex.put("workdays", 20);
      long extendedAt = before(workMoment(Math.max(last, start + (12 + rng.nextInt(10)) * DAY)), deadline, last);
      emit(caseId, "EXTENDED", extendedAt, p.region(), agency, ex);
      deadline = deadlines.extendByWorkingDays(deadline, 20);
      last = extendedAt;
    }
    long answeredAt = rng.nextDouble() < 0.985
        ? before(workMoment(Math.max(last + HOUR, start + (2 + rng.nextInt(24)) * DAY)), deadline, last)
        : workMoment(deadline + rng.nextInt(5) * DAY);
    boolean slow = context.episodes() && p.city().equals("泸州市") && deadline >= context.startMillis() + 12 * DAY
        && deadline < context.startMillis() + 15 * DAY;
    if (slow) {
      answeredAt = workMoment(deadline + rng.nextInt(2) * DAY);
    }
    double r = rng.nextDouble();
    String result = r < 0.42 ? "DISCLOSED" : r < 0.62 ? "PARTLY_DISCLOSED" : r < 0.72 ? "NOT_DISCLOSED"
        : r < 0.86 ? "NOT_EXIST" : r < 0.92 ? "NOT_RESPONSIBLE" : r < 0.97 ? "NOT_PROCESSED" : "OTHER";
    ObjectNode ans = attrs();
    ans.put("result", result);
    emit(caseId, "ANSWERED", answeredAt, p.region(), agency, ans);
  }
}
