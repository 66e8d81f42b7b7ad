package io.lawmonitor.lifecycle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The 督办清单 as its records leave it: the clocks now due soon or overdue, one entry per case and
 * clock, the newest record of each. Kept from the case-watch records by the wallboard, the
 * digests and the report alike. Only the listed clocks are held, not every open case.
 */
public final class CaseList {
  private final Map<String, CaseWatch> entries = new HashMap<>();

  /** Takes one record: a due-soon or overdue one puts (or keeps) its clock on the list, another takes it off. */
  public synchronized void apply(CaseWatch r) {
    if (r.state().onList()) {
      entries.put(r.entryKey(), r);
    } else {
      entries.remove(r.entryKey());
    }
  }

  public synchronized void clear() {
    entries.clear();
  }

  public synchronized int size() {
    return entries.size();
  }

  /** Most overdue first: the red cards by their deadline, then the yellow ones by theirs; then by case. */
  public static final Comparator<CaseWatch> MOST_OVERDUE = Comparator
      .comparing((CaseWatch w) -> w.state() != WatchState.OVERDUE)
      .thenComparingLong(CaseWatch::deadline)
      .thenComparing(CaseWatch::stream)
      .thenComparing(CaseWatch::caseId)
      .thenComparing(CaseWatch::clock);

  /** The listed clocks that {@code in} takes, most overdue first. */
  public synchronized List<CaseWatch> entries(Predicate<CaseWatch> in) {
    List<CaseWatch> out = new ArrayList<>();
    for (CaseWatch w : entries.values()) {
      if (in.test(w)) {
        out.add(w);
      }
    }
    out.sort(MOST_OVERDUE);
    return out;
  }

  /** An agency's red (overdue) and yellow (due soon) cards. */
  public record AgencyCount(String agency, int overdue, int dueSoon) {}

  /** What a screen shows of the list in one place: the counts, the agencies, the top of the list. */
  public record View(int overdue, int dueSoon, List<AgencyCount> agencies, List<CaseWatch> top) {}

  /**
   * The list within {@code in}: its red and yellow counts, every agency's (most red cards first: a
   * league table of who holds the most overdue cases) and the first {@code top} entries.
   */
  public synchronized View view(Predicate<CaseWatch> in, int top) {
    int red = 0;
    int yellow = 0;
    Map<String, int[]> byAgency = new TreeMap<>();
    List<CaseWatch> chosen = new ArrayList<>();
    for (CaseWatch w : entries.values()) {
      if (!in.test(w)) {
        continue;
      }
      boolean overdue = w.state() == WatchState.OVERDUE;
      if (overdue) {
        red++;
      } else {
        yellow++;
      }
      int[] c = byAgency.computeIfAbsent(w.agency() == null ? "（未指定机构）" : w.agency(), a -> new int[2]);
      c[overdue ? 0 : 1]++;
      chosen.add(w);
    }
    List<AgencyCount> agencies = new ArrayList<>();
    byAgency.forEach((a, c) -> agencies.add(new AgencyCount(a, c[0], c[1])));
    agencies.sort(Comparator.comparingInt(AgencyCount::overdue).reversed()
        .thenComparing(Comparator.comparingInt(AgencyCount::dueSoon).reversed())
        .thenComparing(AgencyCount::agency));
    List<CaseWatch> first;
    if (chosen.size() <= top) {
      chosen.sort(MOST_OVERDUE);
      first = chosen;
    } else {
      // the top of thousands without sorting them all
      java.util.PriorityQueue<CaseWatch> heap = new java.util.PriorityQueue<>(MOST_OVERDUE.reversed());
      for (CaseWatch w : chosen) {
        heap.add(w);
        if (heap.size() > top) {
          heap.poll();
        }
      }
      first = new ArrayList<>(heap);
      first.sort(MOST_OVERDUE);
    }
    return new View(red, yellow, agencies, first);
  }
}
