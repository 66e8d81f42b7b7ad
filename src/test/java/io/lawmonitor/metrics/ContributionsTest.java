package io.lawmonitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.catalogue.Catalogue;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.lifecycle.Fact;
import io.lawmonitor.lifecycle.FactKind;
import io.lawmonitor.streams.Contribution;
import io.lawmonitor.streams.Metric;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every metric's formula, fact by fact: what a fact adds to which numerator and denominator. */
class ContributionsTest {
  private static final Set<String> TESTED = new HashSet<>();

  /** The contributions of a fact as "metric n/d", in order. */
  private static List<String> of(StreamKind s, FactKind k, String detail) {
    List<Contribution> cs = Contributions.of(new Fact(s, k, detail, 0L, "宜昌市", "宜昌市司法局", 1));
    cs.forEach(c -> TESTED.add(c.metric().id()));
    // a withdrawn fact takes back exactly what it added
    List<Contribution> back = Contributions.of(new Fact(s, k, detail, 0L, "宜昌市", "宜昌市司法局", -1));
    assertThat(back).hasSameSizeAs(cs);
    for (int i = 0; i < cs.size(); i++) {
      assertThat(back.get(i).numerator()).isEqualTo(-cs.get(i).numerator());
      assertThat(back.get(i).denominator()).isEqualTo(-cs.get(i).denominator());
    }
    return cs.stream().map(c -> c.metric().id() + " " + c.numerator() + "/" + c.denominator()).collect(Collectors.toList());
  }

  @Test
  void everyStreamsClocksAndGauges() {
    assertThat(of(StreamKind.HOTLINE, FactKind.ONTIME, "HOTLINE_RESPONSE")).containsExactly("hotline.response_rate 1/1");
    assertThat(of(StreamKind.HOTLINE, FactKind.OVERDUE, "HOTLINE_RESPONSE")).containsExactly("hotline.response_rate 0/1");
    assertThat(of(StreamKind.HOTLINE, FactKind.ONTIME, "HOTLINE_CLOSURE"))
        .containsExactly("hotline.ontime_closure_rate 1/1", "hotline.closed_count 1/0");
    assertThat(of(StreamKind.HOTLINE, FactKind.LATE_COMPLETION, "HOTLINE_CLOSURE")).containsExactly("hotline.closed_count 1/0");
    assertThat(of(StreamKind.HOTLINE, FactKind.OPENED, null)).containsExactly("hotline.open_cases 1/0", "hotline.received_count 1/0");
    assertThat(of(StreamKind.ENFORCEMENT, FactKind.ONTIME, "ENFORCEMENT_DECISION")).containsExactly("enforcement.ontime_decision_rate 1/1");
    assertThat(of(StreamKind.REVIEW, FactKind.OVERDUE, "REVIEW_INTAKE")).containsExactly("review.acceptance_ontime_rate 0/1");
    assertThat(of(StreamKind.REVIEW, FactKind.ONTIME, "REVIEW_CONCLUSION")).containsExactly("review.ontime_decision_rate 1/1");
    assertThat(of(StreamKind.MEDIATION, FactKind.ONTIME, "MEDIATION_CONCLUSION")).containsExactly("mediation.ontime_rate 1/1");
    assertThat(of(StreamKind.LITIGATION, FactKind.OVERDUE, "LITIGATION_ANSWER")).containsExactly("litigation.ontime_answer_rate 0/1");
    assertThat(of(StreamKind.DISCLOSURE, FactKind.ONTIME, "DISCLOSURE_ANSWER")).containsExactly("disclosure.ontime_answer_rate 1/1");
    for (StreamKind s : StreamKind.values()) {
      String w = s.wireName();
      assertThat(of(s, FactKind.ENDED, null)).containsExactly(w + ".open_cases -1/0");
      assertThat(of(s, FactKind.OVERDUE_BEGAN, "x")).containsExactly(w + ".overdue_open 1/0");
      assertThat(of(s, FactKind.OVERDUE_ENDED, "x")).containsExactly(w + ".overdue_open -1/0");
    }
    assertThat(of(StreamKind.REVIEW, FactKind.ACCEPTED, null)).isEmpty();
    assertThat(of(StreamKind.HOTLINE, FactKind.REOPENED, null)).isEmpty();
  }

  @Test
  void theOutcomesOfTheFirstFourStreams() {
    assertThat(of(StreamKind.HOTLINE, FactKind.RESOLVED, "true")).containsExactly("hotline.resolution_rate 1/1");
    assertThat(of(StreamKind.HOTLINE, FactKind.RESOLVED, "false")).containsExactly("hotline.resolution_rate 0/1");
    assertThat(of(StreamKind.HOTLINE, FactKind.RATED, "BASICALLY_SATISFIED")).containsExactly("hotline.satisfaction_rate 1/1");
    assertThat(of(StreamKind.HOTLINE, FactKind.RATED, "DISSATISFIED")).containsExactly("hotline.satisfaction_rate 0/1");
    assertThat(of(StreamKind.HOTLINE, FactKind.RATED, "UNREACHABLE")).isEmpty();
    assertThat(of(StreamKind.ENFORCEMENT, FactKind.DECIDED, "EXEMPT_FIRST_OFFENCE")).containsExactly("enforcement.no_penalty_share 1/1");
    assertThat(of(StreamKind.ENFORCEMENT, FactKind.DECIDED, "TRANSFERRED"))
        .containsExactly("enforcement.no_penalty_share 0/1", "enforcement.transfer_count 1/0");
    assertThat(of(StreamKind.ENFORCEMENT, FactKind.FILE_REVIEWED, "PASS")).containsExactly("enforcement.file_review_pass_rate 1/1");
    assertThat(of(StreamKind.ENFORCEMENT, FactKind.FILE_REVIEWED, "DEFECTIVE_CORRECTED"))
        .containsExactly("enforcement.file_review_pass_rate 0/1");
    assertThat(of(StreamKind.REVIEW, FactKind.DECIDED, "CONFIRMED_ILLEGAL"))
        .containsExactly("review.correction_rate 1/1", "review.settlement_rate 0/1");
    assertThat(of(StreamKind.REVIEW, FactKind.DECIDED, "UPHELD")).containsExactly("review.correction_rate 0/1", "review.settlement_rate 0/1");
    assertThat(of(StreamKind.REVIEW, FactKind.SETTLED, "MEDIATION")).containsExactly("review.settlement_rate 1/1");
    assertThat(of(StreamKind.REVIEW, FactKind.WITHDRAWN, null)).containsExactly("review.settlement_rate 0/1");
    assertThat(of(StreamKind.MEDIATION, FactKind.MEDIATED, "SUCCESS")).containsExactly("mediation.success_rate 1/1");
    assertThat(of(StreamKind.MEDIATION, FactKind.MEDIATED, "PRE_FAILED")).containsExactly("mediation.prelitigation_success_rate 0/1");
    assertThat(of(StreamKind.MEDIATION, FactKind.FULFILMENT, "UNFULFILLED")).containsExactly("mediation.fulfilment_rate 0/1");
    assertThat(of(StreamKind.MEDIATION, FactKind.FEEDBACK, "true")).containsExactly("mediation.satisfaction_rate 1/1");
  }

  @Test
  void theOutcomesOfLitigationAndDisclosure() {
    assertThat(of(StreamKind.LITIGATION, FactKind.OUTCOME, "HEAD_APPEARED")).containsExactly("litigation.head_appearance_rate 1/1");
    assertThat(of(StreamKind.LITIGATION, FactKind.OUTCOME, "HEAD_ABSENT")).containsExactly("litigation.head_appearance_rate 0/1");
    assertThat(of(StreamKind.LITIGATION, FactKind.OUTCOME, "LOST")).containsExactly("litigation.loss_rate 1/1");
    assertThat(of(StreamKind.LITIGATION, FactKind.OUTCOME, "NOT_LOST")).containsExactly("litigation.loss_rate 0/1");
    assertThat(of(StreamKind.DISCLOSURE, FactKind.OUTCOME, "DISCLOSED")).containsExactly("disclosure.disclosure_rate 1/1");
    assertThat(of(StreamKind.DISCLOSURE, FactKind.OUTCOME, "PARTLY_DISCLOSED")).containsExactly("disclosure.disclosure_rate 1/1");
    for (String notDisclosed : List.of("NOT_DISCLOSED", "NOT_EXIST", "NOT_RESPONSIBLE", "NOT_PROCESSED", "OTHER")) {
      assertThat(of(StreamKind.DISCLOSURE, FactKind.OUTCOME, notDisclosed)).containsExactly("disclosure.disclosure_rate 0/1");
    }
  }

  @AfterAll
  static void everyMetricOfTheCatalogueHasItsFormulaTestedHere() {
    assertThat(TESTED).containsAll(Catalogue.metrics().stream().map(Metric::id).toList());
  }
}
