package io.lawmonitor.notify;

import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.alerts.AlertRule;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.alerts.RulesInForce;
import io.lawmonitor.alerts.Subscriber;
import io.lawmonitor.runtime.Accounting;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The functions of the alert subscribers' branch of the graph (wired in the job's graph): each
 * FIRING and RESOLVED goes to every subscriber its rule names ({@link Route}; the alerts topic or
 * file gets them all anyway), grouped per target ({@link Batcher}), sent with retries
 * ({@link Deliver}), and every final outcome — delivered or failed — counted for the delivery log
 * ({@link Outcome}).
 */
public final class Delivery {
  private Delivery() {}

  /** Summary counters: deliveries/SUBSCRIBER/OUTCOME. */
  public static final String COUNTER_PREFIX = "deliveries/";

  /**
   * A transition, once for each HTTP target its rule names (each URL of an Alertmanager pair), as
   * the rules in force say; a removed rule's last RESOLVED goes where the rule used to send.
   */
  public static final class Route extends BroadcastProcessFunction<AlertRecord, String, Routed> {
    private static final long serialVersionUID = 1L;
    private final RulesInForce rules;

    public Route(RulesInForce rules) {
      this.rules = rules;
    }

    @Override
    public void processBroadcastElement(String yaml, Context ctx, Collector<Routed> out) throws Exception {
      var state = ctx.getBroadcastState(RulesInForce.STATE);
      rules.swap(state, yaml);
    }

    @Override
    public void processElement(AlertRecord a, ReadOnlyContext ctx, Collector<Routed> out) throws Exception {
      var state = ctx.getBroadcastState(RulesInForce.STATE);
      AlertRule rule = rules.rule(state, a.rule());
      if (rule == null) {
        return;
      }
      RuleSet defining = rules.current(state).rule(a.rule()) != null ? rules.current(state) : rules.previous(state);
      for (String name : rule.subscribers()) {
        Subscriber s = defining.subscribers().get(name);
        if (s == null || !s.http()) {
          continue;
        }
        for (int i = 0; i < s.urls().size(); i++) {
          out.collect(new Routed(s, s.urls().size() == 1 ? name : name + "#" + i, i, a));
        }
      }
    }
  }

  /** Counts each message's outcome for the summary, per subscriber. */
  public static final class Outcome extends RichMapFunction<DeliveryRecord, DeliveryRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public DeliveryRecord map(DeliveryRecord r) {
      Accounting.counter(getRuntimeContext(), COUNTER_PREFIX + r.subscriber() + "/" + r.outcome()).add(1L);
      return r;
    }
  }
}
