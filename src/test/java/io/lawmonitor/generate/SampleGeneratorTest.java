package io.lawmonitor.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.events.StreamKind;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleGeneratorTest {
  static Map<StreamKind, List<SampleGenerator.Line>> generate(EnumSet<StreamKind> streams) {
    var o = new SampleGenerator.Options(LocalDate.of(2026, 9, 26), 10, 8_000, 42, true, 0, 4, streams);
    return new SampleGenerator(o, WorkCalendar.bundled()).generate();
  }

  /** Each stream draws from random numbers of its own: made alone or with all the others, its events are the same. */
  @Test
  void aStreamsEventsDoNotDependOnTheOtherStreams() {
    Map<StreamKind, List<SampleGenerator.Line>> all = generate(EnumSet.allOf(StreamKind.class));
    for (StreamKind s : StreamKind.values()) {
      assertThat(all.get(s)).as(s.wireName()).isNotEmpty();
      assertThat(generate(EnumSet.of(s)).get(s)).as(s.wireName() + " alone").isEqualTo(all.get(s));
    }
    assertThat(generate(EnumSet.of(StreamKind.HOTLINE, StreamKind.DISCLOSURE)).get(StreamKind.REVIEW)).isEmpty();
  }
}
