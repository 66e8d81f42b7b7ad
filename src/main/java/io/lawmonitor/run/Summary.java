package io.lawmonitor.run;

import io.lawmonitor.graph.MonitorGraph;
import io.lawmonitor.runtime.Accounting;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lawmonitor.events.EventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import io.lawmonitor.notify.Delivery;

/** A run's counts (summary.json): events read = used + duplicates + dead letters + late events. */
public record Summary(
    String mode,
    long eventsRead,
    long eventsUsed,
    long duplicates,
    long deadLetters,
    long lateEvents,
    long orphans,
    long metricRecords,
    long alerts,
    long firing,
    long resolved,
    long inputEnd,
    long runMillis,
    /** Messages to alert subscribers: subscriber → DELIVERED / FAILED → count. */
    Map<String, Map<String, Long>> deliveries,
    /** A run without an end stopped by a signal: its events read and not yet judged were in flight. */
    boolean stopped) {

  /**
   * A finished job's summary, from its accumulators: the run's own counts, kept in its checkpoints,
   * so exact across a failover as the outputs are.
   *
   * @param inputEnd the input end the graph was given (see {@link MonitorGraph#boundedEnd})
   */
  public static Summary of(String mode, Map<String, Object> acc, long inputEnd, long runMillis) {
    long firing = count(acc, Accounting.ALERTS_FIRING);
    long resolved = count(acc, Accounting.ALERTS_RESOLVED);
    return new Summary(mode, count(acc, Accounting.EVENTS_READ),
        count(acc, Accounting.EVENTS_USED), count(acc, Accounting.DUPLICATES),
        count(acc, Accounting.DEAD_LETTERS), count(acc, Accounting.LATE_EVENTS),
        count(acc, Accounting.ORPHANS), count(acc, Accounting.METRIC_RECORDS),
        firing + resolved, firing, resolved, inputEnd >= MonitorGraph.NO_EVENT ? Long.MIN_VALUE : inputEnd, runMillis,
        deliveries(acc), false);
  }

  /** The same counts, of a run stopped by a signal. */
  public Summary stoppedRun() {
    return new Summary(mode, eventsRead, eventsUsed, duplicates, deadLetters, lateEvents, orphans, metricRecords, alerts,
        firing, resolved, inputEnd, runMillis, deliveries, true);
  }

  /**
   * Events read and not yet judged: in a stopped run, those held until the watermark passed them
   * (a case takes its events in event-time order); 0 in a run that reached its end.
   */
  public long eventsInFlight() {
    return eventsRead - (eventsUsed + duplicates + deadLetters + lateEvents);
  }

  private static long count(Map<String, Object> acc, String name) {
    return acc.get(name) instanceof Number n ? n.longValue() : 0L;
  }

  /** The delivery counts among a job's accumulators ({@code deliveries/SUBSCRIBER/OUTCOME}). */
  public static Map<String, Map<String, Long>> deliveries(Map<String, Object> accumulators) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    accumulators.forEach((name, v) -> {
      if (name.startsWith(Delivery.COUNTER_PREFIX) && v instanceof Number n) {
        String[] parts = name.substring(Delivery.COUNTER_PREFIX.length()).split("/");
        out.computeIfAbsent(parts[0], k -> new TreeMap<>()).merge(parts[1], n.longValue(), Long::sum);
      }
    });
    return out;
  }

  /** Every event read is accounted for: used, a duplicate, a dead letter or late (or, stopped, still in flight). */
  public boolean reconciles() {
    return stopped ? eventsInFlight() >= 0 : eventsInFlight() == 0;
  }

  /** The closing lines a run prints: the counts, and the deliveries to subscribers if there were any. */
  public String closing() {
    StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "%s in %.1f s: %d events read = %d used + %d"
            + " duplicates + %d dead letters + %d late%s; %d orphans; %d metric records; %d alerts (%d firing, %d resolved).",
        stopped ? "Stopped" : "Done", runMillis / 1000.0, eventsRead, eventsUsed, duplicates, deadLetters, lateEvents,
        stopped ? " + " + eventsInFlight() + " in flight (not yet passed by the watermark)" : "", orphans, metricRecords,
        alerts, firing, resolved));
    if (!deliveries.isEmpty()) {
      java.util.List<String> parts = new java.util.ArrayList<>();
      deliveries.forEach((sub, o) -> parts.add(sub + " " + o.getOrDefault("DELIVERED", 0L) + " delivered"
          + (o.getOrDefault("FAILED", 0L) > 0 ? ", " + o.get("FAILED") + " FAILED" : "")));
      b.append("\nMessages to subscribers: ").append(String.join("; ", parts)).append(".");
    }
    return b.toString();
  }

  public void write(Path file) throws IOException {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode n = m.createObjectNode();
    n.put("mode", mode);
    n.put("eventsRead", eventsRead);
    n.put("eventsUsed", eventsUsed);
    n.put("duplicates", duplicates);
    n.put("deadLetters", deadLetters);
    n.put("lateEvents", lateEvents);
    n.put("orphans", orphans);
    n.put("metricRecords", metricRecords);
    n.put("alerts", alerts);
    n.put("alertsFiring", firing);
    n.put("alertsResolved", resolved);
    n.put("reconciles", reconciles());
    if (stopped) {
      n.put("stopped", true);
      n.put("eventsInFlight", eventsInFlight());
    }
    if (inputEnd != Long.MIN_VALUE && inputEnd != Long.MAX_VALUE) {
      n.put("inputEnd", EventJson.time(inputEnd));
    }
    ObjectNode d = n.putObject("deliveries");
    deliveries.forEach((sub, outcomes) -> {
      ObjectNode o = d.putObject(sub);
      outcomes.forEach(o::put);
    });
    n.put("runSeconds", runMillis / 1000.0);
    Files.writeString(file, m.writeValueAsString(n) + "\n");
  }
}
