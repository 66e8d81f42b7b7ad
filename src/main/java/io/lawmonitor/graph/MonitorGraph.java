package io.lawmonitor.graph;

import io.lawmonitor.config.MonitorConfig;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import io.lawmonitor.notify.Routed;
import io.lawmonitor.notify.Notification;
import io.lawmonitor.notify.DeliveryRecord;
import io.lawmonitor.notify.Deliver;
import io.lawmonitor.notify.Batcher;
import io.lawmonitor.notify.CaseWatchMessages;
import io.lawmonitor.io.Outputs;

import io.lawmonitor.alerts.AlertFunction;
import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.alerts.RuleInput;
import io.lawmonitor.alerts.RuleMatcher;
import io.lawmonitor.alerts.RuleChanges;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.alerts.RuleText;
import io.lawmonitor.alerts.RulesInForce;
import io.lawmonitor.alerts.WatchedByRules;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.events.DeadLetter;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.EventSerializer;
import io.lawmonitor.events.EventTimeWatermarks;
import io.lawmonitor.runtime.HeldSteps;
import io.lawmonitor.events.LateEvent;
import io.lawmonitor.events.ParseOperator;
import io.lawmonitor.runtime.QuietWatermarks;
import io.lawmonitor.runtime.WakeHold;
import io.lawmonitor.events.RawEvent;
import io.lawmonitor.cases.CaseLifecycleFunction;
import io.lawmonitor.cases.DedupFunction;
import io.lawmonitor.lifecycle.CaseWatch;
import io.lawmonitor.lifecycle.Fact;
import io.lawmonitor.metrics.DeltaCombiner;
import io.lawmonitor.metrics.MetricDelta;
import io.lawmonitor.metrics.MetricDeltaSerializer;
import io.lawmonitor.metrics.MetricRecord;
import io.lawmonitor.metrics.MetricRecordSerializer;
import io.lawmonitor.metrics.WindowedMetricFunction;
import io.lawmonitor.notify.Delivery;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Builds the one graph every mode runs:
 * raw records → parse + validate + strip personal data → dedup + case lifecycles → outcome
 * facts → scopes → windowed figures → alert rules. Sources and sinks are injected; the uids
 * are stable so savepoints survive upgrades.
 */
public final class MonitorGraph {
  private MonitorGraph() {}

  /** What a run needs besides its input and outputs. */
  public record Settings(MonitorConfig config, RuleSet rules, WorkCalendar calendar, String mode,
      /** The last event's time for a bounded input, or Long.MAX_VALUE for an unbounded one. */
      long inputEnd,
      /** No event can be later than this (the submitter's present plus the far-future bound), or Long.MAX_VALUE. */
      long notAfter) {}

  /**
   * The input end a bounded run gives the graph: its last event's time, or, with no usable event,
   * a time no deadline reaches (nothing is due), which is not Long.MAX_VALUE (an unbounded input).
   */
  public static long boundedEnd(long lastEventTime) {
    return lastEventTime == Long.MIN_VALUE ? NO_EVENT : lastEventTime;
  }

  /** The input end of a bounded run without a usable event. */
  public static final long NO_EVENT = Long.MAX_VALUE - 1;

  /**
   * A rule-change source never holds back event time, nor moves it: it is idle from the start and
   * stays so (its records pass all the same), so the operators that take both the figures and the
   * rules follow the figures' watermark alone. Rule changes take effect when they arrive.
   */
  public static final WatermarkStrategy<RuleText> RULE_CHANGES = WatermarkStrategy.forGenerator(ctx ->
      new WatermarkGenerator<>() {
        @Override
        public void onEvent(RuleText r, long timestamp, WatermarkOutput out) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput out) {
          out.markIdle();
        }
      });

  /** No rule changes while it runs (a bounded run): the rules it starts with stay in force. */
  public static DataStream<RuleText> noRuleChanges(StreamExecutionEnvironment env) {
    return env.fromSequence(1, 1).uid("source-rules-none").name("no rule changes").setParallelism(1)
        .flatMap((Long one, org.apache.flink.util.Collector<RuleText> none) -> { })
        .returns(TypeInformation.of(RuleText.class)).uid("rules-none").name("no rule changes").setParallelism(1);
  }

  /** For a source whose records are in read order (files): watermarks are made after parsing. */
  public static void build(DataStream<RawEvent> raw, DataStream<RuleText> ruleChanges, Settings s, Outputs outputs) {
    build(raw, ruleChanges, s, outputs, false);
  }

  /**
   * @param ruleChanges rule sets to put in force while it runs (validated first)
   * @param watermarkedSource the source makes its own watermarks, per partition (Kafka); else
   *     they are made from the parsed events
   */
  public static void build(DataStream<RawEvent> raw, DataStream<RuleText> ruleChanges, Settings s, Outputs outputs,
      boolean watermarkedSource) {
    MonitorConfig c = s.config();
    // records pass between chained operators without a copy each: the operators never change a
    // record they were given after passing it on, and what a case keeps of an event it copies
    raw.getExecutionEnvironment().getConfig().enableObjectReuse();
    long outOfOrder = c.outOfOrderness().toMillis();
    boolean unbounded = s.inputEnd() == Long.MAX_VALUE;

    SingleOutputStreamOperator<Event> events = raw
        .transform("parse + validate + strip personal data", EventSerializer.info(),
            new ParseOperator(new io.lawmonitor.parse.EventParser(c.maxEventBytes()), outOfOrder, c.farFuture().toMillis(), s.notAfter(),
                unbounded ? c.idleness().toMillis() : 0))
        .uid("parse")
        .setParallelism(raw.getParallelism());
    DataStream<DeadLetter> badInput = events.getSideOutput(ParseOperator.DEAD_LETTERS);

    DataStream<Event> timed = watermarkedSource ? events : events
        .assignTimestampsAndWatermarks(WatermarkStrategy
            .<Event>forGenerator(QuietWatermarks.<Event>supplier(ctx -> new EventTimeWatermarks(outOfOrder),
                c.idleness(), unbounded))
            .withTimestampAssigner((e, ts) -> e.eventTime))
        .uid("watermarks").name("event-time watermarks")
        .setParallelism(raw.getParallelism());

    // a bounded input has no idleness, and its results depend on its data alone: nothing waits on the clock
    DataStream<Event> woken = !unbounded ? timed : timed
        .transform("hold the watermark on waking", EventSerializer.info(),
            WakeHold.<Event>forIdleness(c.idleness()))
        .uid("wake-hold")
        .setParallelism(raw.getParallelism());

    // the case lifecycles judge retries and lateness first, in the case's own state; the operator
    // before them, chained on the same key, only still holds what an older version's savepoint
    // remembered of eventIds (it passes everything on in a job started afresh)
    SingleOutputStreamOperator<Event> unique = woken
        .keyBy(Event::caseKey, Types.STRING)
        .process(new DedupFunction())
        .uid("dedup").name("retries remembered by an older savepoint");

    SingleOutputStreamOperator<Fact> facts = DataStreamUtils.reinterpretAsKeyedStream(unique, Event::caseKey, Types.STRING)
        .transform("dedup + case lifecycles", TypeInformation.of(Fact.class),
            new HeldSteps<>(new CaseLifecycleFunction(c.lifecycle(), s.calendar(), s.inputEnd(),
                c.allowedLateness().toMillis(), c.dedupRetention().toMillis(), s.mode())))
        .uid("case-lifecycle");
    DataStream<LateEvent> late = facts.getSideOutput(CaseLifecycleFunction.LATE_EVENTS);
    DataStream<DeadLetter> illegal = facts.getSideOutput(ParseOperator.DEAD_LETTERS);
    DataStream<CaseWatch> watch = facts.getSideOutput(CaseLifecycleFunction.CASE_WATCH);

    DataStream<MetricDelta> deltas = facts
        .transform("fan out to scopes, add up per scope and hour", MetricDeltaSerializer.info(),
            new DeltaCombiner(c.scopeLevels(), c.metrics()))
        .uid("combine");

    SingleOutputStreamOperator<MetricRecord> metrics = deltas
        .keyBy(MetricDelta::key, Types.STRING)
        .transform("windowed rates", MetricRecordSerializer.info(),
            new HeldSteps<>(new WindowedMetricFunction(c.windows(), c.allowedLateness().toMillis(),
                WindowedMetricFunction.lastEndFor(s.inputEnd()), s.mode(), c.prometheusScopeLevels())))
        .uid("windowed-metrics");

    RulesInForce inForce = new RulesInForce(s.rules(), c.windowNames());
    SingleOutputStreamOperator<String> accepted = ruleChanges
        .process(new RuleChanges(s.rules(), c.windowNames(), c.scopeLevels(), c.metrics(), s.mode()))
        .uid("rule-changes").name("validate rule changes").setParallelism(1);
    BroadcastStream<String> rules = accepted.broadcast(RulesInForce.STATE);

    // a bounded run keeps the rules it starts with: only what they watch goes on to the matching
    DataStream<MetricRecord> watched = unbounded ? metrics : metrics
        .filter(new WatchedByRules(s.rules())).uid("watched-by-rules").name("watched by a rule");
    DataStream<AlertRecord> alerts = watched
        .connect(rules)
        .process(new RuleMatcher(inForce))
        .uid("rule-match").name("match alert rules")
        .keyBy(RuleInput::key, Types.STRING)
        .connect(rules)
        .process(new AlertFunction(inForce, s.mode()))
        .uid("alerts").name("alert lifecycles");

    outputs.metrics(metrics);
    outputs.alerts(alerts);
    outputs.caseWatch(watch);
    // the subscribers' branch: routed per HTTP target, grouped per target, delivered by one sender
    // (a robot's pace is kept across all its messages); ordered, because Flink's async operator keeps
    // the messages in flight in its checkpoint in that order only: a restore then hands each lane its
    // messages as they were made (a RESOLVED never before its FIRING)
    DataStream<Notification> messages = alerts
        .connect(rules)
        .process(new Delivery.Route(inForce)).uid("notify-route").name("route alerts to subscribers")
        .keyBy(Routed::target, Types.STRING)
        .process(new Batcher(c.delivery())).uid("notify-batch").name("messages per subscriber");
    // the 督办清单's digests and overdue messages take the same way to the same subscribers; a
    // bounded run of files whose rules have none (its rules do not change, and it is never
    // restored from a savepoint) does without the operator
    if (unbounded || watermarkedSource || !s.rules().caseWatch().isEmpty()) {
      messages = messages.union(watch.keyBy(CaseWatchMessages::agencyKey, Types.STRING)
          .connect(rules)
          .process(new CaseWatchMessages(inForce, s.calendar(), s.inputEnd())).uid("case-watch-messages")
          .name("督办清单 digests and overdue messages"));
    }
    DataStream<DeliveryRecord> deliveries = AsyncDataStream.orderedWait(messages, new Deliver(c.delivery(), s.mode()),
            c.delivery().budget().toMillis(), TimeUnit.MILLISECONDS, 10_000)
        .uid("notify-deliver").name("deliver to subscribers").setParallelism(1)
        .map(new Delivery.Outcome()).returns(TypeInformation.of(DeliveryRecord.class))
        .uid("notify-outcome").name("delivery log").setParallelism(1);

    outputs.deliveries(deliveries);
    outputs.ruleChanges(accepted.getSideOutput(RuleChanges.LOG));
    outputs.rulesInForce(accepted, c.windowNames());
    outputs.deadLetters(badInput.union(illegal));
    outputs.lateEvents(late);
  }
}
