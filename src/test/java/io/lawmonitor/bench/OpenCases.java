package io.lawmonitor.bench;

import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.events.EventParser;
import io.lawmonitor.events.RawEvent;
import io.lawmonitor.job.MonitorConfig;
import io.lawmonitor.lifecycle.CaseLifecycleFunction;
import io.lawmonitor.lifecycle.DedupFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.storage.JobManagerCheckpointStorage;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * The state an open case costs: {@code n} 12345 cases received, assigned and responded to (three
 * events each, not yet closed) go through the real dedup and case-lifecycle operators, and a
 * snapshot of each operator's keyed state (values, dedup entries and timers) is taken on heap
 * state and on RocksDB. Its size over {@code n} is the bytes a case adds to a checkpoint.
 */
final class OpenCases {
  private OpenCases() {}

  /** What a snapshot of {@code n} open cases holds. */
  record Size(String backend, long cases, long dedupBytes, long lifecycleBytes) {
    long perCase() {
      return (dedupBytes + lifecycleBytes) / Math.max(1, cases);
    }
  }

  static Size measure(long n, String backend) throws Exception {
    MonitorConfig c = MonitorConfig.defaults();
    long inputEnd = Long.MAX_VALUE - 1;
    long dedupBytes;
    long lifecycleBytes;
    try (var dedup = harness(new KeyedProcessOperator<>(new DedupFunction(c.allowedLateness().toMillis(),
            c.dedupRetention().toMillis())), backend);
        var lifecycle = harness(new KeyedProcessOperator<>(new CaseLifecycleFunction(c.lifecycle(), WorkCalendar.bundled(),
            inputEnd)), backend)) {
      EventParser parser = new EventParser(c.maxEventBytes());
      long t0 = EventJson.parseTime("2026-11-02T09:00:00+08:00");
      long last = t0;
      for (long i = 0; i < n; i++) {
        long t = t0 + i * 30_000L / Math.max(1, n / 10_000); // spread over a few hours
        String id = String.format("HL-20261102-%07d", i);
        for (String[] step : new String[][] {{"RECEIVED", "0", "宜昌市12345政务服务便民热线", "{\"kind\":\"HELP\",\"urgency\":\"NORMAL\"}"},
            {"ASSIGNED", "1800000", "宜昌市市场监督管理局", "{\"agency\":\"宜昌市市场监督管理局\"}"},
            {"RESPONDED", "7200000", "宜昌市市场监督管理局", "{}"}}) {
          long at = t + Long.parseLong(step[1]);
          last = Math.max(last, at);
          String json = "{\"eventId\":\"" + id + "-" + step[0] + "\",\"stream\":\"hotline\",\"caseId\":\"" + id
              + "\",\"type\":\"" + step[0] + "\",\"eventTime\":\"" + EventJson.time(at)
              + "\",\"region\":\"宜昌市/西陵区/云集街道\",\"agency\":\"" + step[2] + "\",\"attrs\":" + step[3] + "}";
          Event e = parser.parse(new RawEvent(json, "bench", json.length())).event();
          dedup.processElement(new StreamRecord<>(e, at));
          lifecycle.processElement(new StreamRecord<>(e, at));
        }
      }
      dedup.processWatermark(last);
      lifecycle.processWatermark(last);
      dedupBytes = size(dedup.snapshot(1, last));
      lifecycleBytes = size(lifecycle.snapshot(1, last));
    }
    return new Size(backend, n, dedupBytes, lifecycleBytes);
  }

  private static long size(OperatorSubtaskState s) {
    return s.getStateSize();
  }

  private static <O> KeyedOneInputStreamOperatorTestHarness<String, Event, O> harness(
      KeyedProcessOperator<String, Event, O> op, String backend) throws Exception {
    var h = new KeyedOneInputStreamOperatorTestHarness<>(op, Event::caseKey, Types.STRING);
    StateBackend b = backend.equals("rocksdb") ? new EmbeddedRocksDBStateBackend(false) : new HashMapStateBackend();
    h.setStateBackend(b);
    h.setCheckpointStorage(new JobManagerCheckpointStorage(Integer.MAX_VALUE)); // a million cases are more than its 5 MB default
    h.open();
    return h;
  }
}
