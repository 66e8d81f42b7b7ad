package io.lawmonitor.prometheus;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Makes the {@link MonitorReporter}: {@code metrics.reporter.<name>.factory.class} set to this
 * class, with {@code host} (default 127.0.0.1) and {@code port} (default 9249). On a cluster the
 * reporter is a plugin: this package's jar and Flink's Prometheus reporter's jar in a folder of
 * their own under {@code plugins/}.
 */
public final class MonitorReporterFactory implements MetricReporterFactory {
  public static final String LOOPBACK = "127.0.0.1";

  @Override
  public MetricReporter createMetricReporter(Properties properties) {
    return new MonitorReporter(properties.getProperty("host", LOOPBACK),
        Integer.parseInt(properties.getProperty("port", "9249")));
  }
}
