package io.lawmonitor.events;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * One counter per stream (every StreamKind, by its wire name; "unknown" for a record whose
 * stream cannot be told), for Prometheus: {@code lawmonitor_<name>_total{stream="..."}}, summed
 * over the subtasks.
 */
public final class StreamCounters {
  private final MetricGroup operator;
  private final String name;
  private final Map<String, Counter> byStream = new HashMap<>();

  /** Registers every stream's counters at once, so a dashboard sees 0 rather than no series. */
  public StreamCounters(MetricGroup operator, String name) {
    this.operator = operator.addGroup(io.lawmonitor.prometheus.MonitorReporter.MARK);
    this.name = name + "_total";
    for (StreamKind k : StreamKind.values()) {
      byStream.put(k.wireName(), this.operator.addGroup("stream", k.wireName()).counter(this.name));
    }
  }

  public void inc(String stream) {
    String s = stream == null || stream.isBlank() || StreamKind.fromWire(stream) == null ? "unknown" : stream;
    byStream.computeIfAbsent(s, x -> operator.addGroup("stream", x).counter(name)).inc();
  }
}
