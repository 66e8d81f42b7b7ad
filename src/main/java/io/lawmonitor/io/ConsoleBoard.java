package io.lawmonitor.io;

import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.metrics.MetricRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the local console shows: the newest figure per (metric, window, scope) and the alerts as
 * they come. Filled by sinks inside the local MiniCluster, which runs in the same JVM as the
 * console; a cluster job has no console and does not use it.
 */
public final class ConsoleBoard {
  private static final ConsoleBoard INSTANCE = new ConsoleBoard();

  private final Map<String, MetricRecord> latest = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<AlertRecord> newAlerts = new ConcurrentLinkedQueue<>();
  private final List<AlertRecord> allAlerts = new ArrayList<>();
  private volatile long reached = Long.MIN_VALUE;

  public static ConsoleBoard get() {
    return INSTANCE;
  }

  public void reset() {
    latest.clear();
    newAlerts.clear();
    synchronized (allAlerts) {
      allAlerts.clear();
    }
    reached = Long.MIN_VALUE;
  }

  void put(MetricRecord m) {
    String key = m.metric() + "|" + m.window() + "|" + m.scopeLevel() + "|" + m.scope();
    latest.merge(key, m, (a, b) -> b.windowEnd() > a.windowEnd()
        || (b.windowEnd() == a.windowEnd() && b.revision() >= a.revision()) ? b : a);
    if (m.windowEnd() > reached) {
      reached = m.windowEnd();
    }
  }

  void put(AlertRecord a) {
    newAlerts.add(a);
    synchronized (allAlerts) {
      allAlerts.add(a);
    }
  }

  /** The newest figure of a metric in a window and scope, or null. */
  public MetricRecord latest(String metric, String window, String level, String scope) {
    return latest.get(metric + "|" + window + "|" + level + "|" + scope);
  }

  public List<MetricRecord> latestAll() {
    return new ArrayList<>(latest.values());
  }

  /** Alerts not yet taken. */
  public List<AlertRecord> takeNewAlerts() {
    List<AlertRecord> out = new ArrayList<>();
    AlertRecord a;
    while ((a = newAlerts.poll()) != null) {
      out.add(a);
    }
    return out;
  }

  public List<AlertRecord> alerts() {
    synchronized (allAlerts) {
      return new ArrayList<>(allAlerts);
    }
  }

  /** The latest window end seen: how far event time has got. */
  public long reached() {
    return reached;
  }
}
