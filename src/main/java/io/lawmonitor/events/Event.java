package io.lawmonitor.events;

import java.lang.reflect.Type;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * One validated input event with personal data removed: the header every event has, and its
 * stream's attributes as a record of that stream's package ({@link EventAttributes}). Serialized by
 * {@link EventSerializer} wherever it goes, alone or as a field of another record ({@link Info}).
 */
@TypeInfo(Event.Info.class)
public class Event {
  /** Flink's type of an event: {@link EventSerializer#info()}. */
  public static final class Info extends TypeInfoFactory<Event> {
    @Override
    public TypeInformation<Event> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
      return EventSerializer.info();
    }
  }

  /** Event-time order within a case: time, then lifecycle order of the type, then id. */
  public static final Comparator<Event> CASE_ORDER = Comparator.<Event>comparingLong(e -> e.eventTime)
      .thenComparingInt(e -> e.type.rank())
      .thenComparing(e -> e.eventId);

  public String eventId;
  public StreamKind stream;
  public String caseId;
  public EventType type;
  /** Epoch milliseconds. */
  public long eventTime;
  /** City/district/street, 1–3 levels; null when the event did not say. */
  public String region;
  public String agency;

  /** What the event says beyond this header: its stream's typed record, or null when it says nothing more. */
  public EventAttributes attrs;

  /** Where the event came from: file:line or topic/partition@offset. */
  public String origin;
  /**
   * The watermark the event was behind when it arrived (inside the allowed lateness), or
   * Long.MIN_VALUE for an event in time. Decided once, where the input is still in read order,
   * and carried to the windows: a window that had closed by then gets the event as a revision.
   */
  public long lateWatermark = Long.MIN_VALUE;
  /**
   * For an event read from a Kafka partition: that partition's own watermark when the event was
   * read (its latest event time before this one, less the out-of-orderness), else Long.MIN_VALUE.
   * Kafka keeps order only within a partition, so whether an event is late or a revision is
   * judged against its partition: the same on every run, however the reader interleaved them.
   */
  public long laneWatermark = Long.MIN_VALUE;

  public Event() {}

  /** A copy of every field (an operator that keeps an event it was given keeps a copy: the runtime may reuse the object). */
  public Event copy() {
    Event c = new Event();
    c.eventId = eventId;
    c.stream = stream;
    c.caseId = caseId;
    c.type = type;
    c.eventTime = eventTime;
    c.region = region;
    c.agency = agency;
    c.attrs = attrs;
    c.origin = origin;
    c.lateWatermark = lateWatermark;
    c.laneWatermark = laneWatermark;
    return c;
  }

  /**
   * What a case keeps of an event it has taken in: the fields its clocks and outcomes read. Not
   * the source position, the case id its state is keyed by, the attributes nothing derives from
   * ({@link EventAttributes#forCase}) nor the watermarks it arrived with.
   */
  public Event forCase() {
    EventAttributes kept = attrs == null ? null : attrs.forCase();
    if (origin == null && caseId == null && kept == attrs && lateWatermark == Long.MIN_VALUE
        && laneWatermark == Long.MIN_VALUE) {
      return this;
    }
    Event c = copy();
    c.origin = null;
    c.caseId = null;
    c.attrs = kept;
    c.lateWatermark = Long.MIN_VALUE;
    c.laneWatermark = Long.MIN_VALUE;
    return c;
  }

  public String caseKey() {
    return stream.wireName() + "|" + caseId;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Event e)) {
      return false;
    }
    return eventTime == e.eventTime && Objects.equals(eventId, e.eventId) && stream == e.stream
        && Objects.equals(caseId, e.caseId) && type == e.type && Objects.equals(region, e.region)
        && Objects.equals(agency, e.agency) && Objects.equals(attrs, e.attrs)
        && Objects.equals(origin, e.origin);
  }

  @Override
  public int hashCode() {
    return Objects.hash(eventId, stream, caseId, type, eventTime);
  }

  @Override
  public String toString() {
    return stream + "/" + caseId + "/" + type + "@" + eventTime + "#" + eventId;
  }
}
