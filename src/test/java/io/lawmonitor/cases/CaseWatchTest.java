package io.lawmonitor.cases;

import static io.lawmonitor.Fixtures.disclosure;
import static io.lawmonitor.Fixtures.hotline;
import static io.lawmonitor.Fixtures.review;
import static io.lawmonitor.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.calendar.Deadlines;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.lifecycle.CaseWatch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 督办清单 records a case's clocks make: the exact moments, across holidays and make-up working days. */
class CaseWatchTest {
  private final CaseMachine machine = new CaseMachine(LifecycleSettings.defaults(), new Deadlines(WorkCalendar.bundled()));
  private static final long END = Long.MAX_VALUE;

  private List<String> watch(long now, long inputEnd, Event... events) {
    List<Event> list = new ArrayList<>(List.of(events));
    list.sort(Event.CASE_ORDER);
    return show(machine.derive(list.get(0).stream, list, now, inputEnd).watch());
  }

  /** Records as "clock STATE @at behind unit (deadline)". */
  static List<String> show(List<CaseWatch> records) {
    List<String> out = new ArrayList<>();
    for (CaseWatch w : records) {
      out.add(w.clock() + " " + w.state() + " @" + EventJson.time(w.at()).substring(0, 16) + " " + w.behind() + " "
          + w.unit().wireName() + " (" + EventJson.time(w.deadline()).substring(0, 16) + ")");
    }
    return out;
  }

  @Test
  void aReviewApplicationAcrossNationalDayTurnsDueSoonAndOverdueOnTheMakeUpSaturday() {
    var c = review("RV-2026-0931");
    // received Mon Sep 28: the five working days are Sep 29, Sep 30, Oct 8, Oct 9 and Saturday Oct 10
    // (调休), so the deadline is 24:00 Oct 10; the last working day begins at 24:00 Oct 9
    var e = new Event[] {c.received("2026-09-28T10:00").event(), c.event("ACCEPTED", "2026-10-12T09:00").event()};
    assertThat(watch(t("2026-10-09T23:59"), END, e[0])).isEmpty();
    assertThat(watch(t("2026-10-10T00:00"), END, e[0])).containsExactly(
        "acceptance DUE_SOON @2026-10-10T00:00 -1 working_days (2026-10-11T00:00)");
    assertThat(watch(t("2026-10-11T00:00"), END, e[0])).containsExactly(
        "acceptance DUE_SOON @2026-10-10T00:00 -1 working_days (2026-10-11T00:00)",
        "acceptance OVERDUE @2026-10-11T00:00 0 working_days (2026-10-11T00:00)");
    // accepted on Monday: Sunday is off, so it is one working day late
    assertThat(watch(t("2026-10-20T00:00"), END, e)).containsExactly(
        "acceptance DUE_SOON @2026-10-10T00:00 -1 working_days (2026-10-11T00:00)",
        "acceptance OVERDUE @2026-10-11T00:00 0 working_days (2026-10-11T00:00)",
        "acceptance DONE_LATE @2026-10-12T09:00 1 working_days (2026-10-11T00:00)");
  }

  @Test
  void theTimerForTheWarningIsTheCasesNextStep() {
    var c = review("RV-2");
    var d = machine.derive(c.received("2026-09-28T10:00").event().stream,
        List.of(c.received("2026-09-28T10:00").event()), t("2026-09-29T00:00"), END);
    assertThat(d.nextDeadline()).isEqualTo(t("2026-10-10T00:00"));
  }

  @Test
  void doneInTimeAfterTheWarningLeavesTheListAsDone() {
    var c = hotline("HL-1");
    // a HELP request of Friday Oct 9: three working days are Oct 10 (调休), Oct 12 and Oct 13
    assertThat(watch(t("2026-10-20T00:00"), END, c.received("2026-10-09T09:00").attr("kind", "HELP").event(),
        c.responded("2026-10-09T10:00").event(), c.closed("2026-10-13T15:00", true).event())).containsExactly(
        "closure DUE_SOON @2026-10-13T00:00 -1 working_days (2026-10-14T00:00)",
        "closure DONE @2026-10-13T15:00 -1 working_days (2026-10-14T00:00)");
  }

  @Test
  void aCaseDoneBeforeItsWarningNeverReachesTheList() {
    var c = hotline("HL-2");
    assertThat(watch(t("2026-10-20T00:00"), END, c.received("2026-10-09T09:00").attr("kind", "HELP").event(),
        c.responded("2026-10-09T10:00").event(), c.closed("2026-10-12T15:00", true).event())).isEmpty();
  }

  @Test
  void anUrgentRequestCountsInHours() {
    var c = hotline("HL-3");
    assertThat(watch(t("2026-10-20T00:00"), END, c.received("2026-10-12T09:30").attr("urgency", "URGENT").event(),
        c.responded("2026-10-12T10:00").event(), c.closed("2026-10-13T12:10", true).event())).containsExactly(
        "closure DUE_SOON @2026-10-13T05:30 -4 hours (2026-10-13T09:30)",
        "closure OVERDUE @2026-10-13T09:30 0 hours (2026-10-13T09:30)",
        "closure DONE_LATE @2026-10-13T12:10 3 hours (2026-10-13T09:30)");
  }

  @Test
  void doneAtTheDeadlineInstantIsLateByItsFirstUnit() {
    var c = hotline("HL-4");
    assertThat(watch(t("2026-10-20T00:00"), END, c.received("2026-10-12T09:30").attr("urgency", "URGENT").event(),
        c.responded("2026-10-12T10:00").event(), c.closed("2026-10-13T09:30", true).event())).containsExactly(
        "closure DUE_SOON @2026-10-13T05:30 -4 hours (2026-10-13T09:30)",
        "closure OVERDUE @2026-10-13T09:30 0 hours (2026-10-13T09:30)",
        "closure DONE_LATE @2026-10-13T09:30 1 hours (2026-10-13T09:30)");
  }

  @Test
  void anExtensionTakesADueSoonCaseOffTheListUntilItsNewDeadlineNears() {
    var c = hotline("HL-5");
    // due 24:00 Oct 13; extended on its last day by 10 working days: due 24:00 Oct 27
    assertThat(watch(t("2026-11-02T00:00"), END, c.received("2026-10-09T09:00").attr("kind", "HELP").event(),
        c.responded("2026-10-09T10:00").event(), c.event("EXTENDED", "2026-10-13T11:00").attr("workdays", 10).event(),
        c.closed("2026-10-27T18:00", true).event())).containsExactly(
        "closure DUE_SOON @2026-10-13T00:00 -1 working_days (2026-10-14T00:00)",
        "closure WITHDRAWN @2026-10-13T11:00 -1 working_days (2026-10-14T00:00)",
        "closure DUE_SOON @2026-10-27T00:00 -1 working_days (2026-10-28T00:00)",
        "closure DONE @2026-10-27T18:00 -1 working_days (2026-10-28T00:00)");
  }

  @Test
  void aWithdrawnApplicationLeavesTheListWithdrawn() {
    var c = review("RV-3");
    assertThat(watch(t("2026-10-20T00:00"), END, c.received("2026-09-28T10:00").event(),
        c.event("WITHDRAWN", "2026-10-10T15:00").event())).containsExactly(
        "acceptance DUE_SOON @2026-10-10T00:00 -1 working_days (2026-10-11T00:00)",
        "acceptance WITHDRAWN @2026-10-10T15:00 -1 working_days (2026-10-11T00:00)");
  }

  @Test
  void noWarningNorOverdueIsInventedByTheEndOfABoundedInput() {
    var c = review("RV-4");
    // the input ends on Oct 9: the warning of 24:00 Oct 9 is not reached, whatever the time
    assertThat(watch(t("2026-12-01T00:00"), t("2026-10-09T18:00"), c.received("2026-09-28T10:00").event())).isEmpty();
    assertThat(watch(t("2026-12-01T00:00"), t("2026-10-10T18:00"), c.received("2026-09-28T10:00").event()))
        .containsExactly("acceptance DUE_SOON @2026-10-10T00:00 -1 working_days (2026-10-11T00:00)");
  }

  @Test
  void aConsultationStopsTheClockAndItsEndSetsTheListAgain() {
    var c = disclosure("GK-1");
    // applied Thu Oct 15; 20 working days end 24:00 Nov 12; the warning (3 working days) begins 24:00 Nov 9
    var applied = c.event("APPLIED", "2026-10-15T10:00").event();
    assertThat(watch(t("2026-11-10T08:00"), END, applied)).containsExactly(
        "answer DUE_SOON @2026-11-10T00:00 -3 working_days (2026-11-13T00:00)");
    // a consultation from Nov 10 to Nov 12 (two working days after Nov 10's day): due 24:00 Nov 16,
    // within three working days of its deadline as soon as it ends
    assertThat(watch(t("2026-11-20T00:00"), END, applied, c.event("CONSULTATION_STARTED", "2026-11-10T09:00").event(),
        c.event("CONSULTATION_ENDED", "2026-11-12T16:00").event())).containsExactly(
        "answer DUE_SOON @2026-11-10T00:00 -3 working_days (2026-11-13T00:00)",
        "answer WITHDRAWN @2026-11-10T09:00 -3 working_days (2026-11-13T00:00)",
        "answer DUE_SOON @2026-11-12T16:00 -3 working_days (2026-11-17T00:00)",
        "answer OVERDUE @2026-11-17T00:00 0 working_days (2026-11-17T00:00)");
  }
}
