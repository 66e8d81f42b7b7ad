package io.lawmonitor.notify;

import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.alerts.AlertRule;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.alerts.RulesInForce;
import io.lawmonitor.alerts.Subscriber;
import io.lawmonitor.runtime.Accounting;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The alert subscribers' branch of the graph: each FIRING and RESOLVED goes to every subscriber
 * its rule names (the alerts topic or file gets them all anyway), grouped per target, sent with
 * retries, and every final outcome — delivered or failed — goes to the delivery log.
 */
public final class Delivery {
  private Delivery() {}

  /** Summary counters: deliveries/SUBSCRIBER/OUTCOME. */
  public static final String COUNTER_PREFIX = "deliveries/";

  public static DataStream<DeliveryRecord> attach(DataStream<AlertRecord> alerts, BroadcastStream<String> rulesInForce,
      RulesInForce rules, DeliverySettings settings, String mode) {
    DataStream<Notification> messages = alerts
        .connect(rulesInForce)
        .process(new Route(rules)).uid("notify-route").name("route alerts to subscribers")
        .keyBy(Routed::target, Types.STRING)
        .process(new Batcher(settings)).uid("notify-batch").name("messages per subscriber");
    // one sender: a robot's pace is kept across all its messages. Ordered, because Flink's async
    // operator keeps messages in flight in its checkpoint in that order only: a restore then hands
    // each lane its messages as they were made (a RESOLVED never before its FIRING)
    return AsyncDataStream.orderedWait(messages, new Deliver(settings, mode), settings.budget().toMillis(),
            TimeUnit.MILLISECONDS, 10_000)
        .uid("notify-deliver").name("deliver to subscribers").setParallelism(1)
        .map(new Outcome()).returns(TypeInformation.of(DeliveryRecord.class))
        .uid("notify-outcome").name("delivery log").setParallelism(1);
  }

  /**
   * A transition, once for each HTTP target its rule names (each URL of an Alertmanager pair), as
   * the rules in force say; a removed rule's last RESOLVED goes where the rule used to send.
   */
  static final class Route extends BroadcastProcessFunction<AlertRecord, String, Routed> {
    private static final long serialVersionUID = 1L;
    private final RulesInForce rules;

    Route(RulesInForce rules) {
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
  static final class Outcome extends RichMapFunction<DeliveryRecord, DeliveryRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public DeliveryRecord map(DeliveryRecord r) {
      Accounting.counter(getRuntimeContext(), COUNTER_PREFIX + r.subscriber() + "/" + r.outcome()).add(1L);
      return r;
    }
  }
}
