package io.lawmonitor.notify;

import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.alerts.Subscriber;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per target, turns transitions into messages. A webhook gets each transition as it comes. A
 * robot or an Alertmanager gets the transitions of one moment (a window's end) together, once the
 * watermark has passed it: a bad hour in twelve districts is one message, not twelve, a few per
 * message so that each stays readable and within the robot's size. For Alertmanager, what still
 * fires is sent again every {@code resendInterval}, so that its resolve_timeout never resolves a
 * breach that has not ended (as Prometheus does). Everything waiting is checkpointed.
 */
public final class Batcher extends KeyedProcessFunction<String, Routed, Notification> {
  private static final long serialVersionUID = 1L;
  /** Transitions per robot message: a phone screen's worth, well inside WeCom's 4,096 bytes. */
  static final int PER_MESSAGE = 6;
  /** Alerts per Alertmanager request. */
  static final int PER_REQUEST = 100;

  private final long resendMillis;
  private transient ValueState<Subscriber> to;
  private transient ListState<AlertRecord> waiting;
  private transient MapState<String, AlertRecord> firing;
  private transient ValueState<Long> nextResend;

  public Batcher(DeliverySettings settings) {
    this.resendMillis = settings.resendInterval().toMillis();
  }

  @Override
  public void open(OpenContext ctx) {
    to = getRuntimeContext().getState(new ValueStateDescriptor<>("to", TypeInformation.of(Subscriber.class)));
    waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting", TypeInformation.of(AlertRecord.class)));
    firing = getRuntimeContext().getMapState(new MapStateDescriptor<>("firing", Types.STRING,
        TypeInformation.of(AlertRecord.class)));
    nextResend = getRuntimeContext().getState(new ValueStateDescriptor<>("next-resend", Types.LONG));
  }

  @Override
  public void processElement(Routed r, Context ctx, Collector<Notification> out) throws Exception {
    Subscriber s = r.to();
    to.update(s); // as the newest rules define it
    if (s.type().equals("webhook")) {
      out.collect(new Notification(s, r.target(), r.urlIndex(), Notification.ALERTS, r.alert().at(),
          List.of(r.alert()), Notification.keyOf(r.alert())));
      return;
    }
    waiting.add(r.alert());
    ctx.timerService().registerEventTimeTimer(r.alert().at());
    if (s.type().equals("alertmanager")) {
      if (r.alert().state().equals("FIRING")) {
        firing.put(r.alert().fingerprint(), r.alert());
        if (nextResend.value() == null) {
          long next = ctx.timerService().currentProcessingTime() + resendMillis;
          nextResend.update(next);
          ctx.timerService().registerProcessingTimeTimer(next);
        }
      } else {
        firing.remove(r.alert().fingerprint());
      }
    }
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<Notification> out) throws Exception {
    String target = ctx.getCurrentKey();
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      resend(target, time, ctx, out);
      return;
    }
    TreeMap<Long, List<AlertRecord>> due = new TreeMap<>();
    List<AlertRecord> later = new ArrayList<>();
    for (AlertRecord a : waiting.get()) {
      if (a.at() <= time) {
        due.computeIfAbsent(a.at(), k -> new ArrayList<>()).add(a);
      } else {
        later.add(a);
      }
    }
    waiting.update(later);
    for (var e : due.entrySet()) {
      emit(target, Notification.ALERTS, e.getKey(), e.getValue(), out);
    }
  }

  private void resend(String target, long time, OnTimerContext ctx, Collector<Notification> out) throws Exception {
    List<AlertRecord> still = new ArrayList<>();
    firing.values().forEach(still::add);
    if (still.isEmpty()) {
      nextResend.clear();
      return;
    }
    long at = still.stream().mapToLong(AlertRecord::at).max().orElse(0);
    emit(target, Notification.RESEND, at, still, out);
    long next = time + resendMillis;
    nextResend.update(next);
    ctx.timerService().registerProcessingTimeTimer(next);
  }

  private void emit(String target, String kind, long at, List<AlertRecord> alerts, Collector<Notification> out)
      throws java.io.IOException {
    Subscriber s = to.value();
    int urlIndex = target.contains("#") ? Integer.parseInt(target.substring(target.indexOf('#') + 1)) : 0;
    List<AlertRecord> sorted = new ArrayList<>(alerts);
    // firing first, the worst first, then by place: the same messages on every run
    sorted.sort(Comparator.comparing((AlertRecord a) -> a.state().equals("FIRING") ? 0 : 1)
        .thenComparing(a -> switch (a.severity()) {
          case "critical" -> 0;
          case "warning" -> 1;
          default -> 2;
        }).thenComparing(AlertRecord::scope).thenComparing(AlertRecord::rule));
    int per = s.type().equals("alertmanager") ? PER_REQUEST : PER_MESSAGE;
    for (int i = 0; i < sorted.size(); i += per) {
      List<AlertRecord> part = sorted.subList(i, Math.min(sorted.size(), i + per));
      out.collect(new Notification(s, target, urlIndex, kind, at, part, Notification.keyOf(part)));
    }
  }
}
