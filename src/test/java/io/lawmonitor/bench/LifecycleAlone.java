package io.lawmonitor.bench;

import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.cases.CaseLifecycleFunction;
import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.RawEvent;
import io.lawmonitor.parse.EventParser;
import io.lawmonitor.runtime.HeldSteps;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * The case lifecycles alone, the operator the pipeline's pace is set by in a replay: the input's
 * events, parsed beforehand, through the real operator (its gate, steps, timers and heap state) in
 * Flink's test harness, the watermark the out-of-orderness behind the newest event and moved each
 * minute, its facts counted and let go. Without the rest of the graph and its threads, a change to
 * the lifecycles shows here in CPU seconds where a whole run's wall time, which moves by a fifth from
 * one hour to the next on this machine, would hide it.
 */
final class LifecycleAlone {
  private LifecycleAlone() {}

  /** CPU seconds of each measured round (after one to warm up), and what one round put out. */
  record Result(double[] cpuSeconds, long facts, long events) {
    double median() {
      double[] s = cpuSeconds.clone();
      Arrays.sort(s);
      return s[s.length / 2];
    }
  }

  static Result measure(Path input, int rounds) throws Exception {
    MonitorConfig c = MonitorConfig.defaults();
    EventParser parser = new EventParser(c.maxEventBytes());
    List<Event> events = new ArrayList<>();
    try (var lines = Files.lines(input)) {
      lines.forEach(l -> {
        Event e = parser.parse(new RawEvent(l, "bench", l.length())).event();
        if (e != null) {
          events.add(e);
        }
      });
    }
    double[] cpu = new double[rounds];
    long facts = 0;
    for (int round = -1; round < rounds; round++) {
      long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      facts = 0;
      try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new HeldSteps<>(new CaseLifecycleFunction(c.lifecycle(),
          WorkCalendar.bundled(), Long.MAX_VALUE, c.allowedLateness().toMillis(), c.dedupRetention().toMillis())),
          Event::caseKey, Types.STRING)) {
        h.setStateBackend(new HashMapStateBackend());
        h.open();
        long ooo = c.outOfOrderness().toMillis();
        long watermark = Long.MIN_VALUE;
        long newest = Long.MIN_VALUE;
        for (Event e : events) {
          h.processElement(new StreamRecord<>(e.copy(), e.eventTime));
          newest = Math.max(newest, e.eventTime);
          if (newest - ooo > watermark + 60_000L) {
            watermark = newest - ooo;
            h.processWatermark(watermark);
            facts += letGo(h);
          }
        }
        h.processWatermark(Long.MAX_VALUE);
        facts += letGo(h);
      }
      if (round >= 0) {
        cpu[round] = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9;
      }
    }
    return new Result(cpu, facts, events.size());
  }

  private static long letGo(KeyedOneInputStreamOperatorTestHarness<String, Event, ?> h) {
    long n = h.getOutput().size();
    h.getOutput().clear();
    for (var tag : List.of(CaseLifecycleFunction.CASE_WATCH, CaseLifecycleFunction.LATE_EVENTS)) {
      var q = h.getSideOutput(tag);
      if (q != null) {
        q.clear();
      }
    }
    return n;
  }
}
