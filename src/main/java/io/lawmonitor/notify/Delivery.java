package io.lawmonitor.notify;

import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.alerts.AlertRule;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.alerts.Subscriber;
import io.lawmonitor.events.Accounting;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
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

  public static DataStream<DeliveryRecord> attach(DataStream<AlertRecord> alerts, RuleSet rules, DeliverySettings settings,
      String mode) {
    DataStream<Notification> messages = alerts
        .flatMap(new Route(rules)).uid("notify-route").name("route alerts to subscribers")
        .keyBy(Routed::target, Types.STRING)
        .process(new Batcher(rules, settings)).uid("notify-batch").name("messages per subscriber");
    // one sender: a robot's pace is kept across all its messages. Ordered, because Flink's async
    // operator keeps messages in flight in its checkpoint in that order only: a restore then hands
    // each lane its messages as they were made (a RESOLVED never before its FIRING)
    return AsyncDataStream.orderedWait(messages, new Deliver(rules, settings, mode), settings.budget().toMillis(),
            TimeUnit.MILLISECONDS, 10_000)
        .uid("notify-deliver").name("deliver to subscribers").setParallelism(1)
        .map(new Outcome()).returns(TypeInformation.of(DeliveryRecord.class))
        .uid("notify-outcome").name("delivery log").setParallelism(1);
  }

  /** A transition, once for each HTTP target its rule names (each URL of an Alertmanager pair). */
  static final class Route implements FlatMapFunction<AlertRecord, Routed> {
    private static final long serialVersionUID = 1L;
    private final RuleSet rules;

    Route(RuleSet rules) {
      this.rules = rules;
    }

    @Override
    public void flatMap(AlertRecord a, Collector<Routed> out) {
      AlertRule rule = rules.rule(a.rule());
      if (rule == null) {
        return;
      }
      for (String name : rule.subscribers()) {
        Subscriber s = rules.subscribers().get(name);
        if (s == null || !s.http()) {
          continue;
        }
        for (int i = 0; i < s.urls().size(); i++) {
          out.collect(new Routed(name, s.urls().size() == 1 ? name : name + "#" + i, i, a));
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
