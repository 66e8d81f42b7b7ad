package io.lawmonitor.events;

/**
 * An event older than the allowed lateness when it arrived: kept, counted, not used. The event
 * itself (personal data already removed) and how far behind the watermark it was.
 */
public record LateEvent(Event event, long watermark, long lateByMillis) {}
