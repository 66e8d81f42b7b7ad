package io.lawmonitor.streams;

import io.lawmonitor.calendar.ClockUnit;
import io.lawmonitor.calendar.Deadlines;
import java.util.List;
import java.util.Map;

/**
 * What a stream's case walk needs to keep the 督办清单: the calendar, and for each of the stream's
 * clocks how many units before its deadline it turns due soon, per unit the clock may count in
 * (a 12345 closure counts working days, an urgent one hours). A margin of 0 gives no yellow card.
 */
public final class ClockWatch {
  private final Deadlines deadlines;
  private final int[][] margins;

  /** @param margins by the clock's config name ({@code review.acceptance}), then unit */
  public ClockWatch(StreamDefinition def, Deadlines deadlines, Map<String, Map<ClockUnit, Integer>> margins) {
    this.deadlines = deadlines;
    List<ClockSpec> clocks = def.clocks();
    this.margins = new int[clocks.size()][ClockUnit.values().length];
    for (int i = 0; i < clocks.size(); i++) {
      int slot = i;
      Map<ClockUnit, Integer> m = margins.get(configName(def, clocks.get(i)));
      if (m != null) {
        m.forEach((unit, n) -> this.margins[slot][unit.ordinal()] = n);
      }
    }
  }

  /** A clock's name in the config: {@code stream.clock}. */
  public static String configName(StreamDefinition def, ClockSpec clock) {
    return def.kind().wireName() + "." + clock.id();
  }

  public Deadlines deadlines() {
    return deadlines;
  }

  /** The margin of the stream's {@code slot}-th clock in {@code unit}; 0: none. */
  public int margin(int slot, ClockUnit unit) {
    return margins[slot][unit.ordinal()];
  }
}
