package io.lawmonitor.io;

import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.alerts.AlertRule;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.metrics.MetricRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The figures as they stand, for the screens of one run in this process (the console table and
 * the wallboard): the newest figure per (metric, window, scope), the last 48 hourly values of the
 * 24-hour rates for sparklines, the alerts as they come, and how fresh it all is. Filled by
 * {@link BoardSink}s inside the run's MiniCluster (same JVM), which find it by its id while it is
 * open, or by {@code board} from a job's outputs; a cluster job has no screen and does not use it.
 */
public final class LiveBoard implements AutoCloseable {
  /** The boards open in this process, by id: what a board sink deserialized in a task finds. */
  private static final Map<String, LiveBoard> OPEN = new ConcurrentHashMap<>();
  /** Hourly points kept per scope for a sparkline. */
  public static final int HISTORY = 48;
  private static final long HOUR = 3_600_000L;

  private final Map<Key, MetricRecord> latest = new ConcurrentHashMap<>();
  private final Map<Key, Points> history = new ConcurrentHashMap<>();

  /** A figure's key: its names are the shared instances the records carry, their hashes kept, so no string is built a record. */
  private record Key(String metric, String window, String level, String scope) {}

  /**
   * One figure's newest {@link #HISTORY} hourly points in window-end order, in arrays (a point
   * comes for every scope every hour, and a tree of boxed times cost more than the figure): a
   * revision replaces its hour's point, a point older than all those kept once they are full is
   * not kept.
   */
  private static final class Points {
    private final long[] ends = new long[HISTORY];
    private final double[] values = new double[HISTORY];
    private final double[] ns = new double[HISTORY];
    private int size;

    synchronized void put(long end, double value, double n) {
      int i = java.util.Arrays.binarySearch(ends, 0, size, end);
      if (i < 0) {
        int at = -i - 1;
        if (size < HISTORY) {
          shift(at, at + 1, size - at);
          size++;
        } else if (at == 0) {
          return;
        } else {
          at--; // the oldest gives way
          shift(1, 0, at);
        }
        i = at;
        ends[i] = end;
      }
      values[i] = value;
      ns[i] = n;
    }

    private void shift(int from, int to, int count) {
      System.arraycopy(ends, from, ends, to, count);
      System.arraycopy(values, from, values, to, count);
      System.arraycopy(ns, from, ns, to, count);
    }

    synchronized void addTo(List<double[]> out) {
      for (int i = 0; i < size; i++) {
        out.add(new double[] {ends[i], values[i], ns[i]});
      }
    }
  }
  private final ConcurrentLinkedQueue<AlertRecord> newAlerts = new ConcurrentLinkedQueue<>();
  private final List<AlertRecord> allAlerts = new ArrayList<>();
  private final AtomicLong version = new AtomicLong();
  private volatile long reached = Long.MIN_VALUE;
  /** Wall-clock millis of the last change of event time reached. */
  private volatile long reachedChangedAt = System.currentTimeMillis();
  private volatile long eventsRead = -1;
  private volatile double eventsPerSecond = Double.NaN;
  private volatile long progressAt;
  private volatile RuleSet rules;
  /** The 督办清单 as the case-watch records leave it. */
  private final io.lawmonitor.lifecycle.CaseList cases = new io.lawmonitor.lifecycle.CaseList();
  /** The working-day calendar, for how far a listed case is past its deadline now; null: as its record says. */
  private volatile io.lawmonitor.calendar.WorkCalendar calendar;

  private final String id;

  /** A board of its own, which no sink reaches (a view's tests, {@code board} following outputs). */
  public LiveBoard() {
    this.id = java.util.UUID.randomUUID().toString();
  }

  /** A new board the sinks of a job run in this process reach by its {@link #id}, until it is closed. */
  public static LiveBoard open() {
    LiveBoard b = new LiveBoard();
    OPEN.put(b.id, b);
    return b;
  }

  public String id() {
    return id;
  }

  /** The open board with this id, for a sink of a job run in this process. */
  static LiveBoard find(String id) {
    LiveBoard b = OPEN.get(id);
    if (b == null) {
      throw new IllegalStateException("no board " + id + " is open in this process: a job's figures go to a board"
          + " only in the process that runs it on its MiniCluster");
    }
    return b;
  }

  @Override
  public void close() {
    OPEN.remove(id);
  }

  /** Empties the board (the outputs it follows were written anew). */
  public void reset() {
    latest.clear();
    history.clear();
    newAlerts.clear();
    synchronized (allAlerts) {
      allAlerts.clear();
    }
    reached = Long.MIN_VALUE;
    reachedChangedAt = System.currentTimeMillis();
    eventsRead = -1;
    eventsPerSecond = Double.NaN;
    cases.clear();
    version.incrementAndGet();
  }

  /** A 督办清单 record: the list moves. */
  public void put(io.lawmonitor.lifecycle.CaseWatch w) {
    cases.apply(w);
    version.incrementAndGet();
  }

  public io.lawmonitor.lifecycle.CaseList cases() {
    return cases;
  }

  /** The calendar the job counts working days by, for the list's "how late" now. */
  public LiveBoard calendar(io.lawmonitor.calendar.WorkCalendar c) {
    calendar = c;
    return this;
  }

  public io.lawmonitor.calendar.WorkCalendar calendar() {
    return calendar;
  }

  public void put(MetricRecord m) {
    Key key = new Key(m.metric(), m.window(), m.scopeLevel(), m.scope());
    latest.merge(key, m, (a, b) -> b.windowEnd() > a.windowEnd()
        || (b.windowEnd() == a.windowEnd() && b.revision() >= a.revision()) ? b : a);
    if (m.isRate() && m.windowEnd() % HOUR == 0 && "sliding_24h".equals(m.window())) {
      history.computeIfAbsent(key, x -> new Points()).put(m.windowEnd(), m.value(), m.denominator());
    }
    if (m.windowEnd() > reached) {
      reached = m.windowEnd();
      reachedChangedAt = System.currentTimeMillis();
    }
    version.incrementAndGet();
  }

  public void put(AlertRecord a) {
    newAlerts.add(a);
    synchronized (allAlerts) {
      allAlerts.add(a);
      if (allAlerts.size() > 10_000) {
        allAlerts.subList(0, 5_000).clear();
      }
    }
    version.incrementAndGet();
  }

  /** Events read so far by the job feeding this board, as its counters say. */
  public void progress(long read, long wallMillis) {
    long before = eventsRead;
    long beforeAt = progressAt;
    if (before >= 0 && wallMillis > beforeAt && read >= before) {
      double rate = (read - before) * 1000.0 / (wallMillis - beforeAt);
      eventsPerSecond = Double.isNaN(eventsPerSecond) ? rate : 0.5 * eventsPerSecond + 0.5 * rate;
    }
    if (read != before) {
      version.incrementAndGet();
    }
    eventsRead = read;
    progressAt = wallMillis;
  }

  public void rules(RuleSet r) {
    rules = r;
    version.incrementAndGet();
  }

  /** The rules the figures are judged by, or an empty list. */
  public List<AlertRule> rules() {
    RuleSet r = rules;
    return r == null ? List.of() : r.rules();
  }

  /** The newest figure of a metric in a window and scope, or null. */
  public MetricRecord latest(String metric, String window, String level, String scope) {
    return latest.get(new Key(metric, window, level, scope));
  }

  public List<MetricRecord> latestAll() {
    return new ArrayList<>(latest.values());
  }

  /** The last hourly values of a 24-hour rate in a scope: {windowEnd, value, n}, oldest first. */
  public List<double[]> history(String metric, String level, String scope) {
    Points h = history.get(new Key(metric, "sliding_24h", level, scope));
    List<double[]> out = new ArrayList<>();
    if (h != null) {
      h.addTo(out);
    }
    return out;
  }

  /** Alerts not yet taken. */
  public List<AlertRecord> takeNewAlerts() {
    List<AlertRecord> out = new ArrayList<>();
    AlertRecord a;
    while ((a = newAlerts.poll()) != null) {
      out.add(a);
    }
    return out;
  }

  public List<AlertRecord> alerts() {
    synchronized (allAlerts) {
      return new ArrayList<>(allAlerts);
    }
  }

  /** The latest window end seen: how far event time has got. */
  public long reached() {
    return reached;
  }

  /** Wall-clock millis when event time last moved. */
  public long reachedChangedAt() {
    return reachedChangedAt;
  }

  /** Events read, or -1 when the feeding job's counters are not known here. */
  public long eventsRead() {
    return eventsRead;
  }

  public double eventsPerSecond() {
    return eventsPerSecond;
  }

  /** Grows with every change: a screen redraws when it moved. */
  public long version() {
    return version.get();
  }
}
