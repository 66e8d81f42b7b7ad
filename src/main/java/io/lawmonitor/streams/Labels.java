package io.lawmonitor.streams;

import java.io.Serializable;

/**
 * The names a stream or a metric is shown by, one set used by the console, the wallboard, the
 * report, Prometheus and alert messages alike.
 *
 * @param name the full Chinese name (alert summaries, the report's headings), e.g. 12345满意率
 * @param shortName the name within its stream's panel (wallboard tiles, console columns), e.g. 满意率
 * @param unit what a value counts: "%" for a rate, "件" for a count or gauge
 */
public record Labels(String name, String shortName, String unit) implements Serializable {}
