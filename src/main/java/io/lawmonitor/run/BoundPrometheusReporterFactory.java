package io.lawmonitor.run;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Properties;
import org.apache.flink.metrics.prometheus.AbstractPrometheusReporter;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Flink's Prometheus reporter, listening on the address it is told ({@code host}, default
 * 127.0.0.1) instead of on every interface: the one-machine modes serve their figures to this
 * machine unless {@code --metrics-bind} says otherwise. A cluster (k8s/) uses Flink's own reporter.
 */
public final class BoundPrometheusReporterFactory implements MetricReporterFactory {
  @Override
  public MetricReporter createMetricReporter(Properties properties) {
    return new BoundPrometheusReporter(properties.getProperty("host", OneMachine.LOOPBACK),
        Integer.parseInt(properties.getProperty("port", "9249")));
  }

  static final class BoundPrometheusReporter extends AbstractPrometheusReporter {
    private final HTTPServer server;

    BoundPrometheusReporter(String host, int port) {
      try {
        server = new HTTPServer(new InetSocketAddress(InetAddress.getByName(host), port), registryOf(this), true);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot serve Prometheus metrics on " + host + ":" + port + ": " + e.getMessage(), e);
      }
      log.debug("Prometheus metrics at http://{}:{}/metrics", host, server.getPort());
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
    public void close() {
      server.stop();
      super.close();
    }
  }
}
