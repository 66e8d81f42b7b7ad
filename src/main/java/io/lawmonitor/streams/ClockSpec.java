package io.lawmonitor.streams;

import java.io.Serializable;

/**
 * A statutory clock of a stream: its name (the detail of its on-time and overdue facts), the rate
 * its outcomes count in, and whether missing it makes the case 超期未办结 (the stream's
 * overdue_open gauge).
 */
public record ClockSpec(String name, Metric rate, boolean countsAsOverdueOpen) implements Serializable {}
