package io.lawmonitor.cases;

import io.lawmonitor.calendar.Deadlines;
import io.lawmonitor.lifecycle.CaseWatch;
import io.lawmonitor.lifecycle.WatchState;
import io.lawmonitor.streams.ClockSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What a case sends to the 督办清单 after a derivation: the records it has not sent yet. Records
 * once sent are not taken back; what was sent is remembered as (time, clock, state) pairs. A late
 * event can change a case's past: then the records still to send are those that move the list
 * from where the sent ones left it, and where the list would still be wrong (a clock it has on the
 * list that a late completion took off), a record that takes it there: the clock's ending, or a
 * withdrawal at the time reached. Each record is sent once, and the list a consumer keeps from
 * the records always ends where the case's own derivation does.
 */
final class WatchDifference {
  private WatchDifference() {}

  /** The records to send, and what has been sent with them. */
  record Result(List<CaseWatch> send, long[] sent) {}

  private static final WatchState[] STATES = WatchState.values();

  static long code(int slot, WatchState s) {
    return (long) slot << 3 | s.ordinal();
  }

  /**
   * @param sent pairs (time, {@link #code}) of what was sent, in sending order; null when not known
   *     (a state written before the list was kept): then all but each listed clock's last record
   *     count as sent, so the list begins with the clocks on it now
   * @param limit the time facts are dated up to, for a withdrawal the derivation itself lacks
   */
  static Result of(List<ClockSpec> clocks, CaseMachine.Derivation d, long[] sent, long limit, Deadlines deadlines) {
    if (d.watch().isEmpty() && sent != null && sent.length == 0) {
      return new Result(List.of(), sent); // nothing listed, nothing sent: most steps of most cases
    }
    List<CaseWatch> derived = new ArrayList<>(d.watch());
    derived.sort(Comparator.comparingLong(CaseWatch::at)); // stable: a clock's own records keep their order
    if (sent == null) {
      sent = baseline(clocks, derived, d.listed());
    }
    WatchState[] consumer = new WatchState[clocks.size()];
    for (int i = 0; i + 1 < sent.length; i += 2) {
      WatchState s = STATES[(int) (sent[i + 1] & 7)];
      consumer[(int) (sent[i + 1] >>> 3)] = s.onList() ? s : null;
    }
    List<CaseWatch> send = new ArrayList<>();
    long[] now = sent;
    for (CaseWatch r : derived) {
      int slot = slot(clocks, r.clock());
      if (contains(now, r.at(), code(slot, r.state()))) {
        continue;
      }
      WatchState cur = consumer[slot];
      if (r.state().onList() ? cur == r.state() || cur == WatchState.OVERDUE : cur == null) {
        continue;
      }
      now = add(now, r.at(), code(slot, r.state()));
      send.add(r);
      consumer[slot] = r.state().onList() ? r.state() : null;
    }
    CaseWatch[] leaving = null;
    WatchState[] want = d.listed();
    for (int slot = 0; slot < consumer.length; slot++) {
      if (consumer[slot] == want[slot]) {
        continue;
      }
      CaseWatch last = lastOf(derived, clocks, slot);
      if (consumer[slot] != null) {
        if (want[slot] == null && leaving == null) {
          leaving = d.leaving();
        }
        CaseWatch off = want[slot] == null && leaving[slot] != null ? leaving[slot]
            : last == null ? null : last.as(WatchState.WITHDRAWN, limit, deadlines.behind(last.deadline(), last.unit(), limit));
        if (off != null && !contains(now, off.at(), code(slot, off.state()))) {
          now = add(now, off.at(), code(slot, off.state()));
          send.add(off);
          consumer[slot] = null;
        }
      }
      if (want[slot] != null && consumer[slot] == null && last != null && last.state().onList()) {
        CaseWatch on = contains(now, last.at(), code(slot, last.state()))
            ? last.as(last.state(), limit, deadlines.behind(last.deadline(), last.unit(), limit)) : last;
        if (!contains(now, on.at(), code(slot, on.state()))) {
          now = add(now, on.at(), code(slot, on.state()));
          send.add(on);
        }
      }
    }
    return new Result(send, now);
  }

  /** Everything derived counts as sent but each listed clock's last record. */
  private static long[] baseline(List<ClockSpec> clocks, List<CaseWatch> derived, WatchState[] listed) {
    long[] out = new long[0];
    for (CaseWatch r : derived) {
      int slot = slot(clocks, r.clock());
      if (listed[slot] != null && r == lastOf(derived, clocks, slot)) {
        continue;
      }
      out = add(out, r.at(), code(slot, r.state()));
    }
    return out;
  }

  private static CaseWatch lastOf(List<CaseWatch> derived, List<ClockSpec> clocks, int slot) {
    CaseWatch last = null;
    for (CaseWatch r : derived) {
      if (slot(clocks, r.clock()) == slot) {
        last = r;
      }
    }
    return last;
  }

  private static int slot(List<ClockSpec> clocks, String id) {
    for (int i = 0; i < clocks.size(); i++) {
      if (clocks.get(i).id().equals(id)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no clock " + id);
  }

  private static boolean contains(long[] sent, long at, long code) {
    for (int i = 0; i + 1 < sent.length; i += 2) {
      if (sent[i] == at && sent[i + 1] == code) {
        return true;
      }
    }
    return false;
  }

  private static long[] add(long[] sent, long at, long code) {
    long[] out = Arrays.copyOf(sent, sent.length + 2);
    out[sent.length] = at;
    out[sent.length + 1] = code;
    return out;
  }
}
