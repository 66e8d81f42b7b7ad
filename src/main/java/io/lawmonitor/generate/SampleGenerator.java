package io.lawmonitor.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.calendar.Deadlines;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.events.StreamKind;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic but realistic events for the four streams: the cities, districts and agencies of the
 * source reports, statutory timing on the real working-day calendar, report-like rates (12345
 * 满意率 ~98.5%, 调解成功率 ~98.5%, 诉前调解 ~72%, 案卷评查合格率 ~95%), producer retries, and
 * personal data in the raw input that the monitor must strip. With episodes on, it adds three
 * slippages the default rules catch: a district whose 满意率 sags for two days, a 行政复议
 * application whose acceptance review runs past its deadline, and a week of weak pre-litigation
 * mediation. Seeded: the same options give the same events.
 *
 * <p>Events are produced day by day and handed on in time order as soon as no later case can come
 * before them, so memory holds only the cases still running, whatever the number of days or events.
 */
public final class SampleGenerator {

  /**
   * What to generate: about {@code targetEvents} events, or {@code casesPerDay} new cases a day when
   * that is positive; over the first {@code cities} cities of the geography.
   */
  public record Options(LocalDate start, int days, long targetEvents, long seed, boolean episodes, double casesPerDay,
      int cities) {
    public Options(LocalDate start, int days, long targetEvents, long seed, boolean episodes) {
      this(start, days, targetEvents, seed, episodes, 0, Geography.CITIES.size());
    }
  }

  /** The cities events can come from. */
  public static int cityCount() {
    return Geography.CITIES.size();
  }

  /** One generated event line and its time, for sorting. */
  public record Line(long time, String json) {}

  /** Where the events go, in time order (ties by stream, then as generated). */
  @FunctionalInterface
  public interface Out {
    /** Takes one event; false stops the generation. */
    boolean accept(StreamKind stream, Line line) throws java.io.IOException;
  }

  /** An event waiting for its time: held until no case yet to come can produce an earlier one. */
  private record Pending(long time, StreamKind stream, long order, String json) {}

  private static final Comparator<Pending> IN_ORDER = Comparator.comparingLong(Pending::time)
      .thenComparing(Pending::stream).thenComparingLong(Pending::order);

  private static final ZoneId ZONE = WorkCalendar.ZONE;
  private static final long MIN = 60_000L;
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;

  // daily cases per hotline case, and events per case, by stream
  private static final double ENFORCEMENT_PER_HOTLINE = 0.05;
  private static final double REVIEW_PER_HOTLINE = 0.01;
  private static final double MEDIATION_PER_HOTLINE = 0.15;
  /** Events per hotline case and its share of the other streams, as generated (measured, not planned). */
  private static final double EVENTS_PER_UNIT = 4.4;
  /** Cases of all streams per hotline case, over a week of five working days. */
  private static final double CASES_PER_UNIT = 1 + (ENFORCEMENT_PER_HOTLINE * 1.4 + REVIEW_PER_HOTLINE * 1.4) * 5 / 7
      + MEDIATION_PER_HOTLINE * (1.2 * 5 + 0.5 * 2) / 7;

  // 行政应诉 and 政府信息公开: cases per hotline case on a working day
  private static final double LITIGATION_PER_HOTLINE = 0.006;
  private static final double DISCLOSURE_PER_HOTLINE = 0.04;
  /** Their histories begin this many days before the period: suits run for months, answers take weeks. */
  static final int LITIGATION_PRELUDE_DAYS = 90;
  static final int DISCLOSURE_PRELUDE_DAYS = 45;

  private final Options o;
  private final Deadlines deadlines;
  private final WorkCalendar calendar;
  private SplittableRandom rng;
  private final List<Geography.City> cities;
  private final ObjectMapper mapper = new ObjectMapper();
  private final java.util.PriorityQueue<Pending> pending = new java.util.PriorityQueue<>(IN_ORDER);
  private long order;
  private int caseEvents;
  private final long startMillis;
  private final long endMillis;
  private int seq;

  /** The streams added since the first four draw from random sequences of their own, so they leave the others as they were. */
  private final SplittableRandom litigationRng;
  private final SplittableRandom disclosureRng;
  private int litigationSeq;
  private int disclosureSeq;

  // episode windows
  private final long sagFrom;
  private final long sagTo;
  private final long weakFrom;
  private final long weakTo;

  public SampleGenerator(Options o, WorkCalendar calendar) {
    this.o = o;
    this.calendar = calendar;
    this.deadlines = new Deadlines(calendar);
    this.rng = new SplittableRandom(o.seed());
    this.litigationRng = new SplittableRandom(o.seed() ^ 0x11719A7_10EL);
    this.disclosureRng = new SplittableRandom(o.seed() ^ 0xD15C105E_0AL);
    this.cities = Geography.CITIES.subList(0, Math.max(1, Math.min(o.cities(), Geography.CITIES.size())));
    startMillis = o.start().atStartOfDay(ZONE).toInstant().toEpochMilli();
    endMillis = startMillis + o.days() * DAY;
    // the third and fourth day; the tenth to sixteenth (default sample: Sep 28–29 and Oct 5–11)
    sagFrom = startMillis + 2 * DAY;
    sagTo = sagFrom + 2 * DAY;
    weakFrom = startMillis + 9 * DAY;
    weakTo = weakFrom + 7 * DAY;
  }

  /** The events by stream, each list in time order: for small volumes, held in memory. */
  public Map<StreamKind, List<Line>> generate() {
    Map<StreamKind, List<Line>> byStream = new EnumMap<>(StreamKind.class);
    for (StreamKind s : StreamKind.values()) {
      byStream.put(s, new ArrayList<>());
    }
    try {
      generate((s, l) -> byStream.get(s).add(l));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return byStream;
  }

  /**
   * Hands every event of the period to {@code out} in time order; returns how many it took. The data
   * is cut at the end of the period: cases still running then stay open.
   */
  public long generate(Out out) throws java.io.IOException {
    if (o.episodes()) {
      overdueReviewEpisode();
      SplittableRandom main = rng;
      rng = litigationRng;
      headAbsentEpisode();
      rng = main;
    }
    double hotlinePerDay = o.casesPerDay() > 0 ? o.casesPerDay() / CASES_PER_UNIT
        : o.targetEvents() / (o.days() * EVENTS_PER_UNIT);
    long[] taken = {0};
    for (int d = -LITIGATION_PRELUDE_DAYS; d < 0; d++) {
      newStreamsDay(o.start().plusDays(d), hotlinePerDay, d);
    }
    for (int d = 0; d < o.days(); d++) {
      LocalDate day = o.start().plusDays(d);
      long dayStart = day.atStartOfDay(ZONE).toInstant().toEpochMilli();
      boolean working = calendar.isWorkingDay(day);
      int hotline = poisson(hotlinePerDay * (working ? 1.08 : 0.8));
      for (int i = 0; i < hotline; i++) {
        hotlineCase(dayStart + hotlineTimeOfDay());
      }
      if (working) {
        int enf = poisson(hotlinePerDay * ENFORCEMENT_PER_HOTLINE * 1.4);
        for (int i = 0; i < enf; i++) {
          enforcementCase(dayStart + officeTimeOfDay());
        }
        int rev = poisson(hotlinePerDay * REVIEW_PER_HOTLINE * 1.4);
        for (int i = 0; i < rev; i++) {
          reviewCase(caseId("RV", dayStart), dayStart + officeTimeOfDay(), null);
        }
      }
      int med = poisson(hotlinePerDay * MEDIATION_PER_HOTLINE * (working ? 1.2 : 0.5));
      for (int i = 0; i < med; i++) {
        mediationCase(dayStart + officeTimeOfDay());
      }
      newStreamsDay(day, hotlinePerDay, d);
      // every case still to come opens on a later day, and no event comes before its case opens
      long next = o.start().plusDays(d + 1L).atStartOfDay(ZONE).toInstant().toEpochMilli();
      if (!release(out, Math.min(next, endMillis), taken)) {
        return taken[0];
      }
    }
    release(out, endMillis, taken);
    pending.clear();
    return taken[0];
  }

  /** Hands on the events before {@code until}, counting them; false if {@code out} stopped. */
  private boolean release(Out out, long until, long[] taken) throws java.io.IOException {
    while (!pending.isEmpty() && pending.peek().time() < until) {
      Pending p = pending.poll();
      taken[0]++;
      if (!out.accept(p.stream(), new Line(p.time(), p.json()))) {
        pending.clear();
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- hotline

  private void hotlineCase(long t0) {
    Place p = place();
    String caseId = caseId("HL", t0);
    double k = rng.nextDouble();
    String kind = k < 0.30 ? "CONSULT" : k < 0.65 ? "HELP" : k < 0.95 ? "COMPLAINT" : "PROPOSAL";
    boolean urgent = !"CONSULT".equals(kind) && rng.nextDouble() < 0.03;
    String center = p.city + "12345政务服务便民热线";
    ObjectNode a = attrs();
    a.put("channel", pick(Geography.HOTLINE_CHANNELS));
    a.put("category", pick(Geography.HOTLINE_CATEGORIES));
    a.put("urgency", urgent ? "URGENT" : "NORMAL");
    a.put("kind", kind);
    if (rng.nextDouble() < 0.6) {
      a.put("callerName", pick(Geography.SURNAMES) + "先生");
      a.put("callerPhone", "1" + (3 + rng.nextInt(7)) + String.format("%09d", rng.nextInt(1_000_000_000)));
    }
    emit(StreamKind.HOTLINE, caseId, "RECEIVED", t0, p.region, center, a);
    long respDeadline = urgent ? Deadlines.hoursAfter(t0, 2) : deadlines.workingDaysAfter(t0, 1);
    long closeDeadline = urgent ? Deadlines.hoursAfter(t0, 24)
        : "CONSULT".equals(kind) ? deadlines.endOfWorkingDay(t0) : deadlines.workingDaysAfter(t0, 3);
    long closedAt;
    String agency;
    long inDay = t0 - Deadlines.day(t0).atStartOfDay(ZONE).toInstant().toEpochMilli();
    if ("CONSULT".equals(kind) && (rng.nextDouble() < 0.8 || inDay >= 17 * HOUR)) {
      // answered by the hotline itself (always in the evening, when agencies have gone home)
      agency = center;
      closedAt = t0 + (5 + rng.nextInt(25)) * MIN;
    } else {
      agency = rng.nextDouble() < 0.25 ? p.district + "人民政府" : p.city + pick(Geography.AGENCIES);
      long assignedAt = t0 + (10 + rng.nextInt(50)) * MIN;
      ObjectNode as = attrs();
      as.put("agency", agency);
      emit(StreamKind.HOTLINE, caseId, "ASSIGNED", assignedAt, p.region, agency, as);
      long respondedAt = rng.nextDouble() < 0.995
          ? before(wakingMoment(assignedAt + (20 + rng.nextInt(300)) * MIN), respDeadline, assignedAt)
          : respDeadline + (1 + rng.nextInt(20)) * HOUR;
      emit(StreamKind.HOTLINE, caseId, "RESPONDED", respondedAt, p.region, agency, attrs());
      if (!urgent && rng.nextDouble() < 0.03) {
        long extAt = before(respondedAt + (2 + rng.nextInt(20)) * HOUR, closeDeadline, respondedAt);
        ObjectNode ex = attrs();
        ex.put("workdays", 10);
        emit(StreamKind.HOTLINE, caseId, "EXTENDED", extAt, p.region, agency, ex);
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
    emit(StreamKind.HOTLINE, caseId, "CLOSED", closedAt, p.region, agency, c);
    if (rng.nextDouble() < 0.85) {
      long visitedAt = dayTime(closedAt + (4 + rng.nextInt(44)) * HOUR, 9, 20);
      boolean sag = o.episodes() && "宜昌市/西陵区".equals(p.city + "/" + p.district) && visitedAt >= sagFrom
          && visitedAt < sagTo;
      double r = rng.nextDouble();
      String s = sag
          ? (r < 0.55 ? "SATISFIED" : r < 0.68 ? "BASICALLY_SATISFIED" : r < 0.98 ? "DISSATISFIED" : "UNREACHABLE")
          : (r < 0.88 ? "SATISFIED" : r < 0.975 ? "BASICALLY_SATISFIED" : r < 0.99 ? "DISSATISFIED" : "UNREACHABLE");
      ObjectNode v = attrs();
      v.put("satisfaction", s);
      emit(StreamKind.HOTLINE, caseId, "VISITED", visitedAt, p.region, center, v);
    }
    if (rng.nextDouble() < 0.01) {
      long reopenedAt = closedAt + (20 + rng.nextInt(40)) * HOUR;
      emit(StreamKind.HOTLINE, caseId, "REOPENED", reopenedAt, p.region, center, attrs());
      ObjectNode c2 = attrs();
      c2.put("resolved", true);
      emit(StreamKind.HOTLINE, caseId, "CLOSED", wakingMoment(reopenedAt + (4 + rng.nextInt(30)) * HOUR), p.region, agency, c2);
    }
  }

  // ---------------------------------------------------------------- enforcement

  private void enforcementCase(long t0) {
    Place p = place();
    String caseId = caseId("EN", t0);
    String agency = p.city + pick(Geography.AGENCIES);
    boolean simple = rng.nextDouble() < 0.25;
    ObjectNode f = attrs();
    f.put("procedure", simple ? "SIMPLE" : "GENERAL");
    f.put("lawArea", pick(Geography.LAW_AREAS));
    if (rng.nextDouble() < 0.3) {
      f.put("partyNames", List.of(pick(Geography.SURNAMES) + "某某").toString());
    }
    emit(StreamKind.ENFORCEMENT, caseId, "FILED", t0, p.region, agency, f);
    long decidedAt;
    if (simple) {
      decidedAt = t0 + (20 + rng.nextInt(120)) * MIN;
    } else {
      long deadline = deadlines.calendarDaysAfter(t0, 90);
      if (rng.nextDouble() < 0.05) {
        ObjectNode ex = attrs();
        ex.put("days", 30);
        emit(StreamKind.ENFORCEMENT, caseId, "EXTENDED", workMoment(t0 + (30 + rng.nextInt(40)) * DAY), p.region, agency, ex);
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
    emit(StreamKind.ENFORCEMENT, caseId, "DECIDED", decidedAt, p.region, agency, dec);
    long closedAt = workMoment(decidedAt + (simple ? 0 : (3 + rng.nextInt(18)) * DAY) + HOUR);
    emit(StreamKind.ENFORCEMENT, caseId, "CLOSED", closedAt, p.region, agency, attrs());
    if (rng.nextDouble() < 0.3) {
      ObjectNode r = attrs();
      boolean pass = rng.nextDouble() < 0.95;
      r.put("result", pass ? "PASS" : "DEFECTIVE");
      r.put("corrected", !pass && rng.nextDouble() < 0.8);
      emit(StreamKind.ENFORCEMENT, caseId, "FILE_REVIEWED", workMoment(closedAt + (1 + rng.nextInt(10)) * DAY), p.region,
          p.city + "司法局", r);
    }
  }

  // ---------------------------------------------------------------- review

  private void reviewCase(String caseId, long t0, Long acceptAt) {
    Place p = place();
    String respondent = p.city + pick(Geography.AGENCIES);
    ObjectNode a = attrs();
    if (rng.nextDouble() < 0.5) {
      a.put("idNumber", String.format("%06d19%02d%02d%02d%04d", 420500 + rng.nextInt(99), 60 + rng.nextInt(40),
          1 + rng.nextInt(12), 1 + rng.nextInt(28), rng.nextInt(10000)));
    }
    emit(StreamKind.REVIEW, caseId, "RECEIVED", t0, p.region, respondent, a);
    long intakeDeadline = deadlines.workingDaysAfter(t0, 5);
    long decidedAt = acceptAt != null ? acceptAt
        : before(workMoment(t0 + (1 + rng.nextInt(4)) * DAY), intakeDeadline, t0);
    if (acceptAt == null && rng.nextDouble() < 0.25) {
      emit(StreamKind.REVIEW, caseId, "NOT_ACCEPTED", decidedAt, p.region, respondent, attrs());
      return;
    }
    boolean simplified = rng.nextDouble() < 0.3;
    ObjectNode acc = attrs();
    acc.put("procedure", simplified ? "SIMPLIFIED" : "NORMAL");
    emit(StreamKind.REVIEW, caseId, "ACCEPTED", decidedAt, p.region, respondent, acc);
    long deadline = deadlines.calendarDaysAfter(decidedAt, simplified ? 30 : 60);
    long concludedAt = before(workMoment(decidedAt + (8 + rng.nextInt(simplified ? 20 : 50)) * DAY), deadline, decidedAt);
    double r = rng.nextDouble();
    if (r < 0.165) {
      ObjectNode s = attrs();
      s.put("how", rng.nextBoolean() ? "MEDIATION" : "RECONCILIATION");
      emit(StreamKind.REVIEW, caseId, "SETTLED", concludedAt, p.region, respondent, s);
    } else if (r < 0.21) {
      emit(StreamKind.REVIEW, caseId, "WITHDRAWN", concludedAt, p.region, respondent, attrs());
    } else {
      double x = rng.nextDouble();
      String outcome = x < 0.55 ? "UPHELD" : x < 0.67 ? "REVOKED" : x < 0.70 ? "ALTERED" : x < 0.78 ? "CONFIRMED_ILLEGAL"
          : x < 0.82 ? "ORDERED_TO_PERFORM" : "DISMISSED";
      ObjectNode d = attrs();
      d.put("outcome", outcome);
      emit(StreamKind.REVIEW, caseId, "DECIDED", concludedAt, p.region, respondent, d);
    }
  }

  /**
   * A 行政复议 application received on the third day (for the default sample Monday Sep 28, just
   * before the National Day holiday, so its five working days run to 24:00 Oct 10, a make-up
   * Saturday) whose acceptance is decided only the next working day after the deadline. It draws
   * from its own random numbers and has case number 0, so the other cases are the same with or
   * without it.
   */
  private void overdueReviewEpisode() {
    SplittableRandom main = rng;
    rng = new SplittableRandom(o.seed() ^ 0x5EED_0F_0E9150DEL);
    order = Long.MAX_VALUE / 2; // after every other event of the same second
    long received = startMillis + 2 * DAY + 10 * HOUR;
    long deadline = deadlines.workingDaysAfter(received, 5);
    long accepted = workMoment(deadline + 30 * HOUR);
    if (accepted < endMillis) {
      reviewCase(caseId("RV", received, 0), received, accepted);
    }
    rng = main;
    order = 0;
  }

  // ---------------------------------------------------------------- mediation

  private void mediationCase(long t0) {
    Place p = place();
    String caseId = caseId("MD", t0);
    boolean pre = rng.nextDouble() < 0.45;
    String committee = pre ? p.district + "诉调对接人民调解委员会" : p.street + "人民调解委员会";
    String agency = pre ? p.district + "人民法院" : p.district + "司法局";
    ObjectNode a = attrs();
    a.put("disputeType", pick(Geography.DISPUTE_TYPES));
    a.put("preLitigation", pre);
    a.put("committee", committee);
    if (rng.nextDouble() < 0.4) {
      a.put("partyNames", pick(Geography.SURNAMES) + "某、" + pick(Geography.SURNAMES) + "某");
    }
    emit(StreamKind.MEDIATION, caseId, "APPLIED", t0, p.region, agency, a);
    long deadline = deadlines.calendarDaysAfter(t0, 30);
    long mediatedAt = rng.nextDouble() < 0.98
        ? before(workMoment(t0 + (1 + rng.nextInt(20)) * DAY), deadline, t0)
        : deadline + (1 + rng.nextInt(10)) * DAY;
    boolean weak = o.episodes() && pre && mediatedAt >= weakFrom && mediatedAt < weakTo;
    double successRate = pre ? (weak ? 0.35 : 0.75) : 0.985;
    boolean success = rng.nextDouble() < successRate;
    ObjectNode m = attrs();
    m.put("result", success ? "SUCCESS" : "FAILED");
    emit(StreamKind.MEDIATION, caseId, "MEDIATED", mediatedAt, p.region, agency, m);
    if (success && rng.nextDouble() < 0.9) {
      emit(StreamKind.MEDIATION, caseId, "AGREEMENT_FULFILLED", workMoment(mediatedAt + (1 + rng.nextInt(20)) * DAY),
          p.region, agency, attrs());
    }
    if (rng.nextDouble() < 0.6) {
      ObjectNode f = attrs();
      f.put("satisfied", rng.nextDouble() < 0.97);
      emit(StreamKind.MEDIATION, caseId, "FEEDBACK", dayTime(mediatedAt + (1 + rng.nextInt(5)) * DAY, 9, 18), p.region,
          agency, f);
    }
  }

  // ---------------------------------------------------------------- litigation and disclosure

  /** The day's new suits and disclosure applications (on working days), each stream from its own random numbers. */
  private void newStreamsDay(LocalDate day, double hotlinePerDay, int d) {
    if (!calendar.isWorkingDay(day)) {
      return;
    }
    long dayStart = day.atStartOfDay(ZONE).toInstant().toEpochMilli();
    SplittableRandom main = rng;
    rng = litigationRng;
    int suits = poisson(hotlinePerDay * LITIGATION_PER_HOTLINE);
    for (int i = 0; i < suits; i++) {
      litigationCase(dayStart + officeTimeOfDay());
    }
    if (d >= -DISCLOSURE_PRELUDE_DAYS) {
      rng = disclosureRng;
      int applications = poisson(hotlinePerDay * DISCLOSURE_PER_HOTLINE);
      for (int i = 0; i < applications; i++) {
        disclosureCase(dayStart + officeTimeOfDay());
      }
    }
    rng = main;
  }

  /**
   * A suit: the copy of the complaint received (FILED), the defence within 15 days (nearly always),
   * a hearing a month or two later with the agency's head in court, the judgment some weeks on; a
   * few withdrawn by the plaintiff first.
   */
  private void litigationCase(long t0) {
    Place p = place();
    String caseId = caseId("LT", t0, ++litigationSeq);
    boolean government = rng.nextDouble() < 0.3;
    String agency = government ? p.district + "人民政府" : p.city + pick(Geography.AGENCIES);
    String court = government ? p.city + "中级人民法院" : p.district + "人民法院";
    ObjectNode f = attrs();
    f.put("court", court);
    f.put("matter", pick(Geography.SUIT_MATTERS));
    if (rng.nextDouble() < 0.5) {
      f.put("partyNames", pick(Geography.SURNAMES) + "某某");
    }
    emit(StreamKind.LITIGATION, caseId, "FILED", t0, p.region, agency, f);
    long deadline = deadlines.calendarDaysAfter(t0, 15);
    long answeredAt = rng.nextDouble() < 0.98
        ? before(workMoment(t0 + (3 + rng.nextInt(10)) * DAY), deadline, t0)
        : workMoment(deadline + rng.nextInt(2) * DAY);
    emit(StreamKind.LITIGATION, caseId, "ANSWERED", answeredAt, p.region, agency, attrs());
    if (rng.nextDouble() < 0.08) {
      emit(StreamKind.LITIGATION, caseId, "WITHDRAWN", workMoment(answeredAt + (5 + rng.nextInt(30)) * DAY), p.region,
          agency, attrs());
      return;
    }
    long heardAt = workMoment(t0 + (25 + rng.nextInt(50)) * DAY);
    ObjectNode h = attrs();
    h.put("headAppeared", true);
    emit(StreamKind.LITIGATION, caseId, "HEARD", heardAt, p.region, agency, h);
    double x = rng.nextDouble();
    String outcome = x < 0.12 ? "LOST" : x < 0.82 ? "WON" : x < 0.90 ? "SETTLED" : "WITHDRAWN";
    ObjectNode j = attrs();
    j.put("outcome", outcome);
    emit(StreamKind.LITIGATION, caseId, "JUDGED", workMoment(heardAt + (10 + rng.nextInt(40)) * DAY), p.region, agency, j);
  }

  /**
   * A hearing in 宜昌市/伍家岗区 two days on (default sample: Wed Sep 30) whose agency sent no head
   * to court, and one eight days after that (Thu Oct 8) where the head appeared: the district's
   * 出庭应诉率 falls below 100% and recovers.
   */
  private void headAbsentEpisode() {
    String region = "宜昌市/伍家岗区/大公桥街道";
    String agency = "宜昌市城市管理综合行政执法局";
    for (int k = 0; k < 2; k++) {
      long filed = workMoment(startMillis - (38 - k) * DAY + 10 * HOUR);
      String caseId = caseId("LT", filed, ++litigationSeq);
      ObjectNode f = attrs();
      f.put("court", "宜昌市伍家岗区人民法院");
      f.put("matter", "行政处罚");
      emit(StreamKind.LITIGATION, caseId, "FILED", filed, region, agency, f);
      emit(StreamKind.LITIGATION, caseId, "ANSWERED", workMoment(filed + 6 * DAY), region, agency, attrs());
      ObjectNode h = attrs();
      h.put("headAppeared", k == 1);
      emit(StreamKind.LITIGATION, caseId, "HEARD", workMoment(startMillis + (4 + 8 * k) * DAY + 14 * HOUR), region, agency, h);
    }
  }

  /**
   * An application for government information (依申请公开): received by one of three channels,
   * answered within 20 working days (a few extended, corrected first, or after consulting a third
   * party), with the result the annual 政府信息公开工作年度报告 tables count. With episodes on, the
   * applications to 泸州市's agencies due on the 13th to 15th day of the period (default sample:
   * Oct 8-10, after the National Day holiday) are answered a day or two late.
   */
  private void disclosureCase(long t0) {
    Place p = place();
    String caseId = caseId("GI", t0, ++disclosureSeq);
    boolean government = rng.nextDouble() < 0.35;
    String agency = government ? p.district + "人民政府办公室" : p.city + pick(Geography.AGENCIES);
    double c = rng.nextDouble();
    ObjectNode a = attrs();
    a.put("channel", c < 0.55 ? "ONLINE" : c < 0.8 ? "POST" : "IN_PERSON");
    if (rng.nextDouble() < 0.5) {
      a.put("address", p.region + pick(Geography.SURNAMES) + "家");
    }
    emit(StreamKind.DISCLOSURE, caseId, "APPLIED", t0, p.region, agency, a);
    long start = t0;
    if (rng.nextDouble() < 0.06) {
      long asked = workMoment(t0 + (1 + rng.nextInt(5)) * DAY);
      emit(StreamKind.DISCLOSURE, caseId, "CORRECTION_REQUESTED", asked, p.region, agency, attrs());
      start = workMoment(asked + (2 + rng.nextInt(10)) * DAY);
      emit(StreamKind.DISCLOSURE, caseId, "CORRECTED", start, p.region, agency, attrs());
    }
    long deadline = deadlines.workingDaysAfter(start, 20);
    long last = start;
    if (rng.nextDouble() < 0.04) {
      long since = workMoment(start + (3 + rng.nextInt(8)) * DAY);
      long until = workMoment(since + (3 + rng.nextInt(10)) * DAY);
      emit(StreamKind.DISCLOSURE, caseId, "CONSULTATION_STARTED", since, p.region, agency, attrs());
      emit(StreamKind.DISCLOSURE, caseId, "CONSULTATION_ENDED", until, p.region, agency, attrs());
      deadline = deadlines.extendByWorkingDays(deadline, deadlines.workingDaysBetween(since, until));
      last = until;
    }
    if (rng.nextDouble() < 0.05) {
      ObjectNode ex = attrs();
      ex.put("workdays", 20);
      long extendedAt = before(workMoment(Math.max(last, start + (12 + rng.nextInt(10)) * DAY)), deadline, last);
      emit(StreamKind.DISCLOSURE, caseId, "EXTENDED", extendedAt, p.region, agency, ex);
      deadline = deadlines.extendByWorkingDays(deadline, 20);
      last = extendedAt;
    }
    long answeredAt = rng.nextDouble() < 0.985
        ? before(workMoment(Math.max(last + HOUR, start + (2 + rng.nextInt(24)) * DAY)), deadline, last)
        : workMoment(deadline + rng.nextInt(5) * DAY);
    boolean slow = o.episodes() && p.city.equals("泸州市") && deadline >= startMillis + 12 * DAY
        && deadline < startMillis + 15 * DAY;
    if (slow) {
      answeredAt = workMoment(deadline + rng.nextInt(2) * DAY);
    }
    double r = rng.nextDouble();
    String result = r < 0.42 ? "DISCLOSED" : r < 0.62 ? "PARTLY_DISCLOSED" : r < 0.72 ? "NOT_DISCLOSED"
        : r < 0.86 ? "NOT_EXIST" : r < 0.92 ? "NOT_RESPONSIBLE" : r < 0.97 ? "NOT_PROCESSED" : "OTHER";
    ObjectNode ans = attrs();
    ans.put("result", result);
    emit(StreamKind.DISCLOSURE, caseId, "ANSWERED", answeredAt, p.region, agency, ans);
  }

  // ---------------------------------------------------------------- helpers

  private record Place(String city, String district, String street, String region) {}

  private Place place() {
    Geography.City city = weighted(cities, Geography.City::weight);
    Geography.District d = weighted(city.districts(), Geography.District::weight);
    String street = pick(d.streets());
    return new Place(city.name(), d.name(), street, city.name() + "/" + d.name() + "/" + street);
  }

  private <T> T weighted(List<T> items, java.util.function.ToDoubleFunction<T> weight) {
    double total = 0;
    for (T t : items) {
      total += weight.applyAsDouble(t);
    }
    double r = rng.nextDouble() * total;
    for (T t : items) {
      r -= weight.applyAsDouble(t);
      if (r < 0) {
        return t;
      }
    }
    return items.get(items.size() - 1);
  }

  private <T> T pick(List<T> items) {
    return items.get(rng.nextInt(items.size()));
  }

  private int poisson(double mean) {
    double l = Math.exp(-Math.min(mean, 500));
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian()));
    }
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= rng.nextDouble();
    } while (p > l);
    return k - 1;
  }

  private double gaussian() {
    double u = Math.max(1e-12, rng.nextDouble());
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Calls come in from 7:00 to 23:00, most around the working day. */
  private long hotlineTimeOfDay() {
    double h = 7 + 16 * Math.pow(rng.nextDouble(), 1.15);
    return (long) (h * HOUR);
  }

  private long officeTimeOfDay() {
    return (long) ((8.5 + 9 * rng.nextDouble()) * HOUR);
  }

  /** The same moment if it is in office hours of a working day, else the next office morning. */
  private long workMoment(long t) {
    LocalDate d = Deadlines.day(t);
    long dayStart = d.atStartOfDay(ZONE).toInstant().toEpochMilli();
    long inDay = t - dayStart;
    if (calendar.isWorkingDay(d) && inDay >= 8 * HOUR + 30 * MIN && inDay < 17 * HOUR + 30 * MIN) {
      return t;
    }
    if (!calendar.isWorkingDay(d) || inDay >= 17 * HOUR + 30 * MIN) {
      d = d.plusDays(1);
      while (!calendar.isWorkingDay(d)) {
        d = d.plusDays(1);
      }
    }
    return d.atStartOfDay(ZONE).toInstant().toEpochMilli() + 8 * HOUR + 30 * MIN + rng.nextInt(120) * MIN;
  }

  /** 12345 and the agencies on duty answer every day, from 8:00 to 22:00. */
  private long wakingMoment(long t) {
    return dayTime(t, 8, 22);
  }

  /** The time of day moved into [from, to) hours, keeping the date (or the next day's, if past). */
  private long dayTime(long t, int from, int to) {
    long dayStart = Deadlines.day(t).atStartOfDay(ZONE).toInstant().toEpochMilli();
    long inDay = t - dayStart;
    if (inDay >= from * HOUR && inDay < to * HOUR) {
      return t;
    }
    return dayStart + (inDay < from * HOUR ? 0 : DAY) + from * HOUR + rng.nextInt((to - from) * 60) * MIN;
  }

  /** {@code t} if it is before the deadline, else a moment shortly before it (and after {@code notBefore}). */
  private long before(long t, long deadline, long notBefore) {
    if (t < deadline) {
      return t;
    }
    long room = deadline - notBefore;
    return notBefore + (long) (room * (0.5 + 0.45 * rng.nextDouble()));
  }

  private String caseId(String prefix, long t) {
    return caseId(prefix, t, ++seq);
  }

  /** A new case's number; its events are numbered from 1. */
  private String caseId(String prefix, long t, int number) {
    LocalDate d = Deadlines.day(t);
    caseEvents = 0;
    return String.format("%s-%04d%02d%02d-%06d", prefix, d.getYear(), d.getMonthValue(), d.getDayOfMonth(), number);
  }

  private ObjectNode attrs() {
    return mapper.createObjectNode();
  }

  private void emit(StreamKind stream, String caseId, String type, long time, String region, String agency, ObjectNode attrs) {
    time = time / 1000 * 1000; // whole seconds, as source systems record them
    int n = ++caseEvents;
    ObjectNode e = mapper.createObjectNode();
    e.put("eventId", caseId + "-" + n);
    e.put("stream", stream.wireName());
    e.put("caseId", caseId);
    e.put("type", type);
    e.put("eventTime", EventJson.time(time));
    e.put("region", region);
    e.put("agency", agency);
    e.set("attrs", attrs);
    String json = e.toString();
    pending.add(new Pending(time, stream, order++, json));
    if (rng.nextDouble() < 0.004) {
      // a producer retry: the same event again a little later
      pending.add(new Pending(time + (1 + rng.nextInt(10)) * MIN, stream, order++, json));
    }
  }

  public long endMillis() {
    return endMillis;
  }
}
