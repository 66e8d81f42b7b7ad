package io.lawmonitor.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.alerts.AlertStatus;
import io.lawmonitor.alerts.RuleInput;
import io.lawmonitor.events.DeadLetter;
import io.lawmonitor.events.Event;
import io.lawmonitor.events.LateEvent;
import io.lawmonitor.events.RawEvent;
import io.lawmonitor.lifecycle.Fact;
import io.lawmonitor.metrics.MetricDelta;
import io.lawmonitor.metrics.MetricRecord;
import io.lawmonitor.metrics.MetricState;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Everything that crosses an operator or sits in state is serialized by Flink itself, never by Kryo. */
class PojoSerializationTest {
  @ParameterizedTest
  @ValueSource(classes = {RawEvent.class, DeadLetter.class, LateEvent.class, Fact.class,
      MetricDelta.class, MetricRecord.class, MetricState.class, io.lawmonitor.lifecycle.CaseState.class, RuleInput.class, AlertRecord.class, AlertStatus.class,
      io.lawmonitor.events.ParseOperator.LaneTime.class, io.lawmonitor.events.RunCounts.Count.class,
      io.lawmonitor.notify.Notification.class, io.lawmonitor.notify.DeliveryRecord.class,
      io.lawmonitor.alerts.Subscriber.class, io.lawmonitor.notify.Routed.class, io.lawmonitor.alerts.AlertRule.class,
      io.lawmonitor.lifecycle.CaseWatch.class, io.lawmonitor.notify.CaseMessage.class})
  void isAPojoWithoutKryo(Class<?> type) {
    PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
  }

  /** An event, whatever record holds it, is written by its own serializer: each stream's attributes by their record. */
  @org.junit.jupiter.api.Test
  void anEventIsWrittenByItsOwnSerializer() {
    assertThat(org.apache.flink.api.common.typeinfo.TypeInformation.of(Event.class))
        .isEqualTo(io.lawmonitor.events.EventSerializer.info());
  }
}
