package io.lawmonitor.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;

/**
 * What an unbounded input does when it goes quiet: once it has had no event for {@code idleness}
 * (measured on the source's activity clock, which stands still while the job is back-pressured,
 * so an input that is merely waiting to be read is never quiet), it is marked idle and stops
 * holding back the watermark of its reader, and a reader all of whose inputs are idle stops
 * holding back the job. The job's event time then goes where the busy inputs' events put it,
 * however far behind the wall clock they are: a job that reads a backlog is current as soon as it
 * has read it, whatever a sparse partition's last event was. Nothing moves with the wall clock:
 * when every input is quiet, event time waits for the next event.
 *
 * <p>An idle input counts again only when it has had an event since and its own watermark has
 * caught up with its reader's (as Flink's operators take back an input that was idle). When all
 * the inputs of a reader were idle (a pause, a broker away, then a backlog on every partition),
 * the first to come back would carry the reader's time past the others' backlogs: instead the
 * reader waits one idleness from the first return, then takes back every input that has had an
 * event by then at once, none of them ahead of the lowest. A sparse
 * partition's next event after days is usually behind the reader: taken back at once, its stale
 * watermark would stall the reader until it was quiet again. Until it has caught up its events
 * still flow, in order with the reader's watermarks, and are judged against the job's time (a
 * revision within the allowed lateness, a late event beyond). A split's first watermark always
 * counts, so a partition added while the job runs holds it back until it has caught up.
 *
 * <p>The generators of one reader (one source subtask: its partitions, and the reader's own
 * output) share what they know of the reader's watermark, as the reader combines them: the lowest
 * of the inputs that count, never going back.
 */
public final class QuietWatermarks<T> implements WatermarkGenerator<T> {
  private final WatermarkGenerator<T> inner;
  private final long idleness;
  private final RelativeClock clock;
  private final Reader reader;
  private final Forward forward = new Forward();
  private long lastActivity;
  /** The highest watermark this input has passed on to its reader. */
  long passed = Long.MIN_VALUE;
  /** The inner generator's latest watermark: where this input's events put it. */
  private long fromEvents = Long.MIN_VALUE;
  /** Held back or not: an input counts from its first watermark until it is quiet. */
  boolean counts;
  private boolean joined;
  private boolean idle;
  private boolean eventSinceIdle;

  QuietWatermarks(WatermarkGenerator<T> inner, long idlenessMillis, RelativeClock clock, Reader reader) {
    this.inner = inner;
    this.idleness = idlenessMillis;
    this.clock = clock;
    this.reader = reader;
    this.lastActivity = clock.relativeTimeMillis();
  }

  /**
   * The generator to use for an input: {@code inner} as it is for a bounded input (whose end
   * closes every window, so nothing is left to the clock and a run's results depend on its data
   * alone), or wrapped for an unbounded one.
   */
  public static <T> WatermarkGeneratorSupplier<T> supplier(WatermarkGeneratorSupplier<T> inner, Duration idleness,
      boolean unbounded) {
    return unbounded ? new Supplier<>(inner, idleness.toMillis()) : inner;
  }

  /** Wraps each generator a reader asks for; the generators of one reader share a {@link Reader}. */
  private static final class Supplier<T> implements WatermarkGeneratorSupplier<T> {
    private static final long serialVersionUID = 1L;
    private final WatermarkGeneratorSupplier<T> inner;
    private final long idleness;
    /** By the reader's metric group: one per source subtask, whatever the runtime shares. */
    private transient Map<Object, Reader> readers;

    Supplier(WatermarkGeneratorSupplier<T> inner, long idleness) {
      this.inner = inner;
      this.idleness = idleness;
    }

    @Override
    public WatermarkGenerator<T> createWatermarkGenerator(Context ctx) {
      Reader reader;
      synchronized (this) {
        if (readers == null) {
          readers = new WeakHashMap<>();
        }
        reader = readers.computeIfAbsent(ctx.getMetricGroup(), k -> new Reader());
      }
      return new QuietWatermarks<>(inner.createWatermarkGenerator(ctx), idleness, ctx.getInputActivityClock(), reader);
    }
  }

  /** What the inputs of one reader know of its watermark. Used on the reader's thread only. */
  static final class Reader {
    private final List<QuietWatermarks<?>> inputs = new ArrayList<>();
    /** The reader's watermark as it combines its inputs': the lowest of those that count, never going back. */
    private long combined = Long.MIN_VALUE;
    /** After a return to a reader whose inputs were all idle: when it takes them back (activity time). */
    private long returnEnds = Long.MIN_VALUE;
    /** The inputs taken back together, not yet counting again, and the lowest of their watermarks. */
    private final List<QuietWatermarks<?>> takenBack = new ArrayList<>();
    private long floor = Long.MIN_VALUE;

    void join(QuietWatermarks<?> input) {
      inputs.add(input);
    }

    long combined() {
      return combined;
    }

    boolean noneCounts() {
      for (QuietWatermarks<?> in : inputs) {
        if (in.counts) {
          return false;
        }
      }
      return true;
    }

    /** Every idle input with an event since it went idle counts again, none above the lowest of them. */
    void takeBack() {
      returnEnds = Long.MIN_VALUE;
      floor = Long.MAX_VALUE;
      for (QuietWatermarks<?> in : inputs) {
        if (in.idle && in.eventSinceIdle && in.fromEvents != Long.MIN_VALUE) {
          takenBack.add(in);
          floor = Math.min(floor, in.fromEvents);
        }
      }
      if (floor == Long.MAX_VALUE) {
        floor = Long.MIN_VALUE;
      }
    }

    /** Whether {@code in} was taken back and has not counted since; it counts from now. */
    boolean takenBack(QuietWatermarks<?> in) {
      boolean was = takenBack.remove(in);
      if (takenBack.isEmpty()) {
        floor = Long.MIN_VALUE;
      }
      return was;
    }

    /** After an input passed a watermark on, or stopped counting. */
    void changed() {
      long min = Long.MAX_VALUE;
      boolean any = false;
      for (QuietWatermarks<?> in : inputs) {
        if (in.counts) {
          min = Math.min(min, in.passed);
          any = true;
        }
      }
      if (any && min > combined) {
        combined = min;
      }
    }
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    lastActivity = clock.relativeTimeMillis();
    if (!joined) {
      joined = true;
      reader.join(this);
    }
    eventSinceIdle = true;
    forward.to = output;
    forward.periodic = false;
    inner.onEvent(event, eventTimestamp, forward);
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    forward.to = output;
    forward.periodic = true;
    forward.cameBack = false;
    inner.onPeriodicEmit(forward);
    if (forward.cameBack) {
      return; // its watermark goes into the reader's once before it may be quiet again
    }
    long quiet = clock.relativeTimeMillis() - lastActivity;
    if (idle && eventSinceIdle && quiet >= idleness) {
      eventSinceIdle = false; // back for a moment, not caught up, and quiet again
    }
    if (!idle && quiet >= idleness) {
      idle = true;
      eventSinceIdle = false;
      if (counts) {
        counts = false;
        reader.changed();
      }
      output.markIdle();
    }
  }

  /** Passes on the inner generator's watermarks while this input counts, and decides when it counts again. */
  private final class Forward implements WatermarkOutput {
    WatermarkOutput to;
    /** Called from the periodic emit (all the reader's inputs in turn, then combined), not for an event. */
    boolean periodic;
    /** Whether this call took the input back. */
    boolean cameBack;

    @Override
    public void emitWatermark(Watermark watermark) {
      fromEvents = Math.max(fromEvents, watermark.getTimestamp());
      if (idle) {
        if (!comesBack()) {
          return;
        }
        cameBack = true;
      }
      idle = false;
      counts = true;
      long mark = reader.floor == Long.MIN_VALUE ? fromEvents : Math.min(fromEvents, reader.floor);
      if (mark > passed) {
        passed = mark;
      }
      reader.changed();
      to.emitWatermark(new Watermark(passed));
    }

    /** Whether this idle input counts again now. */
    private boolean comesBack() {
      if (!eventSinceIdle) {
        return false;
      }
      if (reader.takenBack(QuietWatermarks.this)) {
        return true;
      }
      if (!reader.noneCounts()) {
        return fromEvents >= reader.combined(); // caught up with the reader
      }
      if (reader.inputs.size() == 1) {
        return true; // no other input to run ahead of
      }
      long now = clock.relativeTimeMillis();
      if (reader.returnEnds == Long.MIN_VALUE) {
        reader.returnEnds = now + idleness;
        return false;
      }
      if (now < reader.returnEnds || !periodic) {
        return false;
      }
      reader.takeBack();
      return reader.takenBack(QuietWatermarks.this);
    }

    @Override
    public void markIdle() {
      // the inner generators never do; the quiet is judged here
    }

    @Override
    public void markActive() {
      // an input turns active by the watermark it passes on
    }
  }
}
