package io.lawmonitor.events;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data: the named fields the README lists under "The input", and any mainland mobile number or
 * ID-card number wherever it appears. Masking keeps the shape so a reader can still see what
 * kind of value was there ({@code 138****1234}, {@code 420502********123X}).
 */
public final class PersonalData {
  private PersonalData() {}

  /** Attribute names whose values are personal data whatever they hold. */
  public static final Set<String> NAMED_FIELDS =
      Set.of("callerName", "callerPhone", "idNumber", "address", "partyNames");

  private static final Pattern ID_CARD = Pattern.compile("(?<!\\d)(\\d{6})\\d{8}(\\d{3}[\\dXx])(?!\\d)");
  private static final Pattern MOBILE = Pattern.compile("(?<!\\d)(1[3-9]\\d)\\d{4}(\\d{4})(?!\\d)");
  /** A named personal field in raw JSON text, with a string, array or bare value. */
  private static final Pattern NAMED_IN_JSON = Pattern.compile(
      "\"(callerName|callerPhone|idNumber|address|partyNames)\"\\s*:\\s*"
          + "(\"(?:[^\"\\\\]|\\\\.)*\"|\\[[^\\]]*\\]|[^,}\\]\\s]+)");

  /** Masks mobile and ID-card numbers in a value; null stays null. */
  public static String mask(String value) {
    if (value == null || !hasDigitRun(value, 11)) {
      return value; // neither a mobile (11 digits) nor an ID-card number (17 and a check character) is there
    }
    String s = ID_CARD.matcher(value).replaceAll("$1********$2");
    return MOBILE.matcher(s).replaceAll("$1****$2");
  }

  private static boolean hasDigitRun(String s, int length) {
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++run >= length) {
          return true;
        }
      } else {
        run = 0;
      }
    }
    return false;
  }

  public static boolean holdsPersonalNumber(String value) {
    return value != null && (ID_CARD.matcher(value).find() || MOBILE.matcher(value).find());
  }

  /** Masks raw input text for a dead letter: named fields blanked, numbers masked. */
  public static String maskRaw(String raw) {
    if (raw == null) {
      return null;
    }
    Matcher m = NAMED_IN_JSON.matcher(raw);
    String s = m.replaceAll("\"$1\":\"***\"");
    return mask(s);
  }
}
