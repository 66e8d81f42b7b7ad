package io.lawmonitor.lifecycle;

import io.lawmonitor.events.CountingProcessFunction;
import io.lawmonitor.events.RunCounts;
import io.lawmonitor.events.Accounting;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.LateEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by case, as the case lifecycles are (and chained to them, so that they see the events and
 * the clock in the same order as this does): the same eventId seen twice in a case is one event
 * (producers retry). Also the gate for lateness: an event older than the watermark minus the
 * allowed lateness goes to the late-events output. The memory of an eventId is kept for a
 * retention period of event time.
 */
public class DedupFunction extends CountingProcessFunction<String, Event, Event> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<LateEvent> LATE_EVENTS =
      new OutputTag<>("late-events", TypeInformation.of(LateEvent.class));

  private static final long DAY = 86_400_000L;
  private final long allowedLateness;
  private final long retention;
  /** The time of a bounded input's last event, or Long.MAX_VALUE for an unbounded input. */
  private final long inputEnd;
  /** eventId → until when it is remembered. */
  private transient MapState<String, Long> seen;
  private transient RunCounts.Counter duplicates;
  private transient RunCounts.Counter late;
  private transient Counter duplicatesMetric;
  private transient Counter lateMetric;
  private transient io.lawmonitor.events.StreamCounters duplicatesByStream;
  private transient io.lawmonitor.events.StreamCounters lateByStream;

  /**
   * @param inputEnd the time of a bounded input's last event (no memory is cleared after it: the
   *     run ends), or Long.MAX_VALUE for an unbounded input
   */
  public DedupFunction(long allowedLatenessMillis, long retentionMillis, long inputEnd) {
    super(Accounting.DUPLICATES, Accounting.LATE_EVENTS);
    this.allowedLateness = allowedLatenessMillis;
    this.retention = retentionMillis;
    this.inputEnd = inputEnd;
  }

  @Override
  public void open(OpenContext ctx) {
    seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen", Types.STRING, Types.LONG));
    counts.open(getRuntimeContext());
    duplicates = counts.get(Accounting.DUPLICATES);
    late = counts.get(Accounting.LATE_EVENTS);
    duplicatesMetric = getRuntimeContext().getMetricGroup().counter("duplicates");
    lateMetric = getRuntimeContext().getMetricGroup().counter("lateEvents");
    duplicatesByStream = new io.lawmonitor.events.StreamCounters(getRuntimeContext().getMetricGroup(), "duplicates");
    lateByStream = new io.lawmonitor.events.StreamCounters(getRuntimeContext().getMetricGroup(), "late_events");
  }

  @Override
  public void processElement(Event e, Context ctx, Collector<Event> out) throws Exception {
    Long remembered = seen.get(e.eventId);
    if (remembered != null && remembered > ctx.timerService().currentWatermark()) {
      duplicates.add(1L);
      duplicatesMetric.inc();
      duplicatesByStream.inc(e.stream.wireName());
      return;
    }
    // an event from a Kafka partition is judged against that partition's own watermark (never
    // behind the job's, which is the lowest of them): the same verdict on every run
    long wm = Math.max(ctx.timerService().currentWatermark(), e.laneWatermark);
    if (wm != Long.MIN_VALUE && e.eventTime < wm - allowedLateness) {
      late.add(1L);
      lateMetric.inc();
      lateByStream.inc(e.stream.wireName());
      ctx.output(LATE_EVENTS, new LateEvent(e, wm, wm - e.eventTime));
      return;
    }
    if (wm != Long.MIN_VALUE && e.eventTime <= wm) {
      e.lateWatermark = wm;
    }
    long until = Math.max(e.eventTime, wm) + retention;
    seen.put(e.eventId, until);
    // forgotten by a timer at the end of that day (one timer for a case's events of a day, not
    // one each); until then it no longer counts once the watermark has passed its time
    timerWithinInput(ctx.timerService(), Math.floorDiv(until, DAY) * DAY + DAY - 1, inputEnd);
    out.collect(e);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Event> out) throws Exception {
    for (java.util.Iterator<java.util.Map.Entry<String, Long>> it = seen.iterator(); it.hasNext(); ) {
      if (it.next().getValue() <= timestamp) {
        it.remove();
      }
    }
    if (seen.isEmpty()) {
      seen.clear(); // the case's entry goes too
    }
  }
}
