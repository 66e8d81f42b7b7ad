package io.lawmonitor.notify;

import io.lawmonitor.alerts.CaseWatchRule;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.alerts.RulesInForce;
import io.lawmonitor.alerts.Subscriber;
import io.lawmonitor.calendar.Deadlines;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.catalogue.WatchText;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.lifecycle.CaseList;
import io.lawmonitor.lifecycle.CaseWatch;
import io.lawmonitor.lifecycle.WatchState;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The 督办清单's messages, keyed by agency: keeps the agency's listed cases from the case-watch
 * records; sends a message when a case of a clock a rule names becomes overdue; and at each
 * digest rule's time of day, on working days by the calendar (event time: when the job's event
 * time passes 08:30), the agency's digest — its red and yellow counts and its most overdue cases,
 * with how late each is then. An agency with nothing listed gets no digest. The messages join the
 * alerts' on their way to the subscribers, so a robot's pace, the retries and the delivery log are
 * the same for both.
 */
public final class CaseWatchMessages extends KeyedBroadcastProcessFunction<String, CaseWatch, String, Notification> {
  private static final long serialVersionUID = 1L;
  /** Cases named in a digest: a phone screen's worth, well inside a robot's message size. */
  static final int PER_DIGEST = 15;

  private final RulesInForce rules;
  private final WorkCalendar calendar;
  private final long inputEnd;
  private transient MapState<String, CaseWatch> listed;
  private transient ValueState<Long> nextDigest;
  private transient ValueState<Long> lastDigest;
  /** Records not yet due at a digest: their time is after the last digest's. */
  private transient org.apache.flink.api.common.state.ListState<CaseWatch> pending;
  private transient Deadlines deadlines;

  /**
   * @param inputEnd a bounded input's last event time (no digest after it: the end of the input
   *     is not a morning), or Long.MAX_VALUE
   */
  public CaseWatchMessages(RulesInForce rules, WorkCalendar calendar, long inputEnd) {
    this.rules = rules;
    this.calendar = calendar;
    this.inputEnd = inputEnd;
  }

  /** The key: the agency, "" for a case without one. */
  public static String agencyKey(CaseWatch w) {
    return w.agency() == null ? "" : w.agency();
  }

  @Override
  public void open(OpenContext ctx) {
    listed = getRuntimeContext().getMapState(new MapStateDescriptor<>("listed", Types.STRING,
        TypeInformation.of(CaseWatch.class)));
    nextDigest = getRuntimeContext().getState(new ValueStateDescriptor<>("next-digest", Types.LONG));
    lastDigest = getRuntimeContext().getState(new ValueStateDescriptor<>("last-digest", Types.LONG));
    pending = getRuntimeContext().getListState(new org.apache.flink.api.common.state.ListStateDescriptor<>("pending",
        TypeInformation.of(CaseWatch.class)));
    deadlines = new Deadlines(calendar);
  }

  @Override
  public void processBroadcastElement(String yaml, Context ctx, Collector<Notification> out) throws Exception {
    rules.swap(ctx.getBroadcastState(RulesInForce.STATE), yaml);
  }

  @Override
  public void processElement(CaseWatch w, ReadOnlyContext ctx, Collector<Notification> out) throws Exception {
    RuleSet in = rules.current(ctx.getBroadcastState(RulesInForce.STATE));
    String agency = ctx.getCurrentKey();
    for (CaseWatchRule r : in.caseWatch()) {
      if (!r.digest() && w.state() == WatchState.OVERDUE
          && r.overdueClocks().contains(w.stream().wireName() + "." + w.clock())) {
        CaseMessage m = new CaseMessage(r.id(), agency.isEmpty() ? null : agency, false, 1, 0, List.of(w));
        send(in, r, m, Notification.CASE_OVERDUE, w.at(), r.id() + ":" + w.entryKey() + ":" + EventJson.time(w.at()), out);
      }
    }
    // the list moves at the record's own time: a digest of 08:30 holds what was listed by then,
    // though the records of a night may come at once, when a later event moves event time
    Long done = lastDigest.value();
    boolean digests = in.caseWatch().stream().anyMatch(CaseWatchRule::digest);
    if (!digests) {
      // no digest to wait for: what a removed rule left waiting first, then this record
      Iterable<CaseWatch> waiting = pending.get();
      if (waiting != null && waiting.iterator().hasNext()) {
        List<CaseWatch> all = new ArrayList<>();
        waiting.forEach(all::add);
        applyInTimeOrder(all);
        pending.clear();
      }
      apply(w);
    } else if (done != null && w.at() <= done) {
      apply(w); // a digest already past this record's time: the list as it stands
    } else {
      pending.add(w);
    }
    long next = nextDigest(in, Math.max(w.at(), done == null ? Long.MIN_VALUE : done + 1) - 1);
    Long set = nextDigest.value();
    if (next != Long.MAX_VALUE && (set == null || next < set)) {
      nextDigest.update(next);
      ctx.timerService().registerEventTimeTimer(next);
    }
  }

  private void applyInTimeOrder(List<CaseWatch> records) throws Exception {
    records.sort(java.util.Comparator.comparingLong(CaseWatch::at));
    for (CaseWatch w : records) {
      apply(w);
    }
  }

  private void apply(CaseWatch w) throws Exception {
    if (w.state().onList()) {
      listed.put(w.entryKey(), w);
    } else {
      listed.remove(w.entryKey());
    }
  }

  @Override
  public void onTimer(long t, OnTimerContext ctx, Collector<Notification> out) throws Exception {
    Long set = nextDigest.value();
    if (set == null || set != t) {
      return; // a digest time since replaced by an earlier one
    }
    nextDigest.clear();
    lastDigest.update(t);
    // what was listed by the digest's time, in time order
    List<CaseWatch> due = new ArrayList<>();
    List<CaseWatch> later = new ArrayList<>();
    for (CaseWatch w : pending.get()) {
      (w.at() <= t ? due : later).add(w);
    }
    applyInTimeOrder(due);
    pending.update(later);
    RuleSet in = rules.current(ctx.getBroadcastState(RulesInForce.STATE));
    LocalDate day = Deadlines.day(t);
    LocalTime time = java.time.Instant.ofEpochMilli(t).atZone(WorkCalendar.ZONE).toLocalTime();
    CaseList list = new CaseList();
    for (CaseWatch w : listed.values()) {
      list.apply(w);
    }
    String agency = ctx.getCurrentKey();
    for (CaseWatchRule r : in.caseWatch()) {
      // no digest after a bounded input's end: the end of the input is not a morning
      if (!r.digest() || !r.digestAt().equals(time) || !calendar.isWorkingDay(day) || t > inputEnd) {
        continue;
      }
      CaseList.View v = list.view(w -> r.streams().isEmpty() || r.streams().contains(w.stream().wireName()), PER_DIGEST);
      if (v.overdue() + v.dueSoon() == 0) {
        continue;
      }
      List<CaseWatch> named = new ArrayList<>();
      for (CaseWatch w : v.top()) {
        // how late or how near each is at the digest's time
        named.add(w.as(w.state(), w.at(), WatchText.behindAt(w, deadlines, t)));
      }
      CaseMessage m = new CaseMessage(r.id(), agency.isEmpty() ? null : agency, true, v.overdue(), v.dueSoon(), named);
      send(in, r, m, Notification.CASE_DIGEST, t, r.id() + ":" + agency + ":" + day, out);
    }
    if (list.size() > 0 || !later.isEmpty()) {
      long next = nextDigest(in, t);
      if (next != Long.MAX_VALUE && t <= inputEnd) {
        nextDigest.update(next);
        ctx.timerService().registerEventTimeTimer(next);
      }
    }
  }

  /** One message to each target of the agency's subscribers under the rule. */
  private static void send(RuleSet in, CaseWatchRule r, CaseMessage m, String kind, long at, String key,
      Collector<Notification> out) {
    for (String name : r.subscribersOf(m.agency())) {
      Subscriber s = in.subscribers().get(name);
      if (s == null || !s.http()) {
        continue;
      }
      for (int i = 0; i < s.urls().size(); i++) {
        out.collect(new Notification(s, s.urls().size() == 1 ? name : name + "#" + i, i, kind, at, List.of(),
            io.lawmonitor.notify.Digest.hex(key, 32), m));
      }
    }
  }

  /** The first digest time after {@code after}: a digest rule's time of day on a working day; Long.MAX_VALUE for none. */
  long nextDigest(RuleSet in, long after) {
    long best = Long.MAX_VALUE;
    for (CaseWatchRule r : in.caseWatch()) {
      if (!r.digest()) {
        continue;
      }
      LocalDate d = Deadlines.day(after);
      for (int i = 0; i < 60; i++, d = d.plusDays(1)) {
        long at = d.atTime(r.digestAt()).atZone(WorkCalendar.ZONE).toInstant().toEpochMilli();
        if (at > after && calendar.isWorkingDay(d)) {
          best = Math.min(best, at);
          break;
        }
      }
    }
    return best;
  }
}
