package io.lawmonitor.notify;

import io.lawmonitor.lifecycle.CaseWatch;
import java.util.List;

/**
 * A 督办清单 message: an agency's digest of its listed cases (the counts, and the most overdue
 * first, as many as a phone screen holds), or one case that has just become overdue.
 *
 * @param rule the case-watch rule that sent it
 * @param agency the agency it is about, or null
 * @param digest a digest, else one case become overdue
 */
public record CaseMessage(String rule, String agency, boolean digest, int overdue, int dueSoon, List<CaseWatch> cases) {
  public CaseMessage {
    cases = List.copyOf(cases);
  }
}
