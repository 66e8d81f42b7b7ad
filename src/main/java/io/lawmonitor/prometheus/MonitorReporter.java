package io.lawmonitor.prometheus;

import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.prometheus.AbstractPrometheusReporter;

/**
 * Flink's Prometheus reporter, with the monitor's own metrics under names and labels of their
 * own. A metric registered under a group named {@value #MARK}, then key/value groups
 * ({@code addGroup("metric", "hotline.satisfaction_rate")}), is served as
 * {@code lawmonitor_<its name>} with those keys as its only labels: nothing in its name or labels
 * changes when a TaskManager is lost, a task restarts or the job is rescaled, so a figure keeps
 * one series (the scrape adds the target's own labels). Within one process, registrations of the
 * same name and labels are one series: counters are added up (events read by every subtask),
 * gauges give their largest value (a threshold every subtask knows); a gauge without a value yet
 * (NaN) is left out. Every process also serves {@code lawmonitor_build_info{version}} (1). Every
 * other metric is Flink's, named as Flink's own reporter names it.
 *
 * <p>Listens on the address it is told ({@code host}, default 127.0.0.1, so that a machine serves
 * its figures to itself unless told otherwise; a cluster's pods set 0.0.0.0).
 */
public final class MonitorReporter extends AbstractPrometheusReporter {
  /** The group under which the monitor registers what it exports under its own names. */
  public static final String MARK = "lawmonitor";
  static final String PREFIX = "lawmonitor_";
  static final String BUILD_INFO = PREFIX + "build_info";

  private final HTTPServer server;
  private final Own own = new Own();

  MonitorReporter(String host, int port) {
    CollectorRegistry registry = registryOf(this);
    registry.register(own);
    try {
      server = new HTTPServer(new InetSocketAddress(InetAddress.getByName(host), port), registry, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve Prometheus metrics on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    log.info("Prometheus metrics at http://{}:{}/metrics", host, server.getPort());
  }

  /** The registry the base class fills; it keeps it to itself, and its own server binds every interface. */
  private static CollectorRegistry registryOf(AbstractPrometheusReporter r) {
    try {
      Field f = AbstractPrometheusReporter.class.getDeclaredField("registry");
      f.setAccessible(true);
      return (CollectorRegistry) f.get(r);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this Flink's Prometheus reporter keeps its registry elsewhere", e);
    }
  }

  @Override
  public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
    Series s = series(name, group.getScopeComponents());
    if (s == null) {
      super.notifyOfAddedMetric(metric, name, group);
    } else if (metric instanceof Counter || metric instanceof Gauge<?>) {
      own.add(s, metric);
    }
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
    Series s = series(name, group.getScopeComponents());
    if (s == null) {
      super.notifyOfRemovedMetric(metric, name, group);
    } else {
      own.remove(s, metric);
    }
  }

  @Override
  public void close() {
    server.stop();
    super.close();
  }

  /** One of the monitor's series: its name and its labels, in the order the groups give them. */
  record Series(String name, List<String> labelNames, List<String> labelValues) {}

  /**
   * The series of a metric registered under {@value #MARK} followed by key/value groups, or null
   * for any other (Flink's own).
   */
  static Series series(String name, String[] scope) {
    int mark = -1;
    for (int i = scope.length - 1; i >= 0; i--) {
      if (MARK.equals(scope[i]) && (scope.length - i - 1) % 2 == 0) {
        mark = i;
        break;
      }
    }
    if (mark < 0) {
      return null;
    }
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (int i = mark + 1; i < scope.length; i += 2) {
      names.add(scope[i]);
      values.add(scope[i + 1]);
    }
    return new Series(PREFIX + name, List.copyOf(names), List.copyOf(values));
  }

  /** The monitor's metrics, read at each scrape. */
  static final class Own extends Collector {
    private final Map<Series, List<Metric>> metrics = new ConcurrentHashMap<>();

    void add(Series s, Metric m) {
      metrics.compute(s, (k, list) -> {
        List<Metric> l = list == null ? new ArrayList<>() : new ArrayList<>(list);
        l.add(m);
        return l;
      });
    }

    void remove(Series s, Metric m) {
      metrics.computeIfPresent(s, (k, list) -> {
        List<Metric> l = new ArrayList<>(list);
        l.removeIf(x -> x == m);
        return l.isEmpty() ? null : l;
      });
    }

    @Override
    public List<MetricFamilySamples> collect() {
      Map<String, List<MetricFamilySamples.Sample>> byName = new TreeMap<>();
      // every process, the JobManager too: which version of the monitor serves here
      byName.put(BUILD_INFO, List.of(new MetricFamilySamples.Sample(BUILD_INFO, List.of("version"),
          List.of(Version.NUMBER), 1)));
      for (Map.Entry<Series, List<Metric>> e : metrics.entrySet()) {
        double v = value(e.getValue());
        if (!Double.isNaN(v)) {
          Series s = e.getKey();
          byName.computeIfAbsent(s.name(), n -> new ArrayList<>())
              .add(new MetricFamilySamples.Sample(s.name(), s.labelNames(), s.labelValues(), v));
        }
      }
      List<MetricFamilySamples> out = new ArrayList<>();
      byName.forEach((name, samples) -> out.add(new MetricFamilySamples(name, Type.GAUGE,
          "the rule-of-law monitor's " + name.substring(PREFIX.length()), samples)));
      return out;
    }

    /** Counters added up (a series is counters or gauges), gauges their largest value; NaN when none has a value. */
    static double value(List<Metric> registered) {
      double sum = 0;
      double max = Double.NaN;
      boolean counted = false;
      for (Metric m : registered) {
        if (m instanceof Counter c) {
          sum += c.getCount();
          counted = true;
        } else if (m instanceof Gauge<?> g && g.getValue() instanceof Number n) {
          double d = n.doubleValue();
          if (!Double.isNaN(d) && (Double.isNaN(max) || d > max)) {
            max = d;
          }
        }
      }
      return counted ? sum : max;
    }
  }
}
