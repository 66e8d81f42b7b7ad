package io.lawmonitor.alerts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two runs' alert timelines side by side, as a backtest compares them: each alert episode (from
 * its FIRING to its RESOLVED, or to the end of the history) of a rule in a scope under rule set A
 * is matched with the episode of the same rule, window and scope under B that overlaps it in time.
 * A pair that starts and ends together is the same alert; one that does not is the same alert
 * shifted (by how much, at each end); an episode with no partner fired under one set only.
 */
public final class AlertTimelines {
  private AlertTimelines() {}

  /** One alert from its FIRING (epoch millis) to its RESOLVED, or Long.MAX_VALUE while it still fires at the end. */
  public record Episode(String rule, String window, String scopeLevel, String scope, String metric, String severity,
      long firing, long resolved, double firingValue) {
    String key() {
      return rule + "\u0000" + window + "\u0000" + scopeLevel + "\u0000" + scope;
    }

    boolean overlaps(Episode o) {
      return firing < o.resolved && o.firing < resolved;
    }
  }

  public enum Kind { SAME, SHIFTED, ONLY_A, ONLY_B }

  /** A compared pair (or a lone episode): for SHIFTED, how much later B starts and ends than A (negative: earlier). */
  public record Difference(Kind kind, Episode a, Episode b, Long startShiftMillis, Long endShiftMillis) {
    public Episode either() {
      return a != null ? a : b;
    }
  }

  /** Per rule and scope: how many alerts of each kind. */
  public record Count(String rule, String scopeLevel, String scope, int same, int shifted, int onlyA, int onlyB) {}

  /** The episodes of a run's alert records, in the order they fired. */
  public static List<Episode> episodes(List<AlertRecord> alerts) {
    Map<String, AlertRecord> open = new TreeMap<>();
    List<Episode> out = new ArrayList<>();
    List<AlertRecord> ordered = new ArrayList<>(alerts);
    ordered.sort(Comparator.comparingLong(AlertRecord::at));
    for (AlertRecord a : ordered) {
      String key = a.rule() + "\u0000" + a.window() + "\u0000" + a.scopeLevel() + "\u0000" + a.scope();
      if (a.state().equals(AlertStatus.FIRING)) {
        open.putIfAbsent(key, a);
      } else {
        AlertRecord f = open.remove(key);
        if (f != null) {
          out.add(episode(f, a.at()));
        }
      }
    }
    open.values().forEach(f -> out.add(episode(f, Long.MAX_VALUE)));
    out.sort(Comparator.comparingLong(Episode::firing).thenComparing(Episode::key));
    return out;
  }

  private static Episode episode(AlertRecord f, long resolved) {
    return new Episode(f.rule(), f.window(), f.scopeLevel(), f.scope(), f.metric(), f.severity(), f.at(), resolved,
        f.value());
  }

  /** Every episode of A and of B, matched: in the order they fire (A's time where both have one). */
  public static List<Difference> compare(List<Episode> a, List<Episode> b) {
    List<Difference> out = new ArrayList<>();
    List<Episode> unmatched = new ArrayList<>(b);
    for (Episode x : a) {
      Episode partner = null;
      for (Episode y : unmatched) {
        if (y.key().equals(x.key()) && y.overlaps(x)) {
          partner = y;
          break;
        }
      }
      if (partner == null) {
        out.add(new Difference(Kind.ONLY_A, x, null, null, null));
        continue;
      }
      unmatched.remove(partner);
      long startShift = partner.firing() - x.firing();
      Long endShift = partner.resolved() == Long.MAX_VALUE || x.resolved() == Long.MAX_VALUE
          ? (partner.resolved() == x.resolved() ? 0L : null) : partner.resolved() - x.resolved();
      boolean same = startShift == 0 && endShift != null && endShift == 0;
      out.add(new Difference(same ? Kind.SAME : Kind.SHIFTED, x, partner, same ? null : startShift, same ? null : endShift));
    }
    unmatched.forEach(y -> out.add(new Difference(Kind.ONLY_B, null, y, null, null)));
    out.sort(Comparator.comparingLong((Difference d) -> d.either().firing()).thenComparing(d -> d.either().key()));
    return out;
  }

  /** How many of each kind, per rule and scope, in rule and scope order. */
  public static List<Count> counts(List<Difference> diffs) {
    Map<String, int[]> by = new TreeMap<>();
    Map<String, Episode> sample = new TreeMap<>();
    for (Difference d : diffs) {
      Episode e = d.either();
      String k = e.rule() + "\u0000" + e.scopeLevel() + "\u0000" + e.scope();
      by.computeIfAbsent(k, x -> new int[4])[d.kind().ordinal()]++;
      sample.putIfAbsent(k, e);
    }
    List<Count> out = new ArrayList<>();
    by.forEach((k, n) -> {
      Episode e = sample.get(k);
      out.add(new Count(e.rule(), e.scopeLevel(), e.scope(), n[0], n[1], n[2], n[3]));
    });
    return out;
  }
}
