package io.lawmonitor.streams;

import io.lawmonitor.calendar.Deadlines;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.cases.CaseMachine;
import io.lawmonitor.cases.LifecycleSettings;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.lifecycle.Fact;
import io.lawmonitor.metrics.Contributions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A case walked through its stream's lifecycle on the bundled calendar, and its facts shown for assertions. */
public final class StreamTesting {
  private StreamTesting() {}

  public static final long END = Long.MAX_VALUE;
  /** Without the 督办清单's warnings, so that a case's next step is its deadline. */
  private static final CaseMachine MACHINE = new CaseMachine(
      LifecycleSettings.defaults().withWatchMargins(java.util.Map.of()), new Deadlines(WorkCalendar.bundled()));

  /** The case's derivation at {@code now}, its events taken in case order. */
  public static CaseMachine.Derivation derive(long now, Event... events) {
    List<Event> list = new ArrayList<>(List.of(events));
    list.sort(Event.CASE_ORDER);
    return MACHINE.derive(list.get(0).stream, list, now, END);
  }

  /** Facts as "KIND detail @yyyy-MM-ddTHH:mm" (Asia/Shanghai), sorted. */
  public static List<String> show(List<Fact> facts) {
    List<String> out = new ArrayList<>();
    for (Fact f : facts) {
      out.add(f.kind() + (f.detail() == null ? "" : " " + f.detail()) + " @" + EventJson.time(f.time()).substring(0, 16));
    }
    Collections.sort(out);
    return out;
  }

  /** The metrics the facts move, summed: id → [numerator, denominator]. */
  public static Map<String, List<Long>> figures(List<Fact> facts) {
    Map<String, long[]> sums = new HashMap<>();
    for (Fact f : facts) {
      for (Contribution c : Contributions.of(f)) {
        long[] s = sums.computeIfAbsent(c.metric().id(), k -> new long[2]);
        s[0] += c.numerator();
        s[1] += c.denominator();
      }
    }
    Map<String, List<Long>> out = new HashMap<>();
    sums.forEach((k, v) -> out.put(k, List.of(v[0], v[1])));
    return out;
  }
}
