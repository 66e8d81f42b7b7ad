package io.lawmonitor.cases;

import io.lawmonitor.runtime.Accounting;
import io.lawmonitor.events.CountingProcessFunction;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.RunCounts;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.util.Collector;

/**
 * The eventIds an older version's savepoint remembers. Versions before this one judged retries in
 * an operator of their own (this uid, state {@code seen}: eventId → until when); the case
 * lifecycles judge them now, in the case's own state ({@link CaseLifecycleFunction}). Restored
 * from such a savepoint, this operator still tells a retry of an event it remembers (a duplicate,
 * counted here as it was) and forgets each entry by its timer as before; it learns nothing new, so
 * its state is gone one retention period after the upgrade. Started afresh (every bounded run, and
 * any job not restored) it passes every event on untouched. It keeps the counts it was restored
 * with, so that a restored run still reconciles.
 */
public class DedupFunction extends CountingProcessFunction<String, Event, Event> {
  private static final long serialVersionUID = 1L;

  /** eventId → until when it is remembered. */
  private transient MapState<String, Long> seen;
  private transient boolean restored;
  private transient RunCounts.Counter duplicates;
  private transient Counter duplicatesMetric;
  private transient io.lawmonitor.events.StreamCounters duplicatesByStream;

  public DedupFunction() {
    super(Accounting.DUPLICATES, Accounting.LATE_EVENTS);
  }

  @Override
  protected void restoring(FunctionInitializationContext ctx) {
    restored = ctx.isRestored();
  }

  @Override
  public void open(OpenContext ctx) {
    seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen", Types.STRING, Types.LONG));
    counts.open(getRuntimeContext());
    duplicates = counts.get(Accounting.DUPLICATES);
    duplicatesMetric = getRuntimeContext().getMetricGroup().counter("duplicates");
    duplicatesByStream = new io.lawmonitor.events.StreamCounters(getRuntimeContext().getMetricGroup(), "duplicates");
  }

  @Override
  public void processElement(Event e, Context ctx, Collector<Event> out) throws Exception {
    if (restored) {
      Long remembered = seen.get(e.eventId);
      if (remembered != null && remembered > ctx.timerService().currentWatermark()) {
        duplicates.add(1L);
        duplicatesMetric.inc();
        duplicatesByStream.inc(e.stream.wireName());
        return;
      }
    }
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
