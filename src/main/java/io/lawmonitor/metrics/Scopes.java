package io.lawmonitor.metrics;

import java.util.ArrayList;
import java.util.List;

/** The scopes a fact counts in: every region prefix (city, district, street), its agency, and all. */
public final class Scopes {
  private Scopes() {}

  public static final String CITY = "city";
  public static final String DISTRICT = "district";
  public static final String STREET = "street";
  public static final String AGENCY = "agency";
  public static final String ALL = "all";
  static final String[] REGION_LEVELS = {CITY, DISTRICT, STREET};

  public record Scope(String level, String name) {}

  public static List<Scope> of(String region, String agency) {
    List<Scope> out = new ArrayList<>(5);
    out.add(new Scope(ALL, ALL));
    if (region != null) {
      int level = 0;
      int from = 0;
      while (level < REGION_LEVELS.length) {
        int slash = region.indexOf('/', from);
        String prefix = slash < 0 ? region : region.substring(0, slash);
        out.add(new Scope(REGION_LEVELS[level], prefix));
        level++;
        if (slash < 0) {
          break;
        }
        from = slash + 1;
      }
    }
    if (agency != null) {
      out.add(new Scope(AGENCY, agency));
    }
    return out;
  }

  /** Every scope level, widest first. */
  public static final List<String> LEVELS = List.of(ALL, CITY, DISTRICT, STREET, AGENCY);

  /** Whether a name is a scope level. */
  public static boolean isLevel(String s) {
    return LEVELS.contains(s);
  }

  /** The levels among {@code names}, widest first; the first name that is not a level, in the exception's message. */
  public static List<String> inOrder(java.util.Collection<String> names) {
    for (String n : names) {
      if (!isLevel(n)) {
        throw new IllegalArgumentException("'" + n + "' is not one of " + String.join(", ", LEVELS));
      }
    }
    return LEVELS.stream().filter(names::contains).toList();
  }
}
