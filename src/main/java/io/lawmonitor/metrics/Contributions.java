package io.lawmonitor.metrics;

import io.lawmonitor.lifecycle.ClockName;
import io.lawmonitor.lifecycle.Fact;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Which metrics an outcome fact moves, and by how much: the formulas of the README's "Metrics". */
public final class Contributions {
  private Contributions() {}

  /** One metric moved by a fact: numerator and denominator deltas (value delta for counts/gauges). */
  public record Contribution(Metric metric, long numerator, long denominator) {}

  private static final Set<String> CORRECTIVE = Set.of("REVOKED", "ALTERED", "CONFIRMED_ILLEGAL", "ORDERED_TO_PERFORM");

  public static List<Contribution> of(Fact f) {
    List<Contribution> out = new ArrayList<>(2);
    int s = f.sign();
    switch (f.kind()) {
      case ONTIME, OVERDUE -> {
        Metric m = clockMetric(ClockName.valueOf(f.detail()));
        if (m != null) {
          out.add(new Contribution(m, f.kind() == io.lawmonitor.lifecycle.FactKind.ONTIME ? s : 0, s));
        }
        if (f.kind() == io.lawmonitor.lifecycle.FactKind.ONTIME && m == Metric.HOTLINE_ONTIME_CLOSURE_RATE) {
          out.add(new Contribution(Metric.HOTLINE_CLOSED_COUNT, s, 0));
        }
      }
      // closed after the deadline: counted as closed (办结) when it closes
      case LATE_COMPLETION -> {
        if (clockMetric(ClockName.valueOf(f.detail())) == Metric.HOTLINE_ONTIME_CLOSURE_RATE) {
          out.add(new Contribution(Metric.HOTLINE_CLOSED_COUNT, s, 0));
        }
      }
      case OPENED -> {
        out.add(new Contribution(Metric.openCases(f.stream()), s, 0));
        if (f.stream() == io.lawmonitor.events.StreamKind.HOTLINE) {
          out.add(new Contribution(Metric.HOTLINE_RECEIVED_COUNT, s, 0));
        }
      }
      case ENDED -> out.add(new Contribution(Metric.openCases(f.stream()), -s, 0));
      case OVERDUE_BEGAN -> out.add(new Contribution(Metric.overdueOpen(f.stream()), s, 0));
      case OVERDUE_ENDED -> out.add(new Contribution(Metric.overdueOpen(f.stream()), -s, 0));
      case RESOLVED -> out.add(new Contribution(Metric.HOTLINE_RESOLUTION_RATE, "true".equals(f.detail()) ? s : 0, s));
      case RATED -> {
        switch (f.detail()) {
          case "SATISFIED", "BASICALLY_SATISFIED" -> out.add(new Contribution(Metric.HOTLINE_SATISFACTION_RATE, s, s));
          case "DISSATISFIED" -> out.add(new Contribution(Metric.HOTLINE_SATISFACTION_RATE, 0, s));
          default -> { } // UNREACHABLE is not a rating
        }
      }
      case DECIDED -> {
        switch (f.stream()) {
          case ENFORCEMENT -> {
            boolean lenient = "NO_PENALTY".equals(f.detail()) || "EXEMPT_FIRST_OFFENCE".equals(f.detail());
            out.add(new Contribution(Metric.ENFORCEMENT_NO_PENALTY_SHARE, lenient ? s : 0, s));
            if ("TRANSFERRED".equals(f.detail())) {
              out.add(new Contribution(Metric.ENFORCEMENT_TRANSFER_COUNT, s, 0));
            }
          }
          case REVIEW -> {
            out.add(new Contribution(Metric.REVIEW_CORRECTION_RATE, CORRECTIVE.contains(f.detail()) ? s : 0, s));
            out.add(new Contribution(Metric.REVIEW_SETTLEMENT_RATE, 0, s));
          }
          default -> { }
        }
      }
      case SETTLED -> out.add(new Contribution(Metric.REVIEW_SETTLEMENT_RATE, s, s));
      case WITHDRAWN -> out.add(new Contribution(Metric.REVIEW_SETTLEMENT_RATE, 0, s));
      case FILE_REVIEWED -> out.add(new Contribution(Metric.ENFORCEMENT_FILE_REVIEW_PASS_RATE, "PASS".equals(f.detail()) ? s : 0, s));
      case MEDIATED -> {
        // 人民调解 and 诉前调解 are separate populations with separate published rates (98.9% vs
        // about 70%): mixing them would make a good week of pre-litigation work look like a slump.
        boolean success = f.detail().endsWith("SUCCESS");
        Metric m = f.detail().startsWith("PRE_") ? Metric.MEDIATION_PRELITIGATION_SUCCESS_RATE : Metric.MEDIATION_SUCCESS_RATE;
        out.add(new Contribution(m, success ? s : 0, s));
      }
      case FULFILMENT -> out.add(new Contribution(Metric.MEDIATION_FULFILMENT_RATE, "FULFILLED".equals(f.detail()) ? s : 0, s));
      case FEEDBACK -> out.add(new Contribution(Metric.MEDIATION_SATISFACTION_RATE, "true".equals(f.detail()) ? s : 0, s));
      default -> { } // REOPENED, ACCEPTED, NOT_ACCEPTED: facts without a rate of their own
    }
    return out;
  }

  static Metric clockMetric(ClockName clock) {
    return switch (clock) {
      case HOTLINE_RESPONSE -> Metric.HOTLINE_RESPONSE_RATE;
      case HOTLINE_CLOSURE -> Metric.HOTLINE_ONTIME_CLOSURE_RATE;
      case ENFORCEMENT_DECISION -> Metric.ENFORCEMENT_ONTIME_DECISION_RATE;
      case REVIEW_INTAKE -> Metric.REVIEW_ACCEPTANCE_ONTIME_RATE;
      case REVIEW_CONCLUSION -> Metric.REVIEW_ONTIME_DECISION_RATE;
      case MEDIATION_CONCLUSION -> Metric.MEDIATION_ONTIME_RATE;
    };
  }
}
