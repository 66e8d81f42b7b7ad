package io.lawmonitor.streams;

import io.lawmonitor.calendar.Deadlines;
import io.lawmonitor.events.Attributes;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.EventAttributes;
import io.lawmonitor.events.EventType;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.lifecycle.Fact;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything that makes a stream that stream: its event types and their attributes, its
 * lifecycle and statutory clocks, its metrics and their formulas, its names, its topic. Each
 * stream's package has one; the catalogue lists them, and everything else (parsing, the graph,
 * the console, the wallboard, the report, the topics, the config) goes through it. What a stream
 * is comes in its {@link Description}; what it does, in the three methods a stream writes.
 */
public abstract class StreamDefinition {
  private final Description d;

  protected StreamDefinition(Description description) {
    this.d = description.checked();
  }

  /**
   * Reads and validates the attributes of one event of this stream: its record of them, or null
   * for a type that has none. (A 12345 ASSIGNED names the agency the request now sits with, which
   * it sets in the header.)
   */
  public abstract EventAttributes readAttributes(Event e, Attributes a) throws Attributes.Invalid;

  /** A whole number of days or working days an event may leave out: none. */
  protected static int orZero(Integer days) {
    return days == null ? 0 : days;
  }

  /** Its part of the sample generator, drawing from random numbers of its own. */
  public abstract io.lawmonitor.synthetic.StreamSample sample(io.lawmonitor.synthetic.SampleContext context);

  /** The lifecycle on these settings and this calendar. */
  public abstract Lifecycle<?> lifecycle(StreamSettings settings, Deadlines deadlines);

  /**
   * The metrics a fact of this stream moves beyond what every stream's do (a clock's rate, the
   * open and overdue gauges).
   */
  public abstract void contribute(Fact f, Consumer<Contribution> out);

  public final StreamKind kind() {
    return d.kind;
  }

  /** The stream's names: full (行政复议), short (复议). */
  public final Labels labels() {
    return d.labels;
  }

  /** The event types the stream carries. */
  public final Set<EventType> types() {
    return d.types;
  }

  /** The event type that opens a case. */
  public final EventType opening() {
    return d.opening;
  }

  /**
   * Events that report on a finished case and are counted on their own, with or without the
   * case's state (a hotline VISITED).
   */
  public final Set<EventType> independent() {
    return d.independent;
  }

  /**
   * Events that may come after the case without it in the data and are not orphans: the
   * independent ones, and any others the stream expects after the case's end.
   */
  public final Set<EventType> afterTheCase() {
    return d.afterTheCase;
  }

  /** The deadline settings under {@code deadlines.<stream>} in monitor.yaml, with their statutory defaults. */
  public final List<Setting> settings() {
    return d.settings;
  }

  /** The statutory clocks, in the order their facts are settled. */
  public final List<ClockSpec> clocks() {
    return d.clocks;
  }

  /** The metrics, in the order they are written. */
  public final List<Metric> metrics() {
    return d.metrics;
  }

  /** The gauge of cases open. */
  public final Metric openCases() {
    return d.openCases;
  }

  /** The gauge of cases open past a deadline (超期未办结). */
  public final Metric overdueOpen() {
    return d.overdueOpen;
  }

  /** The wallboard's headline rates, in the order shown (the first is the stream's lead rate). */
  public final List<Metric> headlines() {
    return d.headlines;
  }

  /** The rates of the report's period table, in the order shown. */
  public final List<Metric> reported() {
    return d.reported;
  }

  /** The Kafka topic its events come in on, unless configured otherwise. */
  public final String defaultTopic() {
    return "law." + d.kind.wireName() + ".events";
  }

  /** The clock spec of that name, or null. */
  public final ClockSpec clock(String name) {
    for (ClockSpec c : d.clocks) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  /** What a stream is, said once in its definition's constructor. */
  public static final class Description {
    private final StreamKind kind;
    private final Labels labels;
    private Set<EventType> types;
    private EventType opening;
    private Set<EventType> independent = Set.of();
    private Set<EventType> afterTheCase;
    private List<Setting> settings = List.of();
    private List<ClockSpec> clocks = List.of();
    private List<Metric> metrics;
    private Metric openCases;
    private Metric overdueOpen;
    private List<Metric> headlines = List.of();
    private List<Metric> reported = List.of();

    private Description(StreamKind kind, Labels labels) {
      this.kind = kind;
      this.labels = labels;
    }

    /** A stream and its names: full (行政复议) and short (复议). */
    public static Description of(StreamKind kind, String name, String shortName) {
      return new Description(kind, new Labels(name, shortName, "件"));
    }

    /** The event types, the one that opens a case first. */
    public Description types(EventType opening, EventType... others) {
      this.opening = opening;
      this.types = EnumSet.of(opening, others);
      return this;
    }

    /** {@link StreamDefinition#independent()}. */
    public Description independent(EventType... types) {
      this.independent = Set.of(types);
      return this;
    }

    /** {@link StreamDefinition#afterTheCase()}, beyond the independent events. */
    public Description alsoAfterTheCase(EventType... types) {
      EnumSet<EventType> all = EnumSet.noneOf(EventType.class);
      all.addAll(independent);
      all.addAll(List.of(types));
      this.afterTheCase = all;
      return this;
    }

    public Description settings(Setting... settings) {
      this.settings = List.of(settings);
      return this;
    }

    public Description clocks(ClockSpec... clocks) {
      this.clocks = List.of(clocks);
      return this;
    }

    /** The rates and counts, in the order they are written; the two gauges follow them. */
    public Description metrics(List<Metric> ratesAndCounts, Metric openCases, Metric overdueOpen) {
      this.openCases = openCases;
      this.overdueOpen = overdueOpen;
      this.metrics = java.util.stream.Stream.concat(ratesAndCounts.stream(), java.util.stream.Stream.of(openCases, overdueOpen))
          .toList();
      return this;
    }

    public Description headlines(Metric... rates) {
      this.headlines = List.of(rates);
      return this;
    }

    public Description reported(Metric... rates) {
      this.reported = List.of(rates);
      return this;
    }

    private Description checked() {
      if (types == null || metrics == null) {
        throw new IllegalStateException(kind.wireName() + ": a stream needs its event types and its metrics");
      }
      if (afterTheCase == null) {
        afterTheCase = independent;
      }
      for (Metric m : metrics) {
        if (m.stream() != kind) {
          throw new IllegalStateException(m.id() + " is listed by " + kind.wireName() + " but is " + m.stream().wireName() + "'s");
        }
      }
      if (headlines.isEmpty()) {
        throw new IllegalStateException(kind.wireName() + ": a stream needs a headline rate");
      }
      return this;
    }
  }
}
