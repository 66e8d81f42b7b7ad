package io.lawmonitor.streams.litigation;

import static io.lawmonitor.Fixtures.litigation;
import static io.lawmonitor.Fixtures.t;
import static io.lawmonitor.streams.StreamTesting.derive;
import static io.lawmonitor.streams.StreamTesting.figures;
import static io.lawmonitor.streams.StreamTesting.show;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** 行政应诉: the 15-day answer clock on the 2026 calendar, hearings, outcomes. */
class LitigationTest {

  @Test
  void anAnswerDueOnTheNationalDayHolidayIsDueAtTheEndOfTheFirstWorkingDayAfter() {
    // received Wed Sep 16: the 15th day is Thu Oct 1, a holiday (Oct 1-7 off), so 24:00 Thu Oct 8
    var s = litigation("LT-1");
    var open = derive(t("2026-10-08T23:59"), s.event("FILED", "2026-09-16T10:00").attr("court", "西陵区人民法院").event());
    assertThat(open.nextDeadline()).isEqualTo(t("2026-10-09T00:00"));
    assertThat(show(open.facts())).containsExactly("OPENED @2026-09-16T10:00");

    var onTime = derive(t("2026-11-01T00:00"), s.event("FILED", "2026-09-16T10:00").event(),
        s.event("ANSWERED", "2026-10-08T17:00").event());
    assertThat(show(onTime.facts())).containsExactly("ONTIME LITIGATION_ANSWER @2026-10-08T17:00", "OPENED @2026-09-16T10:00");

    var late = derive(t("2026-11-01T00:00"), s.event("FILED", "2026-09-16T10:00").event(),
        s.event("ANSWERED", "2026-10-09T09:00").event());
    assertThat(show(late.facts())).containsExactly(
        "LATE_COMPLETION LITIGATION_ANSWER @2026-10-09T09:00",
        "OPENED @2026-09-16T10:00",
        "OVERDUE LITIGATION_ANSWER @2026-10-09T00:00",
        "OVERDUE_BEGAN LITIGATION_ANSWER @2026-10-09T00:00",
        "OVERDUE_ENDED LITIGATION_ANSWER @2026-10-09T09:00");
    assertThat(figures(late.facts())).containsEntry("litigation.ontime_answer_rate", List.of(0L, 1L))
        .containsEntry("litigation.overdue_open", List.of(0L, 0L))
        .containsEntry("litigation.open_cases", List.of(1L, 0L));
  }

  @Test
  void anAnswerDueInTheDragonBoatHolidayAndOneDueOnAWorkingDay() {
    // Thu Jun 4 + 15 = Fri Jun 19 (端午, Jun 19-21 off): 24:00 Mon Jun 22
    assertThat(derive(t("2026-06-05T00:00"), litigation("LT-2").event("FILED", "2026-06-04T09:00").event()).nextDeadline())
        .isEqualTo(t("2026-06-23T00:00"));
    // Mon Nov 2 + 15 = Tue Nov 17, a working day: 24:00 Nov 17, the day of receipt not counted
    assertThat(derive(t("2026-11-03T00:00"), litigation("LT-3").event("FILED", "2026-11-02T16:30").event()).nextDeadline())
        .isEqualTo(t("2026-11-18T00:00"));
  }

  @Test
  void hearingsCountTheHeadsAppearanceAndTheConclusionCountsALossOrNot() {
    var s = litigation("LT-4");
    var d = derive(t("2027-01-01T00:00"), s.event("FILED", "2026-09-01T09:00").event(),
        s.event("ANSWERED", "2026-09-10T09:00").event(),
        s.event("HEARD", "2026-10-20T09:00").attr("headAppeared", false).event(),
        s.event("HEARD", "2026-11-03T09:00").attr("headAppeared", true).event(),
        s.event("JUDGED", "2026-12-01T10:00").attr("outcome", "LOST").event());
    assertThat(show(d.facts())).containsExactly(
        "ENDED @2026-12-01T10:00",
        "ONTIME LITIGATION_ANSWER @2026-09-10T09:00",
        "OPENED @2026-09-01T09:00",
        "OUTCOME HEAD_ABSENT @2026-10-20T09:00",
        "OUTCOME HEAD_APPEARED @2026-11-03T09:00",
        "OUTCOME LOST @2026-12-01T10:00");
    assertThat(figures(d.facts())).containsEntry("litigation.head_appearance_rate", List.of(1L, 2L))
        .containsEntry("litigation.loss_rate", List.of(1L, 1L));
    assertThat(d.finishedAt()).isEqualTo(t("2026-12-01T10:00"));

    // withdrawn by the plaintiff, and judged withdrawn, won or settled: concluded, not lost
    for (var end : List.of(litigation("LT-5").event("WITHDRAWN", "2026-09-05T10:00"),
        litigation("LT-5").event("JUDGED", "2026-09-05T10:00").attr("outcome", "SETTLED"))) {
      var w = derive(t("2027-01-01T00:00"), litigation("LT-5").event("FILED", "2026-09-01T09:00").event(), end.event());
      assertThat(figures(w.facts())).containsEntry("litigation.loss_rate", List.of(0L, 1L));
      // concluded before the answer was due: no answer outcome
      assertThat(figures(w.facts())).doesNotContainKey("litigation.ontime_answer_rate");
    }
  }

  @Test
  void aSecondJudgmentThatContradictsTheFirstIsRefused() {
    var s = litigation("LT-6");
    var d = derive(t("2027-01-01T00:00"), s.event("FILED", "2026-09-01T09:00").event(),
        s.event("JUDGED", "2026-11-01T09:00").attr("outcome", "WON").event(),
        s.event("JUDGED", "2026-11-02T09:00").attr("outcome", "LOST").id("LT-6-x").event());
    assertThat(d.rejectedEventId()).isEqualTo("LT-6-x");
    assertThat(d.rejection()).isEqualTo("JUDGED on a suit already concluded (WON)");
  }
}
