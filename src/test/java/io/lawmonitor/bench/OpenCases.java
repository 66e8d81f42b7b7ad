package io.lawmonitor.bench;

import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.parse.EventParser;
import io.lawmonitor.events.RawEvent;
import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.cases.CaseLifecycleFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import java.nio.file.Files;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * The state an open case costs: {@code n} 12345 cases received, assigned and responded to (three
 * events each, not yet closed) go through the real case-lifecycle operator (which also remembers
 * their eventIds), and a snapshot of its keyed state (values and timers) is taken on heap state and
 * on RocksDB. Its size over {@code n} is the bytes a case adds to a checkpoint. A tenth of the
 * cases were received a week before the others and are overdue by then (on the 督办清单, each after
 * its DUE_SOON and OVERDUE records): the records the operator sends are counted.
 */
final class OpenCases {
  private OpenCases() {}

  /** What a snapshot of {@code n} open cases holds. */
  record Size(String backend, long cases, long bytes, long overdue, long watchRecords, long events) {
    long perCase() {
      return bytes / Math.max(1, cases);
    }
  }

  private static final long[] OFFSETS = {0, 1_800_000L, 7_200_000L};
  private static final String[][] STEPS = {
      {"RECEIVED", "宜昌市12345政务服务便民热线", "{\"kind\":\"HELP\",\"urgency\":\"NORMAL\"}"},
      {"ASSIGNED", "宜昌市市场监督管理局", "{\"agency\":\"宜昌市市场监督管理局\"}"},
      {"RESPONDED", "宜昌市市场监督管理局", "{}"}};

  /** Whether snapshots are compressed, as flink-conf/config.yaml has it (the harness does not read that file). */
  static final boolean SNAPSHOT_COMPRESSION = java.nio.file.Files.isDirectory(java.nio.file.Path.of("flink-conf"))
      && org.apache.flink.configuration.GlobalConfiguration.loadConfiguration("flink-conf")
          .get(org.apache.flink.configuration.ExecutionOptions.SNAPSHOT_COMPRESSION);

  static Size measure(long n, String backend) throws Exception {
    MonitorConfig c = MonitorConfig.defaults();
    long inputEnd = Long.MAX_VALUE - 1;
    long bytes;
    long watch = 0;
    java.nio.file.Path snapshots = Files.createTempDirectory("open-cases");
    try (var lifecycle = harness(new io.lawmonitor.runtime.HeldSteps<>(new CaseLifecycleFunction(c.lifecycle(),
        WorkCalendar.bundled(), inputEnd, c.allowedLateness().toMillis(), c.dedupRetention().toMillis())), backend, snapshots)) {
      EventParser parser = new EventParser(c.maxEventBytes());
      long t0 = EventJson.parseTime("2026-11-02T09:00:00+08:00");
      long spacing = Math.max(1, 8 * 3_600_000L / n); // the cases open over eight hours
      // the three events of every case, in time order: [time, case, step], the watermark following
      long[][] steps = new long[(int) n * 3][];
      long week = 7 * 86_400_000L;
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < 3; k++) {
          steps[i * 3 + k] = new long[] {t0 + i * spacing + OFFSETS[k] - (i % 10 == 0 ? week : 0), i, k};
        }
      }
      java.util.Arrays.sort(steps, java.util.Comparator.comparingLong(x -> x[0]));
      long last = t0;
      long watermark = Long.MIN_VALUE;
      for (long[] step : steps) {
        String id = String.format("HL-20261102-%07d", step[1]);
        String[] what = STEPS[(int) step[2]];
        long at = step[0];
        last = at;
        String json = "{\"eventId\":\"" + id + "-" + what[0] + "\",\"stream\":\"hotline\",\"caseId\":\"" + id
            + "\",\"type\":\"" + what[0] + "\",\"eventTime\":\"" + EventJson.time(at)
            + "\",\"region\":\"宜昌市/西陵区/云集街道\",\"agency\":\"" + what[1] + "\",\"attrs\":" + what[2] + "}";
        Event e = parser.parse(new RawEvent(json, "bench", json.length())).event();
        lifecycle.processElement(new StreamRecord<>(e, at));
        if (at - 60_000L > watermark + 60_000L) { // the watermark a minute behind, moving each minute
          watermark = at - 60_000L;
          lifecycle.processWatermark(watermark);
          lifecycle.getOutput().clear(); // what it emits is not measured: kept, a million cases' would fill the heap
          watch = counted(lifecycle, watch);
        }
      }
      lifecycle.processWatermark(last);
      watch = counted(lifecycle, watch);
      lifecycle.prepareSnapshotPreBarrier(1); // as a task does before every checkpoint
      bytes = size(lifecycle.snapshot(1, last));
    } finally {
      try (var files = Files.walk(snapshots)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    long overdue = (n + 9) / 10;
    return new Size(backend, n, bytes, overdue, watch, 3 * n);
  }

  /** Counts the 督办清单 records sent since the last count, and lets them go. */
  private static long counted(KeyedOneInputStreamOperatorTestHarness<String, Event, ?> h, long before) {
    var q = h.getSideOutput(CaseLifecycleFunction.CASE_WATCH);
    long n = q == null ? 0 : q.size();
    if (q != null) {
      q.clear();
    }
    return before + n;
  }

  private static long size(OperatorSubtaskState s) {
    return s.getStateSize();
  }

  private static <O> KeyedOneInputStreamOperatorTestHarness<String, Event, O> harness(
      KeyedProcessOperator<String, Event, O> op, String backend, java.nio.file.Path snapshots) throws Exception {
    var h = new KeyedOneInputStreamOperatorTestHarness<>(op, Event::caseKey, Types.STRING);
    StateBackend b = new HashMapStateBackend();
    if (backend.equals("rocksdb")) {
      EmbeddedRocksDBStateBackend r = new EmbeddedRocksDBStateBackend(false);
      // the test harness's memory manager is a few megabytes: RocksDB sized from it would stall on every write
      r.getMemoryConfiguration().setUseManagedMemory(false);
      b = r;
    }
    h.setStateBackend(b);
    h.getExecutionConfig().setUseSnapshotCompression(SNAPSHOT_COMPRESSION);
    // to files, as on a cluster (a million cases are more than memory-backed storage takes)
    h.setCheckpointStorage(new FileSystemCheckpointStorage(snapshots.toUri()));
    h.open();
    return h;
  }
}
