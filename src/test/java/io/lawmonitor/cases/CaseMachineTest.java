package io.lawmonitor.cases;

import io.lawmonitor.lifecycle.Fact;
import io.lawmonitor.lifecycle.FactKind;

import static io.lawmonitor.Fixtures.enforcement;
import static io.lawmonitor.Fixtures.hotline;
import static io.lawmonitor.Fixtures.mediation;
import static io.lawmonitor.Fixtures.review;
import static io.lawmonitor.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.calendar.Deadlines;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.EventJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CaseMachineTest {
  private final CaseMachine machine = new CaseMachine(LifecycleSettings.defaults(), new Deadlines(WorkCalendar.bundled()));
  private static final long END = Long.MAX_VALUE;

  private CaseMachine.Derivation derive(long now, long inputEnd, Event... events) {
    List<Event> list = new ArrayList<>(List.of(events));
    list.sort(Event.CASE_ORDER);
    return machine.derive(list.get(0).stream, list, now, inputEnd);
  }

  /** Facts as "KIND detail @time", sorted, for readable assertions. */
  static List<String> show(List<Fact> facts) {
    List<String> out = new ArrayList<>();
    for (Fact f : facts) {
      out.add(f.kind() + (f.detail() == null ? "" : " " + f.detail()) + " @"
          + EventJson.time(f.time()).substring(0, 16));
    }
    Collections.sort(out);
    return out;
  }

  @Test
  void hotlineOnTimeAndOverdueClosure() {
    var c = hotline("HL-1");
    var d = derive(t("2026-10-20T00:00"), END,
        c.received("2026-10-12T09:00").attr("kind", "HELP").event(),
        c.responded("2026-10-12T11:00").event(),
        c.closed("2026-10-16T09:00", true).event());
    assertThat(show(d.facts())).containsExactly(
        "ENDED @2026-10-16T09:00",
        "LATE_COMPLETION HOTLINE_CLOSURE @2026-10-16T09:00",
        "ONTIME HOTLINE_RESPONSE @2026-10-12T11:00",
        "OPENED @2026-10-12T09:00",
        "OVERDUE HOTLINE_CLOSURE @2026-10-16T00:00",
        "OVERDUE_BEGAN HOTLINE_CLOSURE @2026-10-16T00:00",
        "OVERDUE_ENDED HOTLINE_CLOSURE @2026-10-16T09:00",
        "RESOLVED true @2026-10-16T09:00");
    assertThat(d.finishedAt()).isEqualTo(t("2026-10-16T09:00"));
    assertThat(d.rejectedEventId()).isNull();
  }

  @Test
  void closedCompletesTheResponseClockWhenNoResponseCame() {
    var c = hotline("HL-2");
    var d = derive(t("2026-10-20T00:00"), END, c.received("2026-10-12T09:00").event(),
        c.closed("2026-10-13T10:00", false).event());
    assertThat(show(d.facts())).contains("ONTIME HOTLINE_RESPONSE @2026-10-13T10:00",
        "ONTIME HOTLINE_CLOSURE @2026-10-13T10:00", "RESOLVED false @2026-10-13T10:00");
  }

  @Test
  void theHolidayAndTheMakeUpSaturdayDecideOnTime() {
    var c = hotline("HL-3");
    // received Wed Sep 30; three working days are Oct 8, 9 and Saturday Oct 10
    var onTime = derive(t("2026-10-20T00:00"), END, c.received("2026-09-30T10:00").event(),
        c.responded("2026-09-30T11:00").event(), c.closed("2026-10-10T16:00", true).event());
    assertThat(show(onTime.facts())).contains("ONTIME HOTLINE_CLOSURE @2026-10-10T16:00");
    var late = derive(t("2026-10-20T00:00"), END, c.received("2026-09-30T10:00").event(),
        c.responded("2026-09-30T11:00").event(), c.closed("2026-10-11T08:00", true).event());
    assertThat(show(late.facts())).contains("OVERDUE HOTLINE_CLOSURE @2026-10-11T00:00");
  }

  @Test
  void consultUrgentAndExtendedClocks() {
    var consult = hotline("HL-4");
    var d = derive(t("2026-10-20T00:00"), END,
        consult.received("2026-10-11T20:00").attr("kind", "CONSULT").event(),
        consult.closed("2026-10-12T23:00", true).event());
    assertThat(show(d.facts())).as("a Sunday consult is due at the end of Monday")
        .contains("ONTIME HOTLINE_CLOSURE @2026-10-12T23:00");

    var urgent = hotline("HL-5");
    d = derive(t("2026-10-20T00:00"), END,
        urgent.received("2026-10-12T09:00").attr("urgency", "URGENT").event(),
        urgent.responded("2026-10-12T11:30").event(),
        urgent.closed("2026-10-13T08:00", true).event());
    assertThat(show(d.facts())).contains("OVERDUE HOTLINE_RESPONSE @2026-10-12T11:00",
        "LATE_COMPLETION HOTLINE_RESPONSE @2026-10-12T11:30", "ONTIME HOTLINE_CLOSURE @2026-10-13T08:00");

    var ext = hotline("HL-6");
    d = derive(t("2026-11-20T00:00"), END, ext.received("2026-10-12T09:00").event(),
        ext.responded("2026-10-12T10:00").event(),
        ext.event("EXTENDED", "2026-10-14T10:00").attr("workdays", 10).event(),
        ext.closed("2026-10-29T17:00", true).event());
    assertThat(show(d.facts())).contains("ONTIME HOTLINE_CLOSURE @2026-10-29T17:00");
  }

  @Test
  void noOverdueIsInventedPastTheEndOfTheInput() {
    var c = hotline("HL-7");
    var received = c.received("2026-10-12T09:00").event();
    assertThat(show(derive(Long.MAX_VALUE, t("2026-10-15T12:00"), received).facts()))
        .containsExactly("OPENED @2026-10-12T09:00", "OVERDUE HOTLINE_RESPONSE @2026-10-14T00:00");
    assertThat(derive(t("2026-10-13T00:00"), END, received).nextDeadline()).isEqualTo(t("2026-10-14T00:00"));
  }

  @Test
  void theResultDoesNotDependOnArrivalOrder() {
    var c = hotline("HL-8").by("宜昌市12345政务服务便民热线");
    var received = c.received("2026-10-12T09:00").event();
    var assigned = c.event("ASSIGNED", "2026-10-12T09:20").attr("agency", "宜昌市生态环境局").event();
    c.by(null); // later events do not repeat who handles the case
    List<Event> events = new ArrayList<>(List.of(received, assigned,
        c.responded("2026-10-13T10:00").event(), c.closed("2026-10-15T10:00", true).event(),
        c.visited("2026-10-16T10:00", "SATISFIED").event()));
    List<String> expected = show(derive(t("2026-10-20T00:00"), END, events.toArray(new Event[0])).facts());
    Random r = new Random(7);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(events, r);
      List<Event> sorted = new ArrayList<>(events);
      sorted.sort(Event.CASE_ORDER);
      assertThat(show(machine.derive(sorted.get(0).stream, sorted, t("2026-10-20T00:00"), END).facts()))
          .isEqualTo(expected);
    }
    // facts after the assignment belong to the assigned agency
    var d = derive(t("2026-10-20T00:00"), END, events.toArray(new Event[0]));
    assertThat(d.facts()).filteredOn(f -> f.kind() == FactKind.RESOLVED).singleElement()
        .extracting(Fact::agency).isEqualTo("宜昌市生态环境局");
  }

  @Test
  void contradictionsAreRefusedAndReopeningWorks() {
    var c = hotline("HL-9");
    var received = c.received("2026-10-12T09:00").event();
    var reopenedOpen = c.event("REOPENED", "2026-10-12T10:00").event();
    var d = derive(t("2026-10-20T00:00"), END, received, reopenedOpen);
    assertThat(d.rejectedEventId()).isEqualTo(reopenedOpen.eventId);

    var closed = c.closed("2026-10-12T11:00", true).event();
    var reopened = c.event("REOPENED", "2026-10-13T09:00").event();
    var closedAgain = c.closed("2026-10-14T09:00", true).event();
    d = derive(t("2026-10-20T00:00"), END, received, closed, reopened, closedAgain);
    assertThat(d.rejectedEventId()).isNull();
    assertThat(show(d.facts())).contains("REOPENED @2026-10-13T09:00", "OPENED @2026-10-13T09:00",
        "ENDED @2026-10-14T09:00", "RESOLVED true @2026-10-14T09:00");

    var e = enforcement("EN-1");
    var decided = e.decided("2026-10-14T10:00", "PENALTY").event();
    var other = e.decided("2026-10-15T10:00", "DISMISSED").event();
    d = derive(t("2026-10-20T00:00"), END, e.filed("2026-10-12T09:00", "GENERAL").event(), decided, other);
    assertThat(d.rejectedEventId()).isEqualTo(other.eventId);
    assertThat(d.rejection()).contains("DISMISSED").contains("PENALTY");
  }

  @Test
  void enforcementNinetyDaysPastTheHolidayAndSimpleProcedureExempt() {
    var e = enforcement("EN-2");
    var d = derive(t("2026-10-20T00:00"), END, e.filed("2026-07-03T10:00", "GENERAL").event(),
        e.decided("2026-10-08T16:00", "NO_PENALTY").event());
    assertThat(show(d.facts())).contains("ONTIME ENFORCEMENT_DECISION @2026-10-08T16:00", "DECIDED NO_PENALTY @2026-10-08T16:00");
    var s = enforcement("EN-3");
    d = derive(t("2027-10-20T00:00"), END, s.filed("2026-07-03T10:00", "SIMPLE").event());
    assertThat(show(d.facts())).containsExactly("OPENED @2026-07-03T10:00");
  }

  @Test
  void reviewIntakeOverdueAcrossTheHolidayThenDecision() {
    var r = review("RV-1");
    var d = derive(t("2026-10-13T00:00"), END, r.received("2026-09-28T10:00").event(),
        r.event("ACCEPTED", "2026-10-12T09:00").event());
    assertThat(show(d.facts())).containsExactly(
        "ACCEPTED @2026-10-12T09:00",
        "LATE_COMPLETION REVIEW_INTAKE @2026-10-12T09:00",
        "OPENED @2026-09-28T10:00",
        "OVERDUE REVIEW_INTAKE @2026-10-11T00:00",
        "OVERDUE_BEGAN REVIEW_INTAKE @2026-10-11T00:00",
        "OVERDUE_ENDED REVIEW_INTAKE @2026-10-12T09:00");
    // accepted Aug 3, 60 days end Oct 2 in the holiday: due 24:00 Oct 8
    var r2 = review("RV-2");
    d = derive(t("2026-10-20T00:00"), END, r2.received("2026-07-30T10:00").event(),
        r2.event("ACCEPTED", "2026-08-03T10:00").event(), r2.decided("2026-10-08T20:00", "REVOKED").event());
    assertThat(show(d.facts())).contains("ONTIME REVIEW_CONCLUSION @2026-10-08T20:00", "DECIDED REVOKED @2026-10-08T20:00");
  }

  @Test
  void mediationConclusionAndFulfilment() {
    var m = mediation("MD-1");
    var d = derive(t("2026-12-01T00:00"), END, m.applied("2026-09-01T10:00", true).event(),
        m.mediated("2026-10-08T10:00", "SUCCESS").event());
    assertThat(show(d.facts())).contains("ONTIME MEDIATION_CONCLUSION @2026-10-08T10:00",
        "MEDIATED PRE_SUCCESS @2026-10-08T10:00", "FULFILMENT UNFULFILLED @2026-11-10T00:00");
    var m2 = mediation("MD-2");
    d = derive(t("2026-12-01T00:00"), END, m2.applied("2026-10-12T10:00", false).event(),
        m2.mediated("2026-10-20T10:00", "SUCCESS").event(), m2.event("AGREEMENT_FULFILLED", "2026-10-30T10:00").event());
    assertThat(show(d.facts())).contains("MEDIATED SUCCESS @2026-10-20T10:00", "FULFILMENT FULFILLED @2026-10-30T10:00");
    assertThat(d.finishedAt()).isEqualTo(t("2026-10-30T10:00"));
  }

  @Test
  void anOrphanCountsWhatItCan() {
    var d = derive(t("2026-10-20T00:00"), END, hotline("HL-OLD").closed("2026-10-12T10:00", true).event());
    assertThat(d.hasOpening()).isFalse();
    assertThat(show(d.facts())).containsExactly("RESOLVED true @2026-10-12T10:00");
  }
}
