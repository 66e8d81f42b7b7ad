package io.lawmonitor.streams;

/**
 * A stream's deadline setting under {@code deadlines.<stream>} in monitor.yaml: its key, its
 * statutory default and what it counts (for the README and error messages).
 */
public record Setting(String key, int defaultValue, String counts) {}
