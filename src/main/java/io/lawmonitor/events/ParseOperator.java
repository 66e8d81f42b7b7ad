package io.lawmonitor.events;

import io.lawmonitor.runtime.Accounting;
import io.lawmonitor.runtime.FarJump;
import io.lawmonitor.runtime.SecondWatermark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

/**
 * Parses, validates and strips personal data; anything unusable goes to the dead-letter side
 * output with its reason. Runs chained to the source, so it sees records in the order read.
 *
 * <p>It also keeps a single wrong clock from wrecking the watermark. An event more than the
 * far-future bound ahead of the time reached is held, not passed on: if the next event shows
 * that time really moved on (it is no more than the bound before the held one: a quiet weekend,
 * a sparse stream) the held event is passed on; if the stream carries on where it was, the held
 * event was out of step with everything else and becomes a FAR_FUTURE dead letter. A held event
 * the watermark catches up with is passed on too. A run may also be given {@code notAfter}, a
 * time no real event can be later than (the submitting client's present plus the bound):
 * anything later is FAR_FUTURE at once, and an event still held when a bounded input ends is
 * then let through, since nothing speaks against it.
 *
 * <p>In a run that does not end (live), a held event whose reader then reads nothing at all for
 * {@code quiet} (the idleness: every lane of the reader quiet, and the reader not merely
 * back-pressured, since then records keep coming) has no next event to decide it, and the reader's
 * watermark, its lanes all quiet, does not move: it is judged against the present instead, as a
 * bounded run's {@code notAfter} is. No later than the present plus the far-future bound, it counts
 * (a sparse partition's first event after days); later, it is FAR_FUTURE.
 *
 * <p>"The time reached" and "the next event" are per lane: one Kafka partition, whose records
 * are in order, or the whole merged file input. A reader that works through a backlog of several
 * partitions has them at different times (one chunk of days from one, then the next), and an
 * event of one partition says nothing about the clock of another. A lane's first event is
 * measured against the watermark, which every partition of the reader holds back.
 */
public class ParseOperator extends AbstractStreamOperator<Event>
    implements OneInputStreamOperator<RawEvent, Event>, BoundedOneInput, ProcessingTimeCallback {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

  private final RecordParser parser;
  private final long outOfOrderness;
  private final long farFuture;
  private final long notAfter;
  private final long quiet;

  /** The latest accepted event time per lane. */
  private transient Map<String, Long> reached;
  /** The event held per lane, waiting for the next one to say whether its time is real. */
  private transient Map<String, Held> held;
  /** The highest watermark passed on (the end of input aside): never one lower after it. */
  private transient long watermark;
  /** Records read since the quiet check was set; whether one is set. */
  private transient long readSinceCheck;
  private transient boolean checkSet;
  private transient ListState<RawEvent> suspectState;
  private transient ListState<LaneTime> reachedState;
  /** The latest event time passed on, for a run's progress line (not checkpointed: progress only). */
  private transient org.apache.flink.api.common.accumulators.LongMaximum reachedAcc;
  private final RunCounts counts = new RunCounts(Accounting.EVENTS_READ, Accounting.DEAD_LETTERS);
  private transient RunCounts.Counter read;
  private transient RunCounts.Counter dead;
  private transient Counter deadMetric;
  private transient StreamCounters readByStream;
  private transient StreamCounters deadByStream;

  /** A lane and how far its time has reached; operator state. */
  public record LaneTime(String lane, long time) {}

  private record Held(RawEvent raw, Event event) {}

  /** For a bounded run: held events wait for their lane's next event, or the end. */
  public ParseOperator(RecordParser parser, long outOfOrdernessMillis, long farFutureMillis, long notAfter) {
    this(parser, outOfOrdernessMillis, farFutureMillis, notAfter, 0);
  }

  /**
   * @param notAfter no event can be later than this, or Long.MAX_VALUE when unknown
   * @param quietMillis for a run that does not end, the idleness: a held event is judged against
   *     the present once the reader has read nothing for this long; 0 for a bounded run
   */
  public ParseOperator(RecordParser parser, long outOfOrdernessMillis, long farFutureMillis, long notAfter,
      long quietMillis) {
    this.parser = parser;
    this.outOfOrderness = outOfOrdernessMillis;
    this.farFuture = farFutureMillis;
    this.notAfter = notAfter;
    this.quiet = quietMillis;
  }

  /** The lane of a record: its Kafka partition ("topic/partition" of "topic/partition@offset"), or "" for files. */
  static String lane(String origin) {
    if (origin == null) {
      return "";
    }
    int at = origin.lastIndexOf('@');
    if (at < 0 || at == origin.length() - 1) {
      return "";
    }
    for (int i = at + 1; i < origin.length(); i++) {
      if (!Character.isDigit(origin.charAt(i))) {
        return "";
      }
    }
    return origin.substring(0, at);
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    suspectState = context.getOperatorStateStore().getListState(
        new ListStateDescriptor<>("suspect", TypeInformation.of(RawEvent.class)));
    reachedState = context.getOperatorStateStore().getListState(
        new ListStateDescriptor<>("lane-reached", TypeInformation.of(LaneTime.class)));
    counts.initialize(context.getOperatorStateStore());
    reached = new HashMap<>();
    held = new HashMap<>();
    watermark = Long.MIN_VALUE;
    for (LaneTime r : reachedState.get()) {
      reached.merge(r.lane(), r.time(), Math::max);
    }
    for (RawEvent raw : suspectState.get()) {
      RecordParser.Parsed p = parser.parse(raw);
      if (p.event() != null) {
        held.put(lane(raw.origin()), new Held(raw, p.event()));
      }
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    counts.open(getRuntimeContext());
    read = counts.get(Accounting.EVENTS_READ);
    dead = counts.get(Accounting.DEAD_LETTERS);
    deadMetric = getRuntimeContext().getMetricGroup().counter("deadLetters");
    readByStream = new StreamCounters(getRuntimeContext().getMetricGroup(), "events_read");
    deadByStream = new StreamCounters(getRuntimeContext().getMetricGroup(), "dead_letters");
    getRuntimeContext().getMetricGroup().gauge("eventTimeReached",
        () -> reached.values().stream().mapToLong(Long::longValue).max().orElse(Long.MIN_VALUE));
    reachedAcc = new org.apache.flink.api.common.accumulators.LongMaximum();
    getRuntimeContext().addAccumulator(Accounting.EVENT_TIME_REACHED, reachedAcc);
    checkSet = false;
    if (!held.isEmpty()) {
      checkQuiet(); // held when the job stopped
    }
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    List<RawEvent> suspects = new ArrayList<>();
    held.values().forEach(h -> suspects.add(h.raw()));
    suspectState.update(suspects);
    List<LaneTime> lanes = new ArrayList<>();
    reached.forEach((lane, t) -> lanes.add(new LaneTime(lane, t)));
    reachedState.update(lanes);
    counts.snapshot();
  }

  @Override
  public void processElement(StreamRecord<RawEvent> element) {
    RawEvent raw = element.getValue();
    read.add(1L);
    readSinceCheck++;
    RecordParser.Parsed p = parser.parse(raw);
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
    String lane = lane(raw.origin());
    Held suspect = held.remove(lane);
    if (suspect != null) {
      if (FarJump.confirms(e.eventTime, suspect.event().eventTime, farFuture)) {
        accept(lane, suspect.event()); // time really moved on
      } else {
        farFuture(lane, suspect);
      }
    }
    long base = timeReached(lane);
    if (FarJump.ahead(base, e.eventTime, farFuture)) {
      held.put(lane, new Held(raw, e));
      checkQuiet();
      return;
    }
    accept(lane, e);
  }

  /** Where a lane's time is, less the out-of-orderness: its latest event, or else the watermark. */
  private long timeReached(String lane) {
    Long r = reached.get(lane);
    if (r != null) {
      return r - outOfOrderness;
    }
    return watermark;
  }

  /** The end of a bounded input reaches here as the final watermark, before endInput: decide first. */
  @Override
  public void processWatermark(org.apache.flink.streaming.api.watermark.Watermark mark) throws Exception {
    if (mark.getTimestamp() == Long.MAX_VALUE) {
      endInput();
    } else if (mark.getTimestamp() <= watermark) {
      return;
    } else {
      watermark = mark.getTimestamp();
      // a held event the watermark has caught up with is no longer far ahead of anything
      for (Iterator<Map.Entry<String, Held>> it = held.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, Held> h = it.next();
        if (h.getValue().event().eventTime <= watermark + farFuture) {
          it.remove();
          accept(h.getKey(), h.getValue().event());
        }
      }
    }
    super.processWatermark(mark);
  }

  /**
   * In a run that does not end, the reader's lanes all quiet: its time is where its lanes' events
   * put it, passed on before the turn to idle. Its source says as much while it runs (the last
   * lane to go quiet carries the reader's watermark up to its events), but not always: a lane that
   * went quiet before a slower one leaves it behind, and after a restore the source has no event
   * to make a watermark from at all, while the time each lane had reached is in this operator's
   * state. Without this, a job restored after it had read its backlog would hold every pending
   * window until the next event of any partition. (Where watermarks are made after this operator,
   * from files, the operator that makes them ignores this one's.)
   */
  @Override
  public void processWatermarkStatus(WatermarkStatus status) throws Exception {
    if (quiet > 0 && status.isIdle() && !reached.isEmpty()) {
      long latest = reached.values().stream().mapToLong(Long::longValue).max().getAsLong();
      long lanes = SecondWatermark.of(latest, outOfOrderness);
      if (lanes > watermark) {
        processWatermark(new org.apache.flink.streaming.api.watermark.Watermark(lanes));
      }
    }
    super.processWatermarkStatus(status);
  }

  @Override
  public void endInput() {
    for (Map.Entry<String, Held> h : held.entrySet()) {
      if (notAfter != Long.MAX_VALUE) {
        accept(h.getKey(), h.getValue().event()); // the last event after a quiet spell: not later than the present
      } else {
        farFuture(h.getKey(), h.getValue());
      }
    }
    held.clear();
  }

  /** Sets the quiet check, if a run that does not end holds an event and none is set. */
  private void checkQuiet() {
    if (quiet > 0 && !checkSet) {
      checkSet = true;
      readSinceCheck = 0;
      ProcessingTimeService time = getProcessingTimeService();
      time.registerTimer(time.getCurrentProcessingTime() + quiet, this);
    }
  }

  /** The quiet check: with nothing read since it was set, the held events are judged against the present. */
  @Override
  public void onProcessingTime(long now) {
    checkSet = false;
    if (held.isEmpty()) {
      return;
    }
    if (readSinceCheck > 0) {
      checkQuiet();
      return;
    }
    for (Map.Entry<String, Held> h : held.entrySet()) {
      Event e = h.getValue().event();
      if (e.eventTime <= now + farFuture) {
        accept(h.getKey(), e);
      } else {
        RawEvent raw = h.getValue().raw();
        deadLetter(new DeadLetter(DeadLetter.FAR_FUTURE, "eventTime " + EventJson.time(e.eventTime) + " is more than "
            + (farFuture / 3_600_000L) + " h ahead of the present (" + EventJson.time(now)
            + ") and nothing came after it", raw.origin(), PersonalData.maskRaw(raw.text()), e.eventId,
            e.stream.wireName()));
      }
    }
    held.clear();
  }

  private void accept(String lane, Event e) {
    Long before = reached.get(lane);
    if (!lane.isEmpty() && before != null) {
      e.laneWatermark = before - outOfOrderness;
    }
    reached.merge(lane, e.eventTime, Math::max);
    reachedAcc.add(e.eventTime);
    readByStream.inc(e.stream.wireName());
    output.collect(new StreamRecord<>(e, e.eventTime));
  }

  private void farFuture(String lane, Held h) {
    Event e = h.event();
    deadLetter(new DeadLetter(DeadLetter.FAR_FUTURE,
        "eventTime " + EventJson.time(e.eventTime) + " is more than " + (farFuture / 3_600_000L)
            + " h ahead of the watermark " + EventJson.time(timeReached(lane))
            + " and the events after it did not follow it there",
        h.raw().origin(), PersonalData.maskRaw(h.raw().text()), e.eventId, e.stream.wireName()));
  }

  private void deadLetter(DeadLetter d) {
    dead.add(1L);
    deadMetric.inc();
    readByStream.inc(d.stream());
    deadByStream.inc(d.stream());
    output.collect(DEAD_LETTERS, new StreamRecord<>(d));
  }
}
