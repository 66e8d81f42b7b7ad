package io.lawmonitor.events;

/**
 * An input record that could not be used, with a reason code (README, "The input"), a one-line
 * explanation, where it came from, and its text with personal data masked.
 */
public record DeadLetter(String reason, String detail, String origin, String raw, String eventId, String stream) {

  public static final String MALFORMED_JSON = "MALFORMED_JSON";
  public static final String MISSING_FIELD = "MISSING_FIELD";
  public static final String UNKNOWN_STREAM = "UNKNOWN_STREAM";
  public static final String UNKNOWN_TYPE = "UNKNOWN_TYPE";
  public static final String BAD_TIMESTAMP = "BAD_TIMESTAMP";
  /** A field present with a value outside its allowed set (e.g. satisfaction "GOOD"). */
  public static final String BAD_VALUE = "BAD_VALUE";
  public static final String FAR_FUTURE = "FAR_FUTURE";
  public static final String ILLEGAL_TRANSITION = "ILLEGAL_TRANSITION";
  public static final String TOO_LARGE = "TOO_LARGE";
  /** Bytes that are not text in the input's encoding (UTF-8 from Kafka; the declared one for files). */
  public static final String BAD_ENCODING = "BAD_ENCODING";
}
