package io.lawmonitor.support;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${NAME}} in a setting's value is replaced by the environment variable NAME, so that
 * passwords, JAAS lines and robot keys live in the environment (a Kubernetes Secret, a systemd
 * credential) and not in a file; {@code $${} stands for a literal {@code ${}. A variable that is
 * not set is an error naming the variable, never a silently empty password.
 */
public final class Placeholders {
  private Placeholders() {}

  private static final Pattern REF = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  /**
   * @param env the environment (System::getenv)
   * @param where names the setting, for the error
   * @throws IllegalArgumentException naming the setting and the missing variable
   */
  public static String expand(String value, Function<String, String> env, String where) {
    if (value == null || !value.contains("${")) {
      return value;
    }
    Matcher m = REF.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group(1) == null) {
        replacement = "${";
      } else {
        replacement = env.apply(m.group(1));
        if (replacement == null) {
          throw new IllegalArgumentException(where + ": environment variable " + m.group(1) + " is not set");
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    if (out.indexOf("${") >= 0 && !value.contains("$${")) {
      throw new IllegalArgumentException(where + ": '${' must be followed by an environment variable's name and '}'");
    }
    return out.toString();
  }
}
