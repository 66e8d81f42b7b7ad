package io.lawmonitor.alerts;

import java.io.Serializable;
import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The rule set in force in a running job: the one it started with, until a validated new one
 * arrives on the broadcast stream of rule changes; then that one, kept in broadcast state (so in
 * every checkpoint) as the YAML it was read from. A restart with the same rules file carries on
 * with the rules in force; a restart with another file puts that file in force (an upgrade's new
 * rules are not overridden by older changes in the checkpoint). Each operator that needs the
 * rules reads them through one of these, which parses a new text once.
 */
public final class RulesInForce implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Broadcast state: "yaml" → the rules in force, "previous" → the ones before them. */
  public static final MapStateDescriptor<String, String> STATE =
      new MapStateDescriptor<>("rules-in-force", Types.STRING, Types.STRING);
  static final String CURRENT = "yaml";
  static final String PREVIOUS = "previous";
  /** The rules file the run that made the change started with. */
  static final String STARTED = "started-with";

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
    String text = changed(state) ? state.get(CURRENT) : null;
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
    if (!changed(state)) {
      return null;
    }
    String text = state.get(PREVIOUS);
    if (text == null) {
      return initial;
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

  /** Whether a change made since this run's rules file was read is in force. */
  private boolean changed(ReadOnlyBroadcastState<String, String> state) throws Exception {
    return state.get(CURRENT) != null && java.util.Objects.equals(state.get(STARTED), startedWith(initial));
  }

  private static String startedWith(RuleSet initial) {
    return initial.yaml() == null ? "" : initial.yaml();
  }

  public RuleSet parse(String text) {
    return RuleSet.parse(text, windows, "rules in force", System::getenv);
  }

  /** Puts a new rule set in force (already validated), keeping the one it replaces as the previous. */
  public void swap(org.apache.flink.api.common.state.BroadcastState<String, String> state, String after) throws Exception {
    String before = changed(state) ? state.get(CURRENT) : initial.yaml();
    if (before != null) {
      state.put(PREVIOUS, before);
    } else {
      state.remove(PREVIOUS);
    }
    state.put(CURRENT, after);
    state.put(STARTED, startedWith(initial));
  }
}
