package io.lawmonitor.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lawmonitor.Fixtures;
import io.lawmonitor.alerts.AlertStatus;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.ParseOperator;
import io.lawmonitor.events.RawEvent;
import io.lawmonitor.events.RunCounts;
import io.lawmonitor.events.StreamKind;
import io.lawmonitor.lifecycle.CaseState;
import io.lawmonitor.lifecycle.CaseStateSerializer;
import io.lawmonitor.lifecycle.Fact;
import io.lawmonitor.lifecycle.FactKind;
import io.lawmonitor.metrics.MetricRecord;
import io.lawmonitor.metrics.MetricState;
import io.lawmonitor.metrics.MetricStateSerializer;
import io.lawmonitor.streams.hotline.HotlineAttributes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshotSerializationUtil;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Savepoints stay restorable: for every type the job keeps in state, the serializer snapshot and
 * a value written by the version that recorded them (src/test/resources/state-snapshots/) must
 * still be readable by today's serializer, as-is or after Flink's own migration. A change to a
 * state class that would break restoring an old savepoint (a field's type changed, a class
 * renamed) fails here. When such a change is meant, it needs a migration and a new uid or
 * state name. Adding a field is fine (Flink migrates it, and this test reads the old layout). A
 * new state type is recorded with {@code mvn test -Dtest=StateCompatibilityTest
 * -Dstate.snapshots.write=true}, which writes only the files that are missing; commit them.
 */
class StateCompatibilityTest {
  static final Path DIR = Path.of("src/test/resources/state-snapshots");
  static final ObjectMapper JSON = new ObjectMapper()
      .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
      .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);

  record Sample(String name, TypeInformation<?> type, Object value) {}

  static Stream<Arguments> states() {
    Event received = Fixtures.hotline("HL-S1").received("2026-10-12T09:00").attr("kind", "HELP").event();
    CaseState cs = new CaseState();
    cs.accepted = new Event[] {received};
    cs.emitted = new Fact[] {new Fact(StreamKind.HOTLINE, FactKind.values()[0], "HELP", 1_790_000_000_000L,
        Fixtures.REGION, Fixtures.AGENCY, 1)};
    cs.cleanupAt = 1_790_100_000_000L;
    cs.reached = 1_790_000_000_000L;
    // the same case as the state written by hand keeps it, with what was added since
    CaseState byHand = new CaseState();
    Event assigned = Fixtures.hotline("HL-S1").event("ASSIGNED", "2026-10-12T10:00").event();
    assigned.origin = "hotline.jsonl:2";
    assigned.lateWatermark = 1_790_000_100_000L;
    byHand.accepted = new Event[] {received.forCase()};
    byHand.pending = new Event[] {assigned};
    byHand.emitted = new Fact[] {cs.emitted[0], new Fact(StreamKind.HOTLINE, FactKind.OPENED, null, 1_790_000_000_000L,
        Fixtures.REGION, Fixtures.AGENCY, -1, 1_790_000_100_000L)};
    byHand.cleanupAt = cs.cleanupAt;
    byHand.reached = cs.reached;
    byHand.next = 1_790_050_000_000L;
    byHand.seenIds = new String[] {received.eventId, assigned.eventId};
    byHand.seenUntil = new long[] {1_790_600_000_000L, 1_790_700_000_000L};
    // and with the 督办清单 records it has sent (format 3)
    CaseState withList = new CaseStateSerializer().copy(byHand);
    withList.watched = new long[] {1_790_040_000_000L, 1L << 3, 1_790_050_000_000L, 1L << 3 | 1};
    // and with its oldest events folded into its clocks (format 4)
    CaseState folded = new CaseStateSerializer().copy(withList);
    folded.folded = new io.lawmonitor.cases.CaseMachine(io.lawmonitor.cases.LifecycleSettings.defaults(),
        new io.lawmonitor.calendar.Deadlines(io.lawmonitor.calendar.WorkCalendar.bundled()))
        .fold(StreamKind.HOTLINE, null, java.util.List.of(received.forCase()), assigned.eventTime, assigned.eventTime,
            Long.MAX_VALUE).folded();
    folded.accepted = new Event[0];
    MetricState ms = new MetricState();
    ms.emEnds = new long[] {1_790_000_000_000L};
    ms.emKinds = new byte[] {1};
    ms.emRevisions = new int[] {2};
    ms.emNums = new long[] {3};
    ms.emDens = new long[] {4};
    MetricState msByHand = new MetricState();
    msByHand.hours = new long[] {1_789_996_400_000L, 1_790_000_000_000L};
    msByHand.nums = new long[] {3, 4};
    msByHand.dens = new long[] {5, 6};
    msByHand.gaugeBase = 7;
    msByHand.emEnds = ms.emEnds;
    msByHand.emKinds = ms.emKinds;
    msByHand.emRevisions = ms.emRevisions;
    msByHand.emNums = ms.emNums;
    msByHand.emDens = ms.emDens;
    msByHand.calStarts = new long[] {1_789_920_000_000L};
    msByHand.calKinds = new byte[] {4};
    msByHand.calNums = new long[] {8};
    msByHand.calDens = new long[] {9};
    msByHand.dirty = new long[] {1_789_996_400_000L};
    msByHand.lateHours = new long[] {1_789_992_800_000L};
    msByHand.lateNums = new long[] {1};
    msByHand.lateDens = new long[] {1};
    msByHand.lateWatermarks = new long[] {1_790_000_300_000L};
    MetricRecord mr = new MetricRecord("hotline.satisfaction_rate", "sliding_24h", 1_789_913_600_000L, 1_790_000_000_000L,
        "district", "宜昌市/西陵区", 997L, 1000L, 0.997, 0.9912, 0.999, 0, "live");
    io.lawmonitor.alerts.AlertRecord alert = new io.lawmonitor.alerts.AlertRecord("3f2a", "r", "FIRING", "critical",
        "hotline.satisfaction_rate", "sliding_24h", "district", "宜昌市/西陵区", 0.89, 367L, 412L, 0.856, 0.917, 0.95,
        1_789_990_000_000L, 1_790_000_000_000L, "宜昌市/西陵区 12345满意率 89.1%（412件）低于 95%", "live");
    return Stream.of(
        new Sample("dedup.seenUntil", Types.LONG, 1_790_000_000_000L),
        new Sample("case-lifecycle.case", CaseStateSerializer.info(), cs),
        new Sample("case-lifecycle.case-by-hand", CaseStateSerializer.info(), byHand),
        new Sample("case-lifecycle.case-typed-attributes", CaseStateSerializer.info(), byHand),
        new Sample("case-lifecycle.case-watched", CaseStateSerializer.info(), withList),
        new Sample("case-lifecycle.case-folded", CaseStateSerializer.info(), folded),
        new Sample("windowed-metrics.windows", MetricStateSerializer.info(), ms),
        new Sample("windowed-metrics.windows-by-hand", MetricStateSerializer.info(), msByHand),
        new Sample("alerts.history", Types.POJO(MetricRecord.class), mr),
        new Sample("alerts.status", Types.POJO(AlertStatus.class), new AlertStatus(AlertStatus.FIRING, 2, 1_790_000_000_000L)),
        new Sample("parse.suspect", TypeInformation.of(RawEvent.class),
            new RawEvent("{\"eventId\":\"x\"}", "law.hotline.events/0@7", 16)),
        new Sample("parse.lane-reached", TypeInformation.of(ParseOperator.LaneTime.class),
            new ParseOperator.LaneTime("law.hotline.events/0", 1_790_000_000_000L)),
        new Sample("run-counts", TypeInformation.of(RunCounts.Count.class), new RunCounts.Count("eventsRead", 42L)),
        new Sample("notify-batch.waiting", TypeInformation.of(io.lawmonitor.alerts.AlertRecord.class), alert),
        new Sample("notify-batch.to", TypeInformation.of(io.lawmonitor.alerts.Subscriber.class),
            new io.lawmonitor.alerts.Subscriber("wecom", "wecom", java.util.List.of("https://qyapi.weixin.qq.com/x"),
                java.util.Map.of("X-Team", "legal"), null, 20)),
        new Sample("notify-deliver.in-flight", TypeInformation.of(io.lawmonitor.notify.Notification.class),
            new io.lawmonitor.notify.Notification(new io.lawmonitor.alerts.Subscriber("am", "alertmanager",
                java.util.List.of("http://am-0:9093/api/v2/alerts", "http://am-1:9093/api/v2/alerts"), java.util.Map.of(), null, 0),
                "am#1", 1, "ALERTS", alert.at(), java.util.List.of(alert),
                io.lawmonitor.notify.Notification.keyOf(alert))))
        .map(s -> Arguments.of(s.name(), s));
  }

  /** Every value recorded is still there (fields added since may have joined, with their defaults). */
  static void assertRecordedValuesKept(String path, JsonNode recorded, JsonNode now) {
    if (recorded.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = recorded.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (now.has(f.getKey())) {
          assertRecordedValuesKept(path + "." + f.getKey(), f.getValue(), now.get(f.getKey()));
        }
      }
    } else if (recorded.isArray()) {
      assertThat(now.size()).as(path + " length").isEqualTo(recorded.size());
      for (int i = 0; i < recorded.size(); i++) {
        assertRecordedValuesKept(path + "[" + i + "]", recorded.get(i), now.get(i));
      }
    } else {
      assertThat(now).as(path).isEqualTo(recorded);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @ParameterizedTest(name = "{0}")
  @MethodSource("states")
  void oldSavepointStateIsReadableByTodaysSerializer(String name, Sample s) throws Exception {
    TypeSerializer serializer = s.type().createSerializer(new SerializerConfigImpl());
    Path file = DIR.resolve(name + ".bin");
    if (Boolean.getBoolean("state.snapshots.write") && !Files.exists(file)) {
      Files.createDirectories(DIR);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputViewStreamWrapper out = new DataOutputViewStreamWrapper(bytes);
      TypeSerializerSnapshotSerializationUtil.writeSerializerSnapshot(out, serializer.snapshotConfiguration());
      ByteArrayOutputStream value = new ByteArrayOutputStream();
      serializer.serialize(s.value(), new DataOutputViewStreamWrapper(value));
      out.writeInt(value.size());
      out.write(value.toByteArray());
      out.writeUTF(JSON.writeValueAsString(s.value()));
      Files.write(file, bytes.toByteArray());
    }
    assertThat(file).as("recorded state snapshot (see the class comment to record one)").exists();

    DataInputViewStreamWrapper in = new DataInputViewStreamWrapper(new ByteArrayInputStream(Files.readAllBytes(file)));
    TypeSerializerSnapshot old = TypeSerializerSnapshotSerializationUtil.readSerializerSnapshot(in,
        getClass().getClassLoader());
    byte[] value = new byte[in.readInt()];
    in.readFully(value);
    JsonNode recorded = JSON.readTree(in.readUTF());

    TypeSerializerSchemaCompatibility compat = serializer.snapshotConfiguration().resolveSchemaCompatibility(old);
    if (name.equals("case-lifecycle.case")) {
      // written by Flink's POJO serializer, whose events held the attributes in fields of their
      // own: refused rather than restored without them (see CaseStateSerializer#migratesFrom)
      assertThat(compat.isIncompatible()).as(name).isTrue();
      return;
    }
    assertThat(compat.isIncompatible()).as(name + ": today's serializer cannot read old savepoints").isFalse();
    Object restored = old.restoreSerializer().deserialize(new DataInputViewStreamWrapper(new ByteArrayInputStream(value)));
    if (compat.isCompatibleAfterMigration()) {
      ByteArrayOutputStream again = new ByteArrayOutputStream();
      serializer.serialize(restored, new DataOutputViewStreamWrapper(again));
      restored = serializer.deserialize(new DataInputViewStreamWrapper(new ByteArrayInputStream(again.toByteArray())));
    }
    JsonNode now = JSON.readTree(JSON.writeValueAsString(restored));
    assertRecordedValuesKept(name, recorded, now);
    if (restored instanceof CaseState cs && name.equals("case-lifecycle.case")) {
      // fields added since the recording start as a new case's do: nothing remembered, nothing known
      assertThat(cs.seenIds).as("case eventIds").isEmpty();
      assertThat(cs.seenUntil).isEmpty();
      assertThat(cs.next).isEqualTo(Long.MIN_VALUE);
    }
    if (restored instanceof CaseState cs && name.startsWith("case-lifecycle.case-")
        && !name.equals("case-lifecycle.case-watched") && !name.equals("case-lifecycle.case-folded")) {
      // written before the 督办清单 was kept: what it sent is not known, and its first step sends
      // the clocks on the list then
      assertThat(cs.watched).as("the list's records sent").isNull();
    }
    if (restored instanceof CaseState cs && name.startsWith("case-lifecycle.case-")
        && !name.equals("case-lifecycle.case-folded")) {
      // written before a case folded its events: it holds them all, and folds them at its next step
      assertThat(cs.folded).isNull();
      // the first format kept every stream's attributes side by side; read back as the stream's record
      assertThat(cs.accepted[0].attrs).isEqualTo(new HotlineAttributes(null, null, "NORMAL", "HELP", null, null, null));
      assertThat(cs.pending[0].attrs).isNull();
    }
    assertThat(new String(value, StandardCharsets.ISO_8859_1)).isNotEmpty();
  }
}
