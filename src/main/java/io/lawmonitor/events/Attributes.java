package io.lawmonitor.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;

/**
 * An event's {@code attrs} as a stream reads them: each reader validates one attribute and says
 * what is wrong with it in a dead letter's words. String values are masked in case a number hides
 * in them; attributes a stream does not read are never looked at, so personal data in them goes
 * no further.
 */
public final class Attributes {
  private final JsonNode node;

  public Attributes(JsonNode node) {
    this.node = node;
  }

  /** A bad attribute: the dead-letter reason code and what is wrong. */
  public static final class Invalid extends Exception {
    private final String reason;

    public Invalid(String reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }

  private String raw(String field) {
    JsonNode n = node.get(field);
    return n == null || n.isNull() || !n.isValueNode() ? null : n.asText();
  }

  /** Free text, trimmed and masked; null when absent or blank. */
  public String text(String field) {
    return clean(raw(field));
  }

  /** Trimmed and masked; null when blank. */
  public static String clean(String s) {
    if (s == null) {
      return null;
    }
    String t = s.trim();
    return t.isEmpty() ? null : PersonalData.mask(t);
  }

  /** One of the allowed codes (any case); absent: an error if required, else {@code dflt}. */
  public String oneOf(String field, Set<String> allowed, boolean required, String dflt) throws Invalid {
    String v = raw(field);
    if (v == null || v.isBlank()) {
      if (required) {
        throw new Invalid(DeadLetter.MISSING_FIELD, "no attrs." + field);
      }
      return dflt;
    }
    String u = v.trim().toUpperCase(Locale.ROOT);
    if (!allowed.contains(u)) {
      throw new Invalid(DeadLetter.BAD_VALUE,
          "attrs." + field + " '" + PersonalData.mask(v) + "' is not one of " + String.join(", ", allowed.stream().sorted().toList()));
    }
    return u;
  }

  /** true or false (a JSON boolean or the words); absent: an error if required, else null. */
  public Boolean bool(String field, boolean required) throws Invalid {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw new Invalid(DeadLetter.MISSING_FIELD, "no attrs." + field);
      }
      return null;
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    if (n.isTextual() && (n.asText().equalsIgnoreCase("true") || n.asText().equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(n.asText().toLowerCase(Locale.ROOT));
    }
    throw new Invalid(DeadLetter.BAD_VALUE, "attrs." + field + " is not true or false");
  }

  /** A whole number of days from 0 to {@code max}; absent: {@code dflt}. */
  public Integer days(String field, int dflt, int max) throws Invalid {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      return dflt;
    }
    if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 0 || n.asInt() > max) {
      throw new Invalid(DeadLetter.BAD_VALUE, "attrs." + field + " is not a whole number of days from 0 to " + max);
    }
    return n.asInt();
  }

  /** A number, or null when absent or not a number. */
  public Long number(String field) {
    JsonNode n = node.path(field);
    return n.isNumber() ? n.asLong() : null;
  }
}
