package io.lawmonitor.streams;

/** One metric moved by a fact: numerator and denominator deltas (the value's delta for counts and gauges). */
public record Contribution(Metric metric, long numerator, long denominator) {}
