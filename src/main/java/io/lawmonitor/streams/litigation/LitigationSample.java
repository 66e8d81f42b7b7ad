package io.lawmonitor.streams.litigation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.synthetic.Geography;
import io.lawmonitor.synthetic.SampleContext;
import io.lawmonitor.synthetic.StreamSample;
import java.time.LocalDate;

/**
 * Administrative suits against the agencies, filed on working days from 90 days before the period
 * (suits run for months): the defence within 15 days (nearly always), a hearing a month or two
 * later with the agency's head in court, the judgment some weeks on; a few withdrawn by the
 * plaintiff first. With episodes on, a hearing in 宜昌市/伍家岗区 without the head.
 */
final class LitigationSample extends StreamSample {
  /** New suits a working day per 12345 request of the day. */
  static final double PER_HOTLINE = 0.006;

  LitigationSample(SampleContext context) {
    super(context, StreamKind.LITIGATION, 0x11719A7_10EL);
  }

  @Override
  public int preludeDays() {
    return 90;
  }

  @Override
  public void day(LocalDate day, int d, double hotlinePerDay) {
    if (!calendar.isWorkingDay(day)) {
      return;
    }
    long dayStart = dayStart(day);
    int suits = poisson(hotlinePerDay * PER_HOTLINE);
    for (int i = 0; i < suits; i++) {
      litigationCase(dayStart + officeTimeOfDay());
    }
  }

  /**
   * A hearing in 宜昌市/伍家岗区 two days on (default sample: Wed Sep 30) whose agency sent no head
   * to court, and one eight days after that (Thu Oct 8) where the head appeared: the district's
   * 出庭应诉率 falls below 100% and recovers.
   */
  @Override
  public void episodes() {
    String region = "宜昌市/伍家岗区/大公桥街道";
    String agency = "宜昌市城市管理综合行政执法局";
    for (int k = 0; k < 2; k++) {
      long filed = workMoment(context.startMillis() - (38 - k) * DAY + 10 * HOUR);
      String caseId = caseId("LT", filed);
      ObjectNode f = attrs();
      f.put("court", "宜昌市伍家岗区人民法院");
      f.put("matter", "行政处罚");
      emit(caseId, "FILED", filed, region, agency, f);
      emit(caseId, "ANSWERED", workMoment(filed + 6 * DAY), region, agency, attrs());
      ObjectNode h = attrs();
      h.put("headAppeared", k == 1);
      emit(caseId, "HEARD", workMoment(context.startMillis() + (4 + 8 * k) * DAY + 14 * HOUR), region, agency, h);
    }
  }

  /** A suit: filed, answered, heard, judged; or withdrawn. */
  private void litigationCase(long t0) {
    Place p = place();
    String caseId = caseId("LT", t0);
    boolean government = rng.nextDouble() < 0.3;
    String agency = government ? p.district() + "人民政府" : p.city() + pick(Geography.AGENCIES);
    String court = government ? p.city() + "中级人民法院" : p.district() + "人民法院";
    ObjectNode f = attrs();
    f.put("court", court);
    f.put("matter", pick(Geography.SUIT_MATTERS));
    if (rng.nextDouble() < 0.5) {
      f.put("partyNames", pick(Geography.SURNAMES) + "某某");
    }
    emit(caseId, "FILED", t0, p.region(), agency, f);
    long deadline = deadlines.calendarDaysAfter(t0, 15);
    long answeredAt = rng.nextDouble() < 0.98
        ? before(workMoment(t0 + (3 + rng.nextInt(10)) * DAY), deadline, t0)
        : workMoment(deadline + rng.nextInt(2) * DAY);
    emit(caseId, "ANSWERED", answeredAt, p.region(), agency, attrs());
    if (rng.nextDouble() < 0.08) {
      emit(caseId, "WITHDRAWN", workMoment(answeredAt + (5 + rng.nextInt(30)) * DAY), p.region(),
          agency, attrs());
      return;
    }
    long heardAt = workMoment(t0 + (25 + rng.nextInt(50)) * DAY);
    ObjectNode h = attrs();
    h.put("headAppeared", true);
    emit(caseId, "HEARD", heardAt, p.region(), agency, h);
    double x = rng.nextDouble();
    String outcome = x < 0.12 ? "LOST" : x < 0.82 ? "WON" : x < 0.90 ? "SETTLED" : "WITHDRAWN";
    ObjectNode j = attrs();
    j.put("outcome", outcome);
    emit(caseId, "JUDGED", workMoment(heardAt + (10 + rng.nextInt(40)) * DAY), p.region(), agency, j);
  }
}
