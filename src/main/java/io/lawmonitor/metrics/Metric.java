package io.lawmonitor.metrics;

import io.lawmonitor.events.StreamKind;

/** The metrics of the README's "Metrics". Their names are stable API. */
public enum Metric {
  HOTLINE_RESPONSE_RATE("hotline.response_rate", "12345按时响应率", Kind.RATE, StreamKind.HOTLINE),
  HOTLINE_ONTIME_CLOSURE_RATE("hotline.ontime_closure_rate", "12345按期办结率", Kind.RATE, StreamKind.HOTLINE),
  HOTLINE_RESOLUTION_RATE("hotline.resolution_rate", "12345解决率", Kind.RATE, StreamKind.HOTLINE),
  HOTLINE_SATISFACTION_RATE("hotline.satisfaction_rate", "12345满意率", Kind.RATE, StreamKind.HOTLINE),
  HOTLINE_RECEIVED_COUNT("hotline.received_count", "12345受理件数", Kind.COUNT, StreamKind.HOTLINE),
  HOTLINE_CLOSED_COUNT("hotline.closed_count", "12345办结件数", Kind.COUNT, StreamKind.HOTLINE),
  HOTLINE_OPEN_CASES("hotline.open_cases", "12345在办件", Kind.GAUGE, StreamKind.HOTLINE),
  HOTLINE_OVERDUE_OPEN("hotline.overdue_open", "12345超期未办结", Kind.GAUGE, StreamKind.HOTLINE),
  ENFORCEMENT_ONTIME_DECISION_RATE("enforcement.ontime_decision_rate", "行政执法按期作出决定率", Kind.RATE, StreamKind.ENFORCEMENT),
  ENFORCEMENT_FILE_REVIEW_PASS_RATE("enforcement.file_review_pass_rate", "案卷评查合格率", Kind.RATE, StreamKind.ENFORCEMENT),
  ENFORCEMENT_NO_PENALTY_SHARE("enforcement.no_penalty_share", "免罚轻罚占比", Kind.RATE, StreamKind.ENFORCEMENT),
  ENFORCEMENT_TRANSFER_COUNT("enforcement.transfer_count", "移送案件数", Kind.COUNT, StreamKind.ENFORCEMENT),
  ENFORCEMENT_OPEN_CASES("enforcement.open_cases", "行政执法在办件", Kind.GAUGE, StreamKind.ENFORCEMENT),
  ENFORCEMENT_OVERDUE_OPEN("enforcement.overdue_open", "行政执法超期未办结", Kind.GAUGE, StreamKind.ENFORCEMENT),
  REVIEW_ACCEPTANCE_ONTIME_RATE("review.acceptance_ontime_rate", "行政复议受理审查按期率", Kind.RATE, StreamKind.REVIEW),
  REVIEW_ONTIME_DECISION_RATE("review.ontime_decision_rate", "行政复议按期审结率", Kind.RATE, StreamKind.REVIEW),
  REVIEW_CORRECTION_RATE("review.correction_rate", "行政复议纠错率", Kind.RATE, StreamKind.REVIEW),
  REVIEW_SETTLEMENT_RATE("review.settlement_rate", "行政复议调解和解率", Kind.RATE, StreamKind.REVIEW),
  REVIEW_OPEN_CASES("review.open_cases", "行政复议在办件", Kind.GAUGE, StreamKind.REVIEW),
  REVIEW_OVERDUE_OPEN("review.overdue_open", "行政复议超期未办结", Kind.GAUGE, StreamKind.REVIEW),
  /** People's mediation (人民调解); pre-litigation mediation has its own rate below. */
  MEDIATION_SUCCESS_RATE("mediation.success_rate", "人民调解成功率", Kind.RATE, StreamKind.MEDIATION),
  MEDIATION_PRELITIGATION_SUCCESS_RATE("mediation.prelitigation_success_rate", "诉前调解成功率", Kind.RATE, StreamKind.MEDIATION),
  MEDIATION_ONTIME_RATE("mediation.ontime_rate", "按期调结率", Kind.RATE, StreamKind.MEDIATION),
  MEDIATION_FULFILMENT_RATE("mediation.fulfilment_rate", "调解协议履行率", Kind.RATE, StreamKind.MEDIATION),
  MEDIATION_SATISFACTION_RATE("mediation.satisfaction_rate", "调解满意率", Kind.RATE, StreamKind.MEDIATION),
  MEDIATION_OPEN_CASES("mediation.open_cases", "调解在办件", Kind.GAUGE, StreamKind.MEDIATION),
  MEDIATION_OVERDUE_OPEN("mediation.overdue_open", "调解超期未办结", Kind.GAUGE, StreamKind.MEDIATION);

  /** A rate has a numerator and denominator; a count and a gauge carry a value only. */
  public enum Kind { RATE, COUNT, GAUGE }

  private final String id;
  private final String label;
  private final Kind kind;
  private final StreamKind stream;

  Metric(String id, String label, Kind kind, StreamKind stream) {
    this.id = id;
    this.label = label;
    this.kind = kind;
    this.stream = stream;
  }

  public String id() {
    return id;
  }

  /** The Chinese name used in alert summaries and the console. */
  public String label() {
    return label;
  }

  public Kind kind() {
    return kind;
  }

  public StreamKind stream() {
    return stream;
  }

  /** Every metric's id, in the order above. */
  public static final java.util.List<String> IDS = java.util.Arrays.stream(values()).map(Metric::id).toList();

  /**
   * The named metrics in the order above, each once.
   *
   * @throws IllegalArgumentException naming an id that is not a metric's
   */
  public static java.util.List<String> inOrder(java.util.Collection<String> ids) {
    for (String id : ids) {
      if (byId(id) == null) {
        throw new IllegalArgumentException("no metric '" + id + "' (the metrics: " + String.join(", ", IDS) + ")");
      }
    }
    return IDS.stream().filter(ids::contains).toList();
  }

  /** The metric with this id, or null. */
  public static Metric byId(String id) {
    return id == null ? null : BY_ID.get(id);
  }

  private static final java.util.Map<String, Metric> BY_ID =
      java.util.Arrays.stream(values()).collect(java.util.stream.Collectors.toUnmodifiableMap(Metric::id, m -> m));

  /** A stream's open-cases and overdue-open gauges, by the stream's ordinal. */
  private static final Metric[] OPEN = new Metric[StreamKind.values().length];
  private static final Metric[] OVERDUE = new Metric[StreamKind.values().length];

  static {
    for (StreamKind s : StreamKind.values()) {
      OPEN[s.ordinal()] = byId(s.wireName() + ".open_cases");
      OVERDUE[s.ordinal()] = byId(s.wireName() + ".overdue_open");
    }
  }

  /** The stream's gauge of cases open. */
  public static Metric openCases(StreamKind s) {
    return OPEN[s.ordinal()];
  }

  /** The stream's gauge of cases open past a deadline. */
  public static Metric overdueOpen(StreamKind s) {
    return OVERDUE[s.ordinal()];
  }
}
