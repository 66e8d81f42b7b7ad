package io.lawmonitor.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.TimerHeapInternalTimer;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * Runs a keyed function that sets a step for many keys at a few times (a case's event held until
 * the watermark passes it; every scope's next hourly window), keeping those steps in a small queue
 * of its own instead of one of Flink's timers each.
 *
 * <p>Flink keeps the timers of all keys in one priority queue: a case's deadlines and clean-up
 * weeks ahead, a few per open case, so each timer goes in and out of a large heap. The steps set
 * here are due soon and share their times, so their queue is small. The function sees the same
 * calls in the same order as with a timer a step: when the watermark passes, for each step time in
 * turn the timers up to and including it fire first, then the keys stepped at it are called as a
 * timer calls them ({@code onTimer}), each once, and not a key whose own timer at that very time
 * just fired (two timers at one time are one timer); throughout, the watermark the function reads
 * is the one being passed ({@link #watermark(long)}), as it is while timers fire. Before each
 * checkpoint the steps still to come become timers, so that a restored job (or an older version's
 * savepoint, which held them as timers) takes them as before.
 */
public class HeldSteps<IN, OUT> extends KeyedProcessOperator<String, IN, OUT> {
  private static final long serialVersionUID = 1L;

  /** A function run by {@link HeldSteps}: told of it before it opens. */
  public interface Stepped {
    void steppedBy(HeldSteps<?, ?> steps);

    /**
     * Called before each checkpoint, before the steps still to come become timers: a function
     * that keeps something of a key in memory until that key's next call puts it in state now.
     */
    default void beforeSnapshot() throws Exception {}
  }

  /**
   * Step time → the keys stepped at it, in the order they were set: one key as itself (a case's
   * event has a time of its own), more as a {@code LinkedHashSet<String>} (every scope at the hour).
   */
  private transient TreeMap<Long, Object> steps;
  private transient InternalTimerService<VoidNamespace> timers;
  /** The watermark being passed, or Long.MIN_VALUE between watermarks. */
  private transient long passing;
  /** The step time being taken, and the keys whose own timer fired at exactly that time. */
  private transient long stepping;
  private transient ArrayList<String> firedAtStep;
  /** Whether the function's {@code onTimer} is being called for a step (not for a timer of its own). */
  private transient boolean inStep;

  public HeldSteps(KeyedProcessFunction<String, IN, OUT> function) {
    super(function);
    if (!(function instanceof Stepped)) {
      throw new IllegalArgumentException(function.getClass().getSimpleName() + " does not take held steps");
    }
  }

  @Override
  public void open() throws Exception {
    steps = new TreeMap<>();
    passing = Long.MIN_VALUE;
    stepping = Long.MIN_VALUE;
    firedAtStep = new ArrayList<>();
    ((Stepped) userFunction).steppedBy(this);
    super.open();
    timers = getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, this);
  }

  /** A step for the current key when the watermark reaches {@code t}. */
  @SuppressWarnings("unchecked")
  public void step(long t) {
    String key = (String) getCurrentKey();
    Object keys = steps.putIfAbsent(t, key);
    if (keys instanceof LinkedHashSet<?> set) {
      ((LinkedHashSet<String>) set).add(key);
    } else if (keys != null && !keys.equals(key)) {
      LinkedHashSet<String> set = new LinkedHashSet<>();
      set.add((String) keys);
      set.add(key);
      steps.put(t, set);
    }
  }

  /** Whether the call under way is a step's (true) or a timer's. */
  public boolean inStep() {
    return inStep;
  }

  /** Takes back the current key's step at {@code t}, if one is set there (a timer at {@code t} stays). */
  @SuppressWarnings("unchecked")
  public void unstep(long t) {
    String key = (String) getCurrentKey();
    Object keys = steps.get(t);
    if (keys instanceof LinkedHashSet<?> set) {
      ((LinkedHashSet<String>) set).remove(key);
      if (set.isEmpty()) {
        steps.remove(t);
      }
    } else if (key.equals(keys)) {
      steps.remove(t);
    }
  }

  /** The keys stepped at a time, in the order they were set. */
  @SuppressWarnings("unchecked")
  private static Iterable<String> keys(Object keys) {
    return keys instanceof String one ? java.util.List.of(one) : (LinkedHashSet<String>) keys;
  }

  /**
   * The watermark as a timer's call sees it: while one is being passed, that one (the steps and
   * timers up to it are taken in turn), else {@code current}.
   */
  public long watermark(long current) {
    return passing != Long.MIN_VALUE ? passing : current;
  }

  @Override
  public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
    if (timer.getTimestamp() == stepping) {
      firedAtStep.add(timer.getKey());
    }
    super.onEventTime(timer);
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    passing = mark.getTimestamp();
    try {
      Map.Entry<Long, Object> next;
      while ((next = steps.firstEntry()) != null && next.getKey() <= mark.getTimestamp()) {
        steps.pollFirstEntry();
        long t = next.getKey();
        stepping = t;
        firedAtStep.clear();
        if (t > timers.currentWatermark()) {
          getTimeServiceManager().orElseThrow().advanceWatermark(new Watermark(t));
        }
        // a list, cleared in the time of what it held (a set's clearing walks its whole table, as
        // large as it ever grew); looked up through a set only when it holds more than a few
        Collection<String> fired = firedAtStep.size() > 8 ? new HashSet<>(firedAtStep) : firedAtStep;
        for (String key : keys(next.getValue())) {
          if (fired.isEmpty() || !fired.contains(key)) {
            setCurrentKey(key);
            inStep = true;
            try {
              super.onEventTime(new TimerHeapInternalTimer<>(t, key, VoidNamespace.INSTANCE));
            } finally {
              inStep = false;
            }
          }
        }
      }
      stepping = Long.MIN_VALUE;
      super.processWatermark(mark);
    } finally {
      passing = Long.MIN_VALUE;
      stepping = Long.MIN_VALUE;
    }
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    ((Stepped) userFunction).beforeSnapshot();
    // a snapshot holds timers, not this queue: what is still to come goes into it as timers
    for (Map.Entry<Long, Object> e : steps.entrySet()) {
      for (String key : keys(e.getValue())) {
        setCurrentKey(key);
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, e.getKey());
      }
    }
    steps.clear();
    super.prepareSnapshotPreBarrier(checkpointId);
  }
}
