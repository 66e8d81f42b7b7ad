package io.lawmonitor.streams;

import java.io.Serializable;

/**
 * A statutory clock of a stream: its name (the detail of its on-time and overdue facts), its id
 * on the 督办清单 and in the config ({@code acceptance}: {@code review.acceptance}), what is due
 * by it in Chinese (受理审查), the rate its
 * outcomes count in, and whether missing it makes the case 超期未办结 (the stream's overdue_open
 * gauge).
 */
public record ClockSpec(String name, String id, String label, Metric rate, boolean countsAsOverdueOpen)
    implements Serializable {}
