package io.lawmonitor.notify;

import io.lawmonitor.alerts.AlertRecord;

/** A transition on its way to one target (a subscriber, or one URL of an Alertmanager pair). */
public record Routed(String subscriber, String target, int urlIndex, AlertRecord alert) {}
