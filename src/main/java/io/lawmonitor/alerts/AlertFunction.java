package io.lawmonitor.alerts;

import io.lawmonitor.runtime.Accounting;
import io.lawmonitor.events.RunCounts;
import io.lawmonitor.metrics.MetricRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by (rule, scope level, scope). Keeps the recent windows' figures and replays the rule's
 * lifecycle over them whenever one arrives, so a revised window (a late event) changes the
 * verdict as if it had been right the first time. Only the transitions are delivered: FIRING
 * when the state becomes FIRING, RESOLVED when it stops being FIRING.
 *
 * <p>When a new rule set comes into force (the broadcast input), a rule that did not change keeps
 * its state; a changed rule keeps its verdicts so far (its history is folded into the anchor
 * under the old rule) and is judged by the new one from the next window on; a removed rule's
 * firing alerts end, RESOLVED with a summary that says the rule was removed.
 *
 * <p>Flink's state is written as it changes (a window added, one folded into the anchor, a
 * transition delivered); what is read is kept in memory too, for up to 10,000 keys, so that a
 * window costs no reading of the 48 before it: on RocksDB each read of them deserialized every one,
 * a fifth of a run's CPU (docs/performance.md).
 */
public class AlertFunction extends KeyedBroadcastProcessFunction<String, RuleInput, String, AlertRecord>
    implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;
  /** Windows kept for replay; older ones are folded into the anchor status. */
  static final int HISTORY = 48;
  static final MapStateDescriptor<Long, MetricRecord> HISTORY_STATE =
      new MapStateDescriptor<>("history", Types.LONG, Types.POJO(MetricRecord.class));
  static final ValueStateDescriptor<AlertStatus> ANCHOR_STATE = new ValueStateDescriptor<>("anchor", Types.POJO(AlertStatus.class));
  static final ValueStateDescriptor<AlertStatus> DELIVERED_STATE =
      new ValueStateDescriptor<>("delivered", Types.POJO(AlertStatus.class));

  private final RulesInForce rules;
  private final String mode;
  private final RunCounts counts = new RunCounts(Accounting.ALERTS_FIRING, Accounting.ALERTS_RESOLVED);
  private transient FiringGauges firingGauges;

  private transient MapState<Long, MetricRecord> history;
  private transient ValueState<AlertStatus> anchor;
  private transient ValueState<AlertStatus> delivered;
  /**
   * Keys' state as in Flink's, for at most {@link #keptLimit} keys: the first ones called, since
   * every key is called once an hour in turn (dropping the least recent would drop each key just
   * before its next call once there are more keys than room).
   */
  private transient java.util.HashMap<String, Kept> kept;
  private int keptLimit = 10_000;

  /** A key's state as Flink holds it: its windows in order, its anchor and what was delivered (null: none). */
  private static final class Kept {
    final TreeMap<Long, MetricRecord> history = new TreeMap<>();
    AlertStatus anchor;
    AlertStatus delivered;
  }

  public AlertFunction(RulesInForce rules, String mode) {
    this.rules = rules;
    this.mode = mode;
  }

  @Override
  public void initializeState(FunctionInitializationContext ctx) throws Exception {
    counts.initialize(ctx.getOperatorStateStore());
  }

  @Override
  public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
    counts.snapshot();
  }

  @Override
  public void open(OpenContext ctx) {
    history = getRuntimeContext().getMapState(HISTORY_STATE);
    anchor = getRuntimeContext().getState(ANCHOR_STATE);
    delivered = getRuntimeContext().getState(DELIVERED_STATE);
    counts.open(getRuntimeContext());
    firingGauges = new FiringGauges(getRuntimeContext().getMetricGroup());
    kept = new java.util.HashMap<>();
  }

  /** The same function, keeping at most {@code limit} keys' state in memory. */
  AlertFunction keptAtMost(int limit) {
    this.keptLimit = limit;
    return this;
  }

  /** The current key's state, from memory or else read from Flink's. */
  private Kept kept(String key) throws Exception {
    Kept k = kept.get(key);
    if (k == null) {
      k = new Kept();
      for (Map.Entry<Long, MetricRecord> e : history.entries()) {
        k.history.put(e.getKey(), e.getValue());
      }
      k.anchor = anchor.value();
      k.delivered = delivered.value();
      if (kept.size() < keptLimit) {
        kept.put(key, k);
      }
    }
    return k;
  }

  @Override
  public void processBroadcastElement(String yaml, Context ctx, Collector<AlertRecord> out) throws Exception {
    var state = ctx.getBroadcastState(RulesInForce.STATE);
    RuleSet before = rules.current(state);
    RuleSet after = rules.parse(yaml);
    java.util.Set<String> removed = new java.util.HashSet<>();
    java.util.Set<String> changed = new java.util.HashSet<>();
    for (AlertRule r : before.rules()) {
      AlertRule now = after.rule(r.id());
      if (now == null) {
        removed.add(r.id());
      } else if (!now.equals(r)) {
        changed.add(r.id());
      }
    }
    if (!removed.isEmpty() || !changed.isEmpty()) {
      ctx.applyToKeyedState(ANCHOR_STATE, (key, ignored) -> {
        String id = key.substring(0, key.indexOf('|'));
        if (removed.contains(id)) {
          endRemoved(before.rule(id), out);
          firingGauges.track(key, before.rule(id), false);
        } else if (changed.contains(id)) {
          foldHistory(before.rule(id));
        }
      });
    }
    rules.swap(state, yaml);
    kept.clear(); // the keyed state of changed and removed rules was changed underneath
  }

  /** A removed rule's alert, if it fires, ends here; its state goes. */
  private void endRemoved(AlertRule rule, Collector<AlertRecord> out) throws Exception {
    AlertStatus was = delivered.value();
    if (was != null && was.firing()) {
      MetricRecord latest = null;
      for (Map.Entry<Long, MetricRecord> e : history.entries()) {
        if (latest == null || e.getKey() > latest.windowEnd()) {
          latest = e.getValue();
        }
      }
      if (latest != null) {
        counts.get(Accounting.ALERTS_RESOLVED).add(1L);
        AlertRecord r = record(rule, latest, AlertStatus.RESOLVED, was.since());
        out.collect(new AlertRecord(r.fingerprint(), r.rule(), r.state(), r.severity(), r.metric(), r.window(), r.scopeLevel(),
            r.scope(), r.value(), r.numerator(), r.denominator(), r.wilsonLow(), r.wilsonHigh(), r.threshold(), r.activeSince(),
            r.at(), Summaries.removed(rule, latest), r.mode()));
      }
    }
    history.clear();
    anchor.clear();
    delivered.clear();
  }

  /** The verdicts so far stand as the old rule gave them: the new one judges from the next window on. */
  private void foldHistory(AlertRule old) throws Exception {
    TreeMap<Long, MetricRecord> ordered = new TreeMap<>();
    for (Map.Entry<Long, MetricRecord> e : history.entries()) {
      ordered.put(e.getKey(), e.getValue());
    }
    AlertStatus base = anchor.value() == null ? AlertStatus.INITIAL : anchor.value();
    for (MetricRecord r : ordered.values()) {
      base = AlertMachine.step(base, old, r);
    }
    anchor.update(base);
    history.clear();
  }

  @Override
  public void processElement(RuleInput in, ReadOnlyContext ctx, Collector<AlertRecord> out) throws Exception {
    AlertRule rule = in.rule();
    MetricRecord m = in.record();
    Kept k = kept(ctx.getCurrentKey());
    TreeMap<Long, MetricRecord> ordered = k.history;
    MetricRecord old = ordered.get(m.windowEnd());
    if (old != null && old.revision() > m.revision()) {
      return; // an older revision arriving after a newer one
    }
    history.put(m.windowEnd(), m);
    ordered.put(m.windowEnd(), m);
    AlertStatus base = k.anchor == null ? AlertStatus.INITIAL : k.anchor;
    while (ordered.size() > HISTORY) {
      Map.Entry<Long, MetricRecord> first = ordered.pollFirstEntry();
      base = AlertMachine.step(base, rule, first.getValue());
      history.remove(first.getKey());
    }
    if (!base.equals(k.anchor)) {
      anchor.update(base);
      k.anchor = base;
    }
    AlertStatus status = base;
    MetricRecord latest = null;
    for (MetricRecord r : ordered.values()) {
      status = AlertMachine.step(status, rule, r);
      latest = r;
    }
    AlertStatus was = k.delivered;
    boolean wasFiring = was != null && was.firing();
    firingGauges.track(ctx.getCurrentKey(), rule, status.firing());
    if (status.firing() && !wasFiring) {
      counts.get(Accounting.ALERTS_FIRING).add(1L);
      out.collect(record(rule, latest, AlertStatus.FIRING, status.since()));
      delivered.update(status);
      k.delivered = status;
    } else if (!status.firing() && wasFiring) {
      counts.get(Accounting.ALERTS_RESOLVED).add(1L);
      out.collect(record(rule, latest, AlertStatus.RESOLVED, was.since()));
      delivered.update(status);
      k.delivered = status;
    }
  }

  private AlertRecord record(AlertRule rule, MetricRecord m, String state, long since) {
    return new AlertRecord(fingerprint(rule.id(), m.window(), m.scopeLevel(), m.scope()), rule.id(), state,
        rule.severity(), m.metric(), m.window(), m.scopeLevel(), m.scope(), m.value(), m.numerator(),
        m.denominator(), m.wilsonLow(), m.wilsonHigh(), rule.fireThreshold(), since, m.windowEnd(),
        Summaries.of(rule, m, AlertStatus.FIRING.equals(state)), mode);
  }

  /** Stable for a (rule, window, scope), so FIRING and its RESOLVED share it, as Alertmanager expects. */
  public static String fingerprint(String rule, String window, String level, String scope) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] h = md.digest((rule + "\u0000" + window + "\u0000" + level + "\u0000" + scope).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
