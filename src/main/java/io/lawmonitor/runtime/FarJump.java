package io.lawmonitor.runtime;

import java.util.HashMap;
import java.util.Map;

/**
 * The far-future rule, in one place for every reader of the input. Time is judged per lane (one
 * Kafka partition; all the files of a run are one lane, read as one stream): an event more than
 * {@code farFuture} ahead of where its lane has reached (its latest accepted event, less the
 * out-of-orderness) may be a wrong clock, so it is held; the lane's next event decides: if it
 * comes no more than {@code farFuture} behind the held one, time really moved on and the held
 * event counts, otherwise the held one is a FAR_FUTURE dead letter. At the end of a bounded input a
 * held last event counts: the submitter's present bounds every event of the run.
 */
public final class FarJump {
  private FarJump() {}

  /** Whether an event at {@code t} is far ahead of a lane reached to {@code reached} (already less the out-of-orderness). */
  public static boolean ahead(long reached, long t, long farFuture) {
    return reached != Long.MIN_VALUE && t > reached + farFuture;
  }

  /** Whether the lane's next event, at {@code next}, confirms the held event at {@code held}. */
  public static boolean confirms(long next, long held, long farFuture) {
    return next >= held - farFuture;
  }

  /**
   * The time of the last event a bounded input will use, its events given in reading order with
   * their lanes: what the job's parse step will accept, without the job.
   */
  public static final class LastUsed {
    private final long outOfOrderness;
    private final long farFuture;
    private final Map<String, Long> reached = new HashMap<>();
    private final Map<String, Long> held = new HashMap<>();
    private long last = Long.MIN_VALUE;

    public LastUsed(long outOfOrdernessMillis, long farFutureMillis) {
      this.outOfOrderness = outOfOrdernessMillis;
      this.farFuture = farFutureMillis;
    }

    public void add(String lane, long t) {
      Long h = held.remove(lane);
      if (h != null && confirms(t, h, farFuture)) {
        accept(lane, h);
      }
      Long r = reached.get(lane);
      if (r != null && ahead(r - outOfOrderness, t, farFuture)) {
        held.put(lane, t);
        return;
      }
      accept(lane, t);
    }

    /** Whether an event of the lane is held, waiting for the lane's next to decide it. */
    public boolean holding(String lane) {
      return held.containsKey(lane);
    }

    /** The latest event the lane accepted, Long.MIN_VALUE if none. */
    public long reached(String lane) {
      return reached.getOrDefault(lane, Long.MIN_VALUE);
    }

    private void accept(String lane, long t) {
      reached.merge(lane, t, Math::max);
      last = Math.max(last, t);
    }

    /** The last event time used (Long.MIN_VALUE if none): the events still held count, the input being bounded. */
    public long result() {
      long r = last;
      for (long h : held.values()) {
        r = Math.max(r, h);
      }
      return r;
    }
  }
}
