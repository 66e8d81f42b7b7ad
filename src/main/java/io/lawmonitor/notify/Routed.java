package io.lawmonitor.notify;

import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.alerts.Subscriber;

/**
 * A transition on its way to one target (a subscriber, or one URL of an Alertmanager pair), with
 * the subscriber as the rules in force define it when the transition was made.
 */
public record Routed(Subscriber to, String target, int urlIndex, AlertRecord alert) {}
