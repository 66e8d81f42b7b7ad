package io.lawmonitor.lifecycle;

import java.io.Serializable;
import java.time.Duration;

/**
 * The statutory clocks and the state horizon, each a config value since jurisdictions differ.
 * The defaults are those the README gives ("Statutory clocks").
 */
public record LifecycleSettings(
    int hotlineResponseWorkdays,
    int hotlineUrgentResponseHours,
    int hotlineClosureWorkdays,
    int hotlineUrgentClosureHours,
    int reviewIntakeWorkdays,
    int reviewDecisionDays,
    int reviewSimplifiedDecisionDays,
    int reviewMaxExtensionDays,
    int enforcementDecisionDays,
    int mediationConclusionDays,
    int mediationFulfilmentCheckDays,
    Duration caseGrace,
    Duration maxCaseAge) implements Serializable {

  public static LifecycleSettings defaults() {
    return new LifecycleSettings(1, 2, 3, 24, 5, 60, 30, 30, 90, 30, 30, Duration.ofDays(7), Duration.ofDays(730));
  }
}
