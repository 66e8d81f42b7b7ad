package io.lawmonitor.lifecycle;

import io.lawmonitor.events.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.TimerHeapInternalTimer;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * Runs {@link CaseLifecycleFunction}, keeping the times its cases' new events are held until in a
 * queue of its own instead of a timer each.
 *
 * <p>Flink's timers of all cases share one priority queue, which holds every case's deadline and
 * clean-up timers: weeks ahead, a few per open case. A timer for each new event went through that
 * large queue twice (in and out), and was a fifth of the case lifecycles' time. The held times
 * are few (the events within the out-of-orderness bound), so their queue is small.
 *
 * <p>The function sees the same steps in the same order as with a timer per event: when the
 * watermark passes, for each held time in turn the timers up to and including it fire first,
 * then the cases held until it are released; a case whose events a timer at that same time
 * already took in does nothing more (a timer and a hold at one time are one step, as two timers
 * at one time are one timer). The held events themselves are in the keyed state; after a restore
 * their times are read back from it. A savepoint of a version that held them by timers restores
 * too: those timers take the events in, and the release finds nothing left.
 */
public final class CaseLifecycleOperator extends KeyedProcessOperator<String, Event, Fact> {
  private static final long serialVersionUID = 1L;

  /** Held time → the cases held until it, in the order they were held. */
  private transient TreeMap<Long, List<String>> held;
  private transient InternalTimerService<VoidNamespace> timers;

  public CaseLifecycleOperator(CaseLifecycleFunction function) {
    super(function);
  }

  private CaseLifecycleFunction function() {
    return (CaseLifecycleFunction) userFunction;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    held = new TreeMap<>();
    if (context.isRestored()) {
      this.<String>getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
          CaseLifecycleFunction.stateDescriptor(), (key, state) -> {
            CaseState st = state.value();
            if (st != null) {
              for (Event e : st.pending) {
                hold(key, e.eventTime);
              }
            }
          });
    }
  }

  @Override
  public void open() throws Exception {
    function().holds = t -> hold((String) getCurrentKey(), t);
    super.open();
    timers = getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, this);
  }

  private void hold(String key, long t) {
    // a case held twice until one time is released once and then finds nothing due
    List<String> keys = held.computeIfAbsent(t, k -> new ArrayList<>(2));
    if (keys.isEmpty() || !keys.get(keys.size() - 1).equals(key)) {
      keys.add(key);
    }
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    CaseLifecycleFunction f = function();
    Map.Entry<Long, List<String>> next;
    while ((next = held.firstEntry()) != null && next.getKey() <= mark.getTimestamp()) {
      held.pollFirstEntry();
      long t = next.getKey();
      if (t > timers.currentWatermark()) {
        getTimeServiceManager().orElseThrow().advanceWatermark(new Watermark(t));
      }
      f.releasing = true;
      try {
        for (String key : next.getValue()) {
          setCurrentKey(key);
          onEventTime(new TimerHeapInternalTimer<>(t, key, VoidNamespace.INSTANCE));
        }
      } finally {
        f.releasing = false;
      }
    }
    super.processWatermark(mark);
  }
}
