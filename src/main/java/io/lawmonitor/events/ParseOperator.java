package io.lawmonitor.events;

import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Parses, validates and strips personal data; anything unusable goes to the dead-letter side
 * output with its reason. Runs chained to the source, so it sees records in the order read.
 *
 * <p>It also keeps a single wrong clock from wrecking the watermark. An event more than the
 * far-future bound ahead of the time reached is held, not passed on: if the next event shows
 * that time really moved on (it is no more than the bound before the held one: a quiet weekend,
 * a sparse stream) the held event is passed on; if the stream carries on where it was, the held
 * event was out of step with everything else and becomes a FAR_FUTURE dead letter. A run may
 * also be given {@code notAfter}, a time no real event can be later than (the submitting
 * client's present plus the bound): anything later is FAR_FUTURE at once, and an event still
 * held when a bounded input ends is then let through, since nothing speaks against it.
 */
public class ParseOperator extends AbstractStreamOperator<Event>
    implements OneInputStreamOperator<RawEvent, Event>, BoundedOneInput {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

  private final EventParser parser;
  private final long outOfOrderness;
  private final long farFuture;
  private final long notAfter;

  private transient long maxSeen;
  private transient RawEvent suspectRaw;
  private transient Event suspect;
  private transient ListState<RawEvent> suspectState;
  private transient ListState<Long> reachedState;
  private transient LongCounter read;
  private transient LongCounter dead;
  private transient Counter deadMetric;

  /** @param notAfter no event can be later than this, or Long.MAX_VALUE when unknown */
  public ParseOperator(int maxEventBytes, long outOfOrdernessMillis, long farFutureMillis, long notAfter) {
    this.parser = new EventParser(maxEventBytes);
    this.outOfOrderness = outOfOrdernessMillis;
    this.farFuture = farFutureMillis;
    this.notAfter = notAfter;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    suspectState = context.getOperatorStateStore().getListState(
        new ListStateDescriptor<>("suspect", TypeInformation.of(RawEvent.class)));
    reachedState = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("reached", Types.LONG));
    maxSeen = Long.MIN_VALUE;
    for (Long r : reachedState.get()) {
      maxSeen = Math.max(maxSeen, r);
    }
    for (RawEvent raw : suspectState.get()) {
      EventParser.Parsed p = parser.parse(raw);
      if (p.event() != null) {
        suspectRaw = raw;
        suspect = p.event();
      }
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    read = Accounting.counter(getRuntimeContext(), Accounting.EVENTS_READ);
    dead = Accounting.counter(getRuntimeContext(), Accounting.DEAD_LETTERS);
    deadMetric = getRuntimeContext().getMetricGroup().counter("deadLetters");
    getRuntimeContext().getMetricGroup().gauge("eventTimeReached", () -> maxSeen);
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    suspectState.update(suspectRaw == null ? List.of() : List.of(suspectRaw));
    reachedState.update(maxSeen == Long.MIN_VALUE ? List.of() : List.of(maxSeen));
  }

  @Override
  public void processElement(StreamRecord<RawEvent> element) {
    RawEvent raw = element.getValue();
    read.add(1L);
    EventParser.Parsed p = parser.parse(raw);
    if (p.deadLetter() != null) {
      deadLetter(p.deadLetter());
      return;
    }
    Event e = p.event();
    if (e.eventTime > notAfter) {
      deadLetter(new DeadLetter(DeadLetter.FAR_FUTURE, "eventTime " + EventJson.time(e.eventTime)
          + " is later than any event of this run can be (" + EventJson.time(notAfter) + ")",
          raw.origin(), PersonalData.maskRaw(raw.text()), e.eventId, e.stream.wireName()));
      return;
    }
    if (suspect != null) {
      if (e.eventTime >= suspect.eventTime - farFuture) {
        accept(suspect); // time really moved on
      } else {
        farFuture(suspectRaw, suspect);
      }
      suspect = null;
      suspectRaw = null;
    }
    if (maxSeen != Long.MIN_VALUE && e.eventTime > maxSeen - outOfOrderness + farFuture) {
      suspect = e;
      suspectRaw = raw;
      return;
    }
    accept(e);
  }

  /** The end of a bounded input reaches here as the final watermark, before endInput: decide first. */
  @Override
  public void processWatermark(org.apache.flink.streaming.api.watermark.Watermark mark) throws Exception {
    if (mark.getTimestamp() == Long.MAX_VALUE) {
      endInput();
    }
    super.processWatermark(mark);
  }

  @Override
  public void endInput() {
    if (suspect != null) {
      if (notAfter != Long.MAX_VALUE) {
        accept(suspect); // the last event after a quiet spell: not later than the present
      } else {
        farFuture(suspectRaw, suspect);
      }
      suspect = null;
      suspectRaw = null;
    }
  }

  private void accept(Event e) {
    maxSeen = Math.max(maxSeen, e.eventTime);
    output.collect(new StreamRecord<>(e, e.eventTime));
  }

  private void farFuture(RawEvent raw, Event e) {
    deadLetter(new DeadLetter(DeadLetter.FAR_FUTURE,
        "eventTime " + EventJson.time(e.eventTime) + " is more than " + (farFuture / 3_600_000L)
            + " h ahead of the watermark " + EventJson.time(maxSeen - outOfOrderness)
            + " and the events after it did not follow it there",
        raw.origin(), PersonalData.maskRaw(raw.text()), e.eventId, e.stream.wireName()));
  }

  private void deadLetter(DeadLetter d) {
    dead.add(1L);
    deadMetric.inc();
    output.collect(DEAD_LETTERS, new StreamRecord<>(d));
  }
}
