package io.lawmonitor.lifecycle;

/**
 * What an outcome fact says; the detail field qualifies some of them. The first seven are every
 * stream's (clocks and gauges); the rest are the outcomes of the first four streams. A stream
 * added since says its outcomes with {@link #OUTCOME} and a detail of its own, so that adding a
 * stream leaves this list (and the savepoints that store its positions) as it is.
 */
public enum FactKind {
  /** A clock completed before its deadline; detail = clock. */
  ONTIME,
  /** A clock's deadline passed before completion; at the deadline; detail = clock. */
  OVERDUE,
  /** A clock completed after its deadline; detail = clock. */
  LATE_COMPLETION,
  /** Gauges: a case opened (+1 open) or ended (−1 open). */
  OPENED,
  ENDED,
  /** Gauges: a case began to be overdue while open, and stopped being so; detail = clock. */
  OVERDUE_BEGAN,
  OVERDUE_ENDED,
  /** Hotline CLOSED; detail = true/false. */
  RESOLVED,
  /** Hotline VISITED; detail = satisfaction. */
  RATED,
  REOPENED,
  /** Enforcement decision kind or review decision outcome; detail = the kind. */
  DECIDED,
  /** Enforcement FILE_REVIEWED; detail = PASS/DEFECTIVE, or DEFECTIVE_CORRECTED. */
  FILE_REVIEWED,
  /** Review intake decisions. */
  ACCEPTED,
  NOT_ACCEPTED,
  SETTLED,
  WITHDRAWN,
  /** Mediation; detail = SUCCESS/FAILED, prefixed PRE_ for pre-litigation mediation. */
  MEDIATED,
  /** Mediation agreement; detail = FULFILLED/UNFULFILLED. */
  FULFILMENT,
  /** Mediation FEEDBACK; detail = true/false. */
  FEEDBACK,
  /** A stream's own outcome; detail = what the stream's formulas read (e.g. HEAD_APPEARED). */
  OUTCOME
}
