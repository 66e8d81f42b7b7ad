package io.lawmonitor.runtime;

import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * The run's counts for summary.json (README, "Outputs"): events read = used + duplicates + dead letters
 * + late events. Kept as Flink accumulators, which the job result sums over all subtasks.
 */
public final class Accounting {
  private Accounting() {}

  public static final String EVENTS_READ = "eventsRead";
  public static final String EVENTS_USED = "eventsUsed";
  public static final String DUPLICATES = "duplicates";
  public static final String DEAD_LETTERS = "deadLetters";
  public static final String LATE_EVENTS = "lateEvents";
  public static final String ORPHANS = "orphans";
  public static final String METRIC_RECORDS = "metricRecords";
  public static final String ALERTS_FIRING = "alertsFiring";
  public static final String ALERTS_RESOLVED = "alertsResolved";
  /** Records of a replay of the topics passed over for an event time outside its period (not read). */
  public static final String OUTSIDE_PERIOD = "outsidePeriod";
  /** Not a count: the latest event time read so far (a maximum), for a run's progress line. */
  public static final String EVENT_TIME_REACHED = "eventTimeReached";

  public static LongCounter counter(RuntimeContext ctx, String name) {
    Accumulator<Long, Long> existing = ctx.getAccumulator(name);
    if (existing instanceof LongCounter c) {
      return c;
    }
    LongCounter c = new LongCounter();
    ctx.addAccumulator(name, c);
    return c;
  }
}
