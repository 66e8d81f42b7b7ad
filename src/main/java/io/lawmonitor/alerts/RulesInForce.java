package io.lawmonitor.alerts;

import java.io.Serializable;
import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The rule set in force in a running job: the one it started with, until a validated new one
 * arrives on the broadcast stream of rule changes; then that one, kept in broadcast state (so in
 * every checkpoint) as the YAML it was read from. Each operator that needs the rules reads them
 * through one of these, which parses a new text once.
 */
public final class RulesInForce implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Broadcast state: "yaml" → the rules in force, "previous" → the ones before them. */
  public static final MapStateDescriptor<String, String> STATE =
      new MapStateDescriptor<>("rules-in-force", Types.STRING, Types.STRING);
  static final String CURRENT = "yaml";
  static final String PREVIOUS = "previous";

  private final RuleSet initial;
  private final List<String> windows;
  private transient String parsedText;
  private transient RuleSet parsed;
  private transient String previousText;
  private transient RuleSet previousParsed;

  public RulesInForce(RuleSet initial, List<String> windows) {
    this.initial = initial;
    this.windows = List.copyOf(windows);
  }

  public RuleSet current(ReadOnlyBroadcastState<String, String> state) throws Exception {
    String text = state.get(CURRENT);
    if (text == null) {
      return initial;
    }
    if (!text.equals(parsedText)) {
      parsed = parse(text);
      parsedText = text;
    }
    return parsed;
  }

  /** The rules before the last change (the initial ones if there was one change), or null. */
  public RuleSet previous(ReadOnlyBroadcastState<String, String> state) throws Exception {
    String text = state.get(PREVIOUS);
    if (text == null) {
      return state.get(CURRENT) == null ? null : initial;
    }
    if (!text.equals(previousText)) {
      previousParsed = parse(text);
      previousText = text;
    }
    return previousParsed;
  }

  /** A rule by id in the rules in force, else in those before them (a removed rule's last alerts). */
  public AlertRule rule(ReadOnlyBroadcastState<String, String> state, String id) throws Exception {
    AlertRule r = current(state).rule(id);
    if (r == null && previous(state) != null) {
      r = previous(state).rule(id);
    }
    return r;
  }

  public RuleSet parse(String text) {
    return RuleSet.parse(text, windows, "rules in force", System::getenv);
  }

  /** Puts a new rule set in force (already validated), keeping the one it replaces as the previous. */
  public static void swap(org.apache.flink.api.common.state.BroadcastState<String, String> state, String before, String after)
      throws Exception {
    if (before != null) {
      state.put(PREVIOUS, before);
    }
    state.put(CURRENT, after);
  }

  public String currentText(ReadOnlyBroadcastState<String, String> state) throws Exception {
    String text = state.get(CURRENT);
    return text != null ? text : initial.yaml();
  }
}
