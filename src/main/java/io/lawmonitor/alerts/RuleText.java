package io.lawmonitor.alerts;

/** A rule set as it arrives to replace the one in force: its YAML and where it came from (a file, topic/partition@offset). */
public record RuleText(String yaml, String origin) {}
