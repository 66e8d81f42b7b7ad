package io.lawmonitor.lifecycle;

import io.lawmonitor.calendar.ClockUnit;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.EventFormatV1;
import io.lawmonitor.events.EventSerializer;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.serial.StateCodec;
import io.lawmonitor.serial.StateSerializer;
import io.lawmonitor.serial.Varint;
import io.lawmonitor.serial.WrittenByHandInfo;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The case's state as Flink keeps it, written by hand: on RocksDB every event and timer reads and
 * writes the whole value, and Flink's POJO serializer (every field set through reflection, every
 * string read on its own) was most of the case lifecycles' time there. The events are in their
 * one format ({@link EventSerializer#write}); a case's region, agency, caseId and eventIds, which
 * its events, facts and memory of ids repeat, are written once ({@link StateCodec}); enum
 * constants by name; times as the difference from the one before them. Format 4 adds the case's
 * folded events ({@link FoldedCase}: a case from an older format has none, and walks all its
 * events until it folds them); format 3 adds the
 * 督办清单 records the case has sent; format 2 wrote each event's attributes as its stream's record;
 * format 1, every attribute of every stream side by side ({@link EventFormatV1}). Both are still
 * read (a case read from them has not sent its list yet).
 */
public final class CaseStateSerializer extends StateSerializer<CaseState> {
  private static final long serialVersionUID = 1L;
  private static final StreamKind[] STREAMS = StreamKind.values();
  private static final FactKind[] KINDS = FactKind.values();
  private static final ClockUnit[] UNITS = ClockUnit.values();
  private static final WatchState[] STATES = WatchState.values();

  private transient StateCodec codec;

  /** This instance's codec, begun for a new value. */
  private StateCodec codec() {
    if (codec == null) {
      codec = new StateCodec(names());
    }
    codec.start();
    return codec;
  }

  /** The case state's type to Flink. */
  public static WrittenByHandInfo<CaseState> info() {
    return new WrittenByHandInfo<>(CaseState.class, CaseStateSerializer::new);
  }

  @Override
  protected int format() {
    return 4;
  }

  /**
   * Not from Flink's POJO serializer's state, as the states written before this serializer were:
   * that state's events kept their attributes in fields the event no longer has, and a case would
   * lose its kind, urgency and outcomes. Such a savepoint is restored by a version from 2026-11-26
   * to 2026-12-06 first, and a new savepoint taken there.
   */
  @Override
  protected boolean migratesFrom(org.apache.flink.api.common.typeutils.TypeSerializerSnapshot<CaseState> old) {
    return false;
  }

  @Override
  protected String what() {
    return "a case state";
  }

  @Override
  public CaseState createInstance() {
    return new CaseState();
  }

  @Override
  public CaseState copy(CaseState from) {
    CaseState c = new CaseState();
    c.folded = from.folded;
    c.accepted = copy(from.accepted);
    c.pending = copy(from.pending);
    c.emitted = from.emitted.clone();
    c.watched = from.watched == null ? null : from.watched.clone();
    c.cleanupAt = from.cleanupAt;
    c.reached = from.reached;
    c.next = from.next;
    c.seenIds = from.seenIds.clone();
    c.seenUntil = from.seenUntil.clone();
    return c;
  }

  private static Event[] copy(Event[] events) {
    Event[] c = new Event[events.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = events[i].copy();
    }
    return c;
  }

  @Override
  public void serialize(CaseState st, DataOutputView out) throws IOException {
    StateCodec s = codec();
    writeFormat(out);
    writeEvents(st.accepted, out, s);
    writeEvents(st.pending, out, s);
    Varint.write(st.emitted.length, out);
    for (Fact f : st.emitted) {
      s.writeEnum(f.stream(), out);
      s.writeEnum(f.kind(), out);
      s.writeName(f.detail(), out);
      s.writeTime(f.time(), out);
      s.writeName(f.region(), out);
      s.writeName(f.agency(), out);
      if (f.sign() != (byte) f.sign()) {
        throw new IOException("a fact's sign is +1 or -1, not " + f.sign());
      }
      out.writeByte(f.sign());
      s.writeTime(f.lateWatermark(), out);
    }
    if (st.watched == null) {
      Varint.write(0, out);
    } else {
      Varint.write(st.watched.length / 2 + 1, out);
      for (int i = 0; i + 1 < st.watched.length; i += 2) {
        s.writeTime(st.watched[i], out);
        Varint.write((int) st.watched[i + 1], out);
      }
    }
    s.writeTime(st.cleanupAt, out);
    s.writeTime(st.reached, out);
    s.writeTime(st.next, out);
    Varint.write(st.seenIds.length, out);
    for (int i = 0; i < st.seenIds.length; i++) {
      s.writeId(st.seenIds[i], out);
      s.writeTime(st.seenUntil[i], out);
    }
    writeFolded(st.folded, out, s);
  }

  private static void writeFolded(FoldedCase f, DataOutputView out, StateCodec s) throws IOException {
    if (f == null) {
      out.writeByte(0);
      return;
    }
    out.writeByte((f.opened() ? 1 : 0) | (f.open() ? 2 : 0) | 4);
    s.writeEnum(f.stream(), out);
    Varint.write(f.events(), out);
    s.writeTime(f.first(), out);
    s.writeTime(f.before(), out);
    s.writeName(f.region(), out);
    s.writeTime(f.finishedAt(), out);
    s.writeTime(f.next(), out);
    Varint.write(f.clocks().length, out);
    for (FoldedCase.Clock c : f.clocks()) {
      s.writeEnum(c == null ? null : c.unit(), out);
      if (c != null) {
        // what most clocks have (never extended, not stopped, the list knowing their deadline
        // since they started) in one byte of flags instead of their values
        boolean days = c.baseDays() != 0 || c.extension() != 0;
        boolean ended = c.endedAt() != Long.MAX_VALUE;
        boolean since = c.since() != c.start();
        boolean listed = c.listed() != c.deadline();
        out.writeByte((c.completed() ? 1 : 0) | (days ? 2 : 0) | (ended ? 4 : 0) | (since ? 8 : 0) | (listed ? 16 : 0));
        s.writeTime(c.start(), out);
        s.writeTime(c.deadline(), out);
        if (days) {
          Varint.writeLong(Varint.zigzag(c.baseDays()), out);
          Varint.writeLong(Varint.zigzag(c.extension()), out);
        }
        if (ended) {
          s.writeTime(c.endedAt(), out);
        }
        if (since) {
          s.writeTime(c.since(), out);
        }
        if (listed) {
          s.writeTime(c.listed(), out);
        }
      }
    }
    Varint.write(f.agencies().length, out);
    for (int i = 0; i < f.agencies().length; i++) {
      s.writeTime(f.agencyTimes()[i], out);
      s.writeName(f.agencies()[i], out);
    }
    for (WatchState w : f.listed()) {
      s.writeEnum(w, out);
    }
    Varint.write(f.watch().length, out);
    for (CaseWatch w : f.watch()) {
      s.writeName(w.clock(), out);
      s.writeName(w.agency(), out);
      s.writeName(w.region(), out);
      s.writeTime(w.startedAt(), out);
      s.writeTime(w.deadline(), out);
      s.writeEnum(w.state(), out);
      Varint.writeLong(Varint.zigzag(w.behind()), out);
      s.writeEnum(w.unit(), out);
      s.writeTime(w.at(), out);
    }
    Varint.write(f.numbers().length, out);
    for (long n : f.numbers()) {
      // a flag or a count in a byte, a time in a few, none (Long.MAX_VALUE) in one
      Varint.writeLong(n == Long.MAX_VALUE ? 0 : Varint.zigzag(n) + 1, out);
    }
    Varint.write(f.texts().length, out);
    for (String t : f.texts()) {
      s.writeName(t, out);
    }
  }

  private static FoldedCase readFolded(DataInputView in, StateCodec s) throws IOException {
    int flags = in.readUnsignedByte();
    if (flags == 0) {
      return null;
    }
    StreamKind stream = s.readEnum(STREAMS, in);
    int events = Varint.read(in);
    long first = s.readTime(in);
    long before = s.readTime(in);
    String region = s.readName(in);
    long finishedAt = s.readTime(in);
    long next = s.readTime(in);
    FoldedCase.Clock[] clocks = new FoldedCase.Clock[Varint.read(in)];
    for (int i = 0; i < clocks.length; i++) {
      ClockUnit unit = s.readEnum(UNITS, in);
      if (unit != null) {
        int bits = in.readUnsignedByte();
        long start = s.readTime(in);
        long deadline = s.readTime(in);
        int baseDays = (bits & 2) != 0 ? (int) Varint.unzigzag(Varint.readLong(in)) : 0;
        int extension = (bits & 2) != 0 ? (int) Varint.unzigzag(Varint.readLong(in)) : 0;
        long endedAt = (bits & 4) != 0 ? s.readTime(in) : Long.MAX_VALUE;
        long since = (bits & 8) != 0 ? s.readTime(in) : start;
        long listed = (bits & 16) != 0 ? s.readTime(in) : deadline;
        clocks[i] = new FoldedCase.Clock(unit, start, deadline, baseDays, extension, endedAt, (bits & 1) != 0, since,
            listed);
      }
    }
    int n = Varint.read(in);
    long[] agencyTimes = new long[n];
    String[] agencies = new String[n];
    for (int i = 0; i < n; i++) {
      agencyTimes[i] = s.readTime(in);
      agencies[i] = s.readName(in);
    }
    WatchState[] listed = new WatchState[clocks.length];
    for (int i = 0; i < listed.length; i++) {
      listed[i] = s.readEnum(STATES, in);
    }
    CaseWatch[] watch = new CaseWatch[Varint.read(in)];
    for (int i = 0; i < watch.length; i++) {
      watch[i] = new CaseWatch(null, stream, s.readName(in), s.readName(in), s.readName(in), s.readTime(in),
          s.readTime(in), s.readEnum(STATES, in), (int) Varint.unzigzag(Varint.readLong(in)), s.readEnum(UNITS, in),
          s.readTime(in), null);
    }
    long[] numbers = new long[Varint.read(in)];
    for (int i = 0; i < numbers.length; i++) {
      long code = Varint.readLong(in);
      numbers[i] = code == 0 ? Long.MAX_VALUE : Varint.unzigzag(code - 1);
    }
    String[] texts = new String[Varint.read(in)];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = s.readName(in);
    }
    return new FoldedCase(stream, events, first, before, region, (flags & 1) != 0, (flags & 2) != 0, finishedAt, next,
        clocks, agencyTimes, agencies, listed, watch, numbers, texts);
  }

  private static void writeEvents(Event[] events, DataOutputView out, StateCodec s) throws IOException {
    Varint.write(events.length, out);
    for (Event e : events) {
      EventSerializer.write(e, out, s);
    }
  }

  @Override
  public CaseState deserialize(DataInputView in) throws IOException {
    StateCodec s = codec();
    int format = readFormat(in, 1);
    CaseState st = new CaseState();
    st.accepted = readEvents(in, s, format);
    st.pending = readEvents(in, s, format);
    Fact[] emitted = new Fact[Varint.read(in)];
    for (int i = 0; i < emitted.length; i++) {
      emitted[i] = new Fact(s.readEnum(STREAMS, in), s.readEnum(KINDS, in), s.readName(in), s.readTime(in),
          s.readName(in), s.readName(in), in.readByte(), s.readTime(in));
    }
    st.emitted = emitted;
    if (format >= 3) {
      int n = Varint.read(in) - 1;
      if (n < 0) {
        st.watched = null;
      } else {
        st.watched = new long[2 * n];
        for (int i = 0; i < n; i++) {
          st.watched[2 * i] = s.readTime(in);
          st.watched[2 * i + 1] = Varint.read(in);
        }
      }
    } else {
      st.watched = null; // written before the 督办清单 was kept: what was sent is not known
    }
    st.cleanupAt = s.readTime(in);
    st.reached = s.readTime(in);
    st.next = s.readTime(in);
    int seen = Varint.read(in);
    st.seenIds = new String[seen];
    st.seenUntil = new long[seen];
    for (int i = 0; i < seen; i++) {
      st.seenIds[i] = s.readId(in);
      st.seenUntil[i] = s.readTime(in);
    }
    st.folded = format >= 4 ? readFolded(in, s) : null;
    return st;
  }

  private static Event[] readEvents(DataInputView in, StateCodec s, int format) throws IOException {
    Event[] events = new Event[Varint.read(in)];
    for (int i = 0; i < events.length; i++) {
      events[i] = format == 1 ? EventFormatV1.read(in, s) : EventSerializer.read(in, s);
    }
    return events;
  }
}
