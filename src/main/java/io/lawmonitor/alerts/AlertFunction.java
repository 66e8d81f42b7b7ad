package io.lawmonitor.alerts;

import io.lawmonitor.events.CountingProcessFunction;
import io.lawmonitor.events.Accounting;
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
import org.apache.flink.util.Collector;

/**
 * Keyed by (rule, scope level, scope). Keeps the recent windows' figures and replays the rule's
 * lifecycle over them whenever one arrives, so a revised window (a late event) changes the
 * verdict as if it had been right the first time. Only the transitions are delivered: FIRING
 * when the state becomes FIRING, RESOLVED when it stops being FIRING.
 */
public class AlertFunction extends CountingProcessFunction<String, RuleInput, AlertRecord> {
  private static final long serialVersionUID = 1L;
  /** Windows kept for replay; older ones are folded into the anchor status. */
  static final int HISTORY = 48;

  private final RuleSet rules;
  private final String mode;

  private transient MapState<Long, MetricRecord> history;
  private transient ValueState<AlertStatus> anchor;
  private transient ValueState<AlertStatus> delivered;
  private transient FiringGauges firingGauges;

  public AlertFunction(RuleSet rules, String mode) {
    super(Accounting.ALERTS_FIRING, Accounting.ALERTS_RESOLVED);
    this.rules = rules;
    this.mode = mode;
  }

  @Override
  public void open(OpenContext ctx) {
    history = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("history", Types.LONG, Types.POJO(MetricRecord.class)));
    anchor = getRuntimeContext().getState(new ValueStateDescriptor<>("anchor", Types.POJO(AlertStatus.class)));
    delivered = getRuntimeContext().getState(new ValueStateDescriptor<>("delivered", Types.POJO(AlertStatus.class)));
    counts.open(getRuntimeContext());
    firingGauges = new FiringGauges(getRuntimeContext().getMetricGroup());
  }

  @Override
  public void processElement(RuleInput in, Context ctx, Collector<AlertRecord> out) throws Exception {
    AlertRule rule = rules.rule(in.rule());
    if (rule == null) {
      return;
    }
    MetricRecord m = in.record();
    MetricRecord old = history.get(m.windowEnd());
    if (old != null && old.revision() > m.revision()) {
      return; // an older revision arriving after a newer one
    }
    history.put(m.windowEnd(), m);
    TreeMap<Long, MetricRecord> ordered = new TreeMap<>();
    for (Map.Entry<Long, MetricRecord> e : history.entries()) {
      ordered.put(e.getKey(), e.getValue());
    }
    AlertStatus base = anchor.value() == null ? AlertStatus.INITIAL : anchor.value();
    while (ordered.size() > HISTORY) {
      Map.Entry<Long, MetricRecord> first = ordered.pollFirstEntry();
      base = AlertMachine.step(base, rule, first.getValue());
      history.remove(first.getKey());
    }
    anchor.update(base);
    AlertStatus status = base;
    MetricRecord latest = null;
    for (MetricRecord r : ordered.values()) {
      status = AlertMachine.step(status, rule, r);
      latest = r;
    }
    AlertStatus was = delivered.value();
    boolean wasFiring = was != null && was.firing();
    firingGauges.track(ctx.getCurrentKey(), rule, status.firing());
    if (status.firing() && !wasFiring) {
      counts.get(Accounting.ALERTS_FIRING).add(1L);
      out.collect(record(rule, latest, AlertStatus.FIRING, status.since()));
      delivered.update(status);
    } else if (!status.firing() && wasFiring) {
      counts.get(Accounting.ALERTS_RESOLVED).add(1L);
      out.collect(record(rule, latest, AlertStatus.RESOLVED, was.since()));
      delivered.update(status);
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
