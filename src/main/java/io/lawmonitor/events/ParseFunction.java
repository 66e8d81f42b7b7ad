package io.lawmonitor.events;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses, validates and strips personal data; anything unusable goes to the dead-letter side
 * output with its reason. Also refuses events too far ahead of the time reached so far
 * (FAR_FUTURE): one such event must not drag the watermark forward and make everything after
 * it late. Runs chained to the source, so it sees records in the order they are read.
 */
public class ParseFunction extends ProcessFunction<RawEvent, Event> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

  private final EventParser parser;
  private final long outOfOrderness;
  private final long farFuture;
  private transient long maxSeen;
  private transient LongCounter read;
  private transient LongCounter dead;
  private transient Counter deadMetric;

  public ParseFunction(int maxEventBytes, long outOfOrdernessMillis, long farFutureMillis) {
    this.parser = new EventParser(maxEventBytes);
    this.outOfOrderness = outOfOrdernessMillis;
    this.farFuture = farFutureMillis;
  }

  @Override
  public void open(OpenContext ctx) {
    maxSeen = Long.MIN_VALUE;
    read = Accounting.counter(getRuntimeContext(), Accounting.EVENTS_READ);
    dead = Accounting.counter(getRuntimeContext(), Accounting.DEAD_LETTERS);
    deadMetric = getRuntimeContext().getMetricGroup().counter("deadLetters");
    getRuntimeContext().getMetricGroup().gauge("eventTimeReached", () -> maxSeen);
  }

  @Override
  public void processElement(RawEvent raw, Context ctx, Collector<Event> out) {
    read.add(1L);
    EventParser.Parsed p = parser.parse(raw);
    if (p.deadLetter() != null) {
      deadLetter(ctx, p.deadLetter());
      return;
    }
    Event e = p.event();
    if (maxSeen != Long.MIN_VALUE && e.eventTime > maxSeen - outOfOrderness + farFuture) {
      deadLetter(ctx, new DeadLetter(DeadLetter.FAR_FUTURE,
          "eventTime " + EventJson.time(e.eventTime) + " is more than " + (farFuture / 3_600_000L)
              + " h ahead of the watermark " + EventJson.time(maxSeen - outOfOrderness),
          raw.origin(), PersonalData.maskRaw(raw.text()), e.eventId, e.stream.wireName()));
      return;
    }
    maxSeen = Math.max(maxSeen, e.eventTime);
    out.collect(e);
  }

  private void deadLetter(Context ctx, DeadLetter d) {
    dead.add(1L);
    deadMetric.inc();
    ctx.output(DEAD_LETTERS, d);
  }
}
