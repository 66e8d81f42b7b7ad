package io.lawmonitor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * An integration test: it runs a MiniCluster, a Kafka broker, the monitor's own processes, a
 * browser, Prometheus or Alertmanager. {@code mvn test} leaves these out (the fast loop);
 * {@code mvn verify} runs them after the unit tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("integration")
public @interface Integration {}
