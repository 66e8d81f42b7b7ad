package io.lawmonitor.streams.disclosure;

import static io.lawmonitor.Fixtures.disclosure;
import static io.lawmonitor.Fixtures.t;
import static io.lawmonitor.streams.StreamTesting.derive;
import static io.lawmonitor.streams.StreamTesting.figures;
import static io.lawmonitor.streams.StreamTesting.show;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** 政府信息公开 on application: the 20-working-day answer clock on the 2026 calendar. */
class DisclosureTest {

  @Test
  void twentyWorkingDaysAcrossMidAutumnAndNationalDayCountTheMakeUpSaturday() {
    // received Mon Sep 21: Sep 22-24 (3), Sep 25 off (中秋), Sep 28-30 (6), Oct 1-7 off, Oct 8-9 (8),
    // Sat Oct 10 a make-up working day (9), Oct 12-16 (14), Oct 19-23 (19), Mon Oct 26 (20): 24:00 Oct 26
    var a = disclosure("GI-1");
    var open = derive(t("2026-09-22T00:00"), a.event("APPLIED", "2026-09-21T10:00").attr("channel", "ONLINE").event());
    assertThat(open.nextDeadline()).isEqualTo(t("2026-10-27T00:00"));

    var late = derive(t("2026-12-01T00:00"), a.event("APPLIED", "2026-09-21T10:00").event(),
        a.event("ANSWERED", "2026-10-27T09:00").attr("result", "NOT_EXIST").event());
    assertThat(show(late.facts())).containsExactly(
        "ENDED @2026-10-27T09:00",
        "LATE_COMPLETION DISCLOSURE_ANSWER @2026-10-27T09:00",
        "OPENED @2026-09-21T10:00",
        "OUTCOME NOT_EXIST @2026-10-27T09:00",
        "OVERDUE DISCLOSURE_ANSWER @2026-10-27T00:00",
        "OVERDUE_BEGAN DISCLOSURE_ANSWER @2026-10-27T00:00",
        "OVERDUE_ENDED DISCLOSURE_ANSWER @2026-10-27T09:00");
    assertThat(figures(late.facts())).containsEntry("disclosure.ontime_answer_rate", List.of(0L, 1L))
        .containsEntry("disclosure.disclosure_rate", List.of(0L, 1L));
  }

  @Test
  void aCorrectionStopsTheClockAndTheCorrectedApplicationStartsItAfresh() {
    // from Wed Apr 1 the answer would be due 24:00 Thu Apr 30; corrected Wed Apr 8, it is due 20 working
    // days from then: Apr 9-10 (2), 13-17 (7), 20-24 (12), 27-30 (16), May 1-5 off, May 6-8 (19),
    // Sat May 9 a make-up working day (20): 24:00 May 9
    var a = disclosure("GI-2");
    assertThat(derive(t("2026-04-02T00:00"), a.event("APPLIED", "2026-04-01T09:00").event()).nextDeadline())
        .isEqualTo(t("2026-05-01T00:00"));
    var waiting = derive(t("2026-05-03T00:00"), a.event("APPLIED", "2026-04-01T09:00").event(),
        a.event("CORRECTION_REQUESTED", "2026-04-03T15:00").event());
    assertThat(show(waiting.facts())).containsExactly("OPENED @2026-04-01T09:00");
    var d = derive(t("2026-06-01T00:00"), a.event("APPLIED", "2026-04-01T09:00").event(),
        a.event("CORRECTION_REQUESTED", "2026-04-03T15:00").event(),
        a.event("CORRECTED", "2026-04-08T10:00").event(),
        a.event("ANSWERED", "2026-05-09T16:00").attr("result", "PARTLY_DISCLOSED").event());
    assertThat(show(d.facts())).containsExactly(
        "ENDED @2026-05-09T16:00",
        "ONTIME DISCLOSURE_ANSWER @2026-05-09T16:00",
        "OPENED @2026-04-01T09:00",
        "OUTCOME PARTLY_DISCLOSED @2026-05-09T16:00");
    assertThat(figures(d.facts())).containsEntry("disclosure.disclosure_rate", List.of(1L, 1L));
    assertThat(derive(t("2026-04-09T00:00"), a.event("APPLIED", "2026-04-01T09:00").event(),
        a.event("CORRECTION_REQUESTED", "2026-04-03T15:00").event(),
        a.event("CORRECTED", "2026-04-08T10:00").event()).nextDeadline()).isEqualTo(t("2026-05-10T00:00"));
  }

  @Test
  void anExtensionAcrossTheSpringFestivalAddsItsWorkingDays() {
    // received Mon Jan 26: Jan 27-30 (4), Feb 2-13 (14), Sat Feb 14 make-up (15), Feb 15-23 off,
    // Feb 24-27 (19), Sat Feb 28 make-up (20): 24:00 Feb 28; extended by 20: Mar 2-27 (40): 24:00 Fri Mar 27
    var a = disclosure("GI-3");
    assertThat(derive(t("2026-01-27T00:00"), a.event("APPLIED", "2026-01-26T10:00").event()).nextDeadline())
        .isEqualTo(t("2026-03-01T00:00"));
    var extended = derive(t("2026-02-21T00:00"), a.event("APPLIED", "2026-01-26T10:00").event(),
        a.event("EXTENDED", "2026-02-13T10:00").attr("workdays", 20).event());
    assertThat(extended.nextDeadline()).isEqualTo(t("2026-03-28T00:00"));
    var onTime = derive(t("2026-04-01T00:00"), a.event("APPLIED", "2026-01-26T10:00").event(),
        a.event("EXTENDED", "2026-02-13T10:00").attr("workdays", 20).event(),
        a.event("ANSWERED", "2026-03-27T15:00").attr("result", "DISCLOSED").event());
    assertThat(figures(onTime.facts())).containsEntry("disclosure.ontime_answer_rate", List.of(1L, 1L))
        .containsEntry("disclosure.disclosure_rate", List.of(1L, 1L));
    // no more than 20 working days in all, however many extensions
    var twice = derive(t("2026-02-21T00:00"), a.event("APPLIED", "2026-01-26T10:00").event(),
        a.event("EXTENDED", "2026-02-12T10:00").attr("workdays", 15).event(),
        a.event("EXTENDED", "2026-02-13T10:00").attr("workdays", 15).event());
    assertThat(twice.nextDeadline()).isEqualTo(t("2026-03-28T00:00"));
  }

  @Test
  void daysConsultingAThirdPartyAreNotCounted() {
    // received Mon Mar 2: due 24:00 Mon Mar 30. Consulted from Tue Mar 10 to Fri Mar 20: Mar 11-13 and
    // Mar 16-20, 8 working days, move it to Mar 31, Apr 1-3, Apr 4-6 off, Apr 7-10: 24:00 Fri Apr 10
    var a = disclosure("GI-4");
    var consulting = derive(t("2026-04-05T00:00"), a.event("APPLIED", "2026-03-02T09:00").event(),
        a.event("CONSULTATION_STARTED", "2026-03-10T10:00").event());
    assertThat(show(consulting.facts())).as("no deadline runs while consulting").containsExactly("OPENED @2026-03-02T09:00");
    var d = derive(t("2026-03-21T00:00"), a.event("APPLIED", "2026-03-02T09:00").event(),
        a.event("CONSULTATION_STARTED", "2026-03-10T10:00").event(),
        a.event("CONSULTATION_ENDED", "2026-03-20T16:00").event());
    assertThat(d.nextDeadline()).isEqualTo(t("2026-04-11T00:00"));
    var answered = derive(t("2026-05-01T00:00"), a.event("APPLIED", "2026-03-02T09:00").event(),
        a.event("CONSULTATION_STARTED", "2026-03-10T10:00").event(),
        a.event("CONSULTATION_ENDED", "2026-03-20T16:00").event(),
        a.event("ANSWERED", "2026-04-10T10:00").attr("result", "NOT_DISCLOSED").event());
    assertThat(figures(answered.facts())).containsEntry("disclosure.ontime_answer_rate", List.of(1L, 1L))
        .containsEntry("disclosure.disclosure_rate", List.of(0L, 1L));
  }

  @Test
  void aSecondAnswerWithAnotherResultIsRefused() {
    var a = disclosure("GI-5");
    var d = derive(t("2026-05-01T00:00"), a.event("APPLIED", "2026-03-02T09:00").event(),
        a.event("ANSWERED", "2026-03-05T10:00").attr("result", "DISCLOSED").event(),
        a.event("ANSWERED", "2026-03-06T10:00").attr("result", "NOT_DISCLOSED").id("GI-5-x").event());
    assertThat(d.rejectedEventId()).isEqualTo("GI-5-x");
  }
}
