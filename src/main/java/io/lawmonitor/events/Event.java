package io.lawmonitor.events;

import java.util.Comparator;
import java.util.Objects;

/**
 * One validated input event with personal data removed. The attributes of all types sit side
 * by side; each type fills the ones the README gives it ("The input") and leaves the rest null. A POJO so that
 * Flink serializes it without Kryo.
 */
public class Event {
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

  // hotline
  public String channel;
  public String category;
  /** NORMAL or URGENT. */
  public String urgency;
  /** CONSULT, HELP, COMPLAINT or PROPOSAL. */
  public String kind;
  /** EXTENDED: working days (hotline) or days (enforcement, review). */
  public Integer extension;
  public Boolean resolved;
  /** SATISFIED, BASICALLY_SATISFIED, DISSATISFIED or UNREACHABLE. */
  public String satisfaction;

  // enforcement and review
  /** Enforcement FILED: GENERAL or SIMPLE; review ACCEPTED: NORMAL or SIMPLIFIED. */
  public String procedure;
  public String lawArea;
  /** Enforcement DECIDED: PENALTY, NO_PENALTY, EXEMPT_FIRST_OFFENCE, TRANSFERRED or DISMISSED. */
  public String decision;
  public Long fineYuan;
  /** FILE_REVIEWED: PASS or DEFECTIVE; MEDIATED: SUCCESS or FAILED. */
  public String result;
  public Boolean corrected;
  /** Review DECIDED: UPHELD, REVOKED, ALTERED, CONFIRMED_ILLEGAL, ORDERED_TO_PERFORM or DISMISSED. */
  public String outcome;
  /** Review SETTLED: MEDIATION or RECONCILIATION. */
  public String how;

  // mediation
  public String disputeType;
  public Boolean preLitigation;
  public String committee;
  public Boolean satisfied;

  // litigation
  /** FILED: the court the suit is before, and what the suit is about. */
  public String court;
  public String matter;
  /** HEARD: whether the agency's head (or a deputy) appeared in person. */
  public Boolean headAppeared;

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
    c.channel = channel;
    c.category = category;
    c.urgency = urgency;
    c.kind = kind;
    c.extension = extension;
    c.resolved = resolved;
    c.satisfaction = satisfaction;
    c.procedure = procedure;
    c.lawArea = lawArea;
    c.decision = decision;
    c.fineYuan = fineYuan;
    c.result = result;
    c.corrected = corrected;
    c.outcome = outcome;
    c.how = how;
    c.disputeType = disputeType;
    c.preLitigation = preLitigation;
    c.committee = committee;
    c.satisfied = satisfied;
    c.court = court;
    c.matter = matter;
    c.headAppeared = headAppeared;
    c.origin = origin;
    c.lateWatermark = lateWatermark;
    c.laneWatermark = laneWatermark;
    return c;
  }

  /**
   * What a case keeps of an event it has taken in: the fields its clocks and outcomes read. Not
   * the source position, the case id its state is keyed by, the attributes nothing derives from
   * (channel, category, law area, fine, dispute type, court, matter) nor the watermarks it arrived with.
   */
  public Event forCase() {
    if (origin == null && caseId == null && channel == null && category == null && lawArea == null && fineYuan == null
        && disputeType == null && court == null && matter == null && lateWatermark == Long.MIN_VALUE && laneWatermark == Long.MIN_VALUE) {
      return this;
    }
    Event c = copy();
    c.origin = null;
    c.caseId = null;
    c.channel = null;
    c.category = null;
    c.lawArea = null;
    c.fineYuan = null;
    c.disputeType = null;
    c.court = null;
    c.matter = null;
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
        && Objects.equals(agency, e.agency) && Objects.equals(channel, e.channel)
        && Objects.equals(category, e.category) && Objects.equals(urgency, e.urgency)
        && Objects.equals(kind, e.kind) && Objects.equals(extension, e.extension)
        && Objects.equals(resolved, e.resolved) && Objects.equals(satisfaction, e.satisfaction)
        && Objects.equals(procedure, e.procedure) && Objects.equals(lawArea, e.lawArea)
        && Objects.equals(decision, e.decision) && Objects.equals(fineYuan, e.fineYuan)
        && Objects.equals(result, e.result) && Objects.equals(corrected, e.corrected)
        && Objects.equals(outcome, e.outcome) && Objects.equals(how, e.how)
        && Objects.equals(disputeType, e.disputeType) && Objects.equals(preLitigation, e.preLitigation)
        && Objects.equals(committee, e.committee) && Objects.equals(satisfied, e.satisfied)
        && Objects.equals(court, e.court) && Objects.equals(matter, e.matter) && Objects.equals(headAppeared, e.headAppeared)
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
