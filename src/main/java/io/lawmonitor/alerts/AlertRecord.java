package io.lawmonitor.alerts;

/** A delivered alert transition (README, "Alert rules"): FIRING when a breach starts, RESOLVED when it ends. */
public record AlertRecord(
    String fingerprint,
    String rule,
    String state,
    String severity,
    String metric,
    String window,
    String scopeLevel,
    String scope,
    double value,
    Long numerator,
    Long denominator,
    Double wilsonLow,
    Double wilsonHigh,
    double threshold,
    long activeSince,
    long at,
    String summary,
    String mode) {}
