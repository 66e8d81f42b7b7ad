package io.lawmonitor.streams;

import io.lawmonitor.lifecycle.Fact;
import io.lawmonitor.lifecycle.FactKind;

import io.lawmonitor.calendar.Deadlines;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.EventType;
import io.lawmonitor.events.Attributes;
import io.lawmonitor.events.StreamKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything that makes a stream that stream: its event types and their attributes, its
 * lifecycle and statutory clocks, its metrics and their formulas, its names, its topic. Each
 * stream's package has one; the catalogue lists them, and everything else (parsing, the graph,
 * the console, the wallboard, the report, the topics, the config) goes through it.
 */
public interface StreamDefinition {
  StreamKind kind();

  /** The stream's names: full (行政复议), short (复议). */
  Labels labels();

  /** The event types the stream carries. */
  Set<EventType> types();

  /** The event type that opens a case. */
  EventType opening();

  /**
   * Events that report on a finished case and are counted on their own, with or without the
   * case's state (a hotline VISITED).
   */
  default Set<EventType> independent() {
    return Set.of();
  }

  /**
   * Events that may come after the case without it in the data and are not orphans: the
   * independent ones, and any others the stream expects after the case's end.
   */
  default Set<EventType> afterTheCase() {
    return independent();
  }

  /** Reads the attributes of one event of this stream into it. */
  void readAttributes(Event e, Attributes a) throws Attributes.Invalid;

  /** The deadline settings under {@code deadlines.<stream>} in monitor.yaml, with their statutory defaults. */
  List<Setting> settings();

  /** The statutory clocks, in the order their facts are settled. */
  List<ClockSpec> clocks();

  /** The lifecycle on these settings and this calendar. */
  Lifecycle<?> lifecycle(StreamSettings settings, Deadlines deadlines);

  /** The metrics, in the order they are written. */
  List<Metric> metrics();

  /** The gauge of cases open. */
  Metric openCases();

  /** The gauge of cases open past a deadline (超期未办结). */
  Metric overdueOpen();

  /**
   * The metrics a fact of this stream moves beyond what every stream's do (a clock's rate, the
   * open and overdue gauges).
   */
  void contribute(Fact f, Consumer<Contribution> out);

  /** The wallboard's headline rates, in the order shown. */
  List<Metric> headlines();

  /** The rates of the report's period table, in the order shown. */
  List<Metric> reported();

  /** The Kafka topic its events come in on, unless configured otherwise. */
  default String defaultTopic() {
    return "law." + kind().wireName() + ".events";
  }

  /** The clock spec of that name, or null. */
  default ClockSpec clock(String name) {
    for (ClockSpec c : clocks()) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }
}
