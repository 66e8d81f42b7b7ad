package io.lawmonitor.alerts;

/**
 * A line of the rule-changes output: a new rule set put in force (ACCEPTED, with what it added,
 * removed and changed) or refused (REJECTED, with the error naming the rule and the field; the
 * rules in force stay).
 *
 * @param at when it was decided (wall clock, epoch millis)
 */
public record RuleChange(String outcome, String origin, String detail, long at, String mode) {
  public static final String ACCEPTED = "ACCEPTED";
  public static final String REJECTED = "REJECTED";
}
