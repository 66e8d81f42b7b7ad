package io.lawmonitor.job;

import io.lawmonitor.lifecycle.CaseWatchJson;
import static io.lawmonitor.Fixtures.hotline;
import static io.lawmonitor.Fixtures.review;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lawmonitor.Integration;
import io.lawmonitor.catalogue.Catalogue;
import io.lawmonitor.lifecycle.CaseList;
import io.lawmonitor.lifecycle.CaseWatch;
import io.lawmonitor.lifecycle.WatchState;
import io.lawmonitor.streams.ClockSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 督办清单 through the whole graph at parallelism 2: its exact records, and its agreement with overdue_open. */
@Integration
class CaseWatchPipelineTest {
  @TempDir
  Path dir;

  static List<String> lines(Path out) throws Exception {
    return Files.readAllLines(out.resolve("case-watch.jsonl"), StandardCharsets.UTF_8);
  }

  @Test
  void reviewApplicationsAndRequestsAcrossNationalDayAreListedAtTheirExactMoments() throws Exception {
    var r1 = review("RV-2026-0931").in("巴中市/巴州区/东城街道").by("巴中市人民政府");
    var r2 = review("RV-2026-0932").in("巴中市/巴州区/东城街道").by("巴中市人民政府");
    var h1 = hotline("HL-1");
    var h9 = hotline("HL-9");
    var r = Pipeline.run(dir, Map.of(
        "review.jsonl", List.of(r1.received("2026-09-28T10:00").json(), r2.received("2026-09-29T10:00").json(),
            r1.event("ACCEPTED", "2026-10-12T09:00").json()),
        "hotline.jsonl", List.of(h1.received("2026-10-09T09:00").attr("kind", "HELP").json(),
            h1.responded("2026-10-09T10:00").json(), h1.closed("2026-10-13T15:00", true).json(),
            h9.received("2026-10-20T12:00").attr("kind", "HELP").json())), null);
    List<String> got = lines(r.out());
    // the design's own example, field for field
    assertThat(got.get(1)).isEqualTo("{\"caseId\":\"RV-2026-0931\",\"stream\":\"review\",\"clock\":\"acceptance\","
        + "\"agency\":\"巴中市人民政府\",\"region\":\"巴中市/巴州区/东城街道\",\"startedAt\":\"2026-09-28T10:00:00+08:00\","
        + "\"deadline\":\"2026-10-11T00:00:00+08:00\",\"state\":\"OVERDUE\",\"behind\":0,\"unit\":\"working_days\","
        + "\"at\":\"2026-10-11T00:00:00+08:00\",\"mode\":\"live\"}");
    List<String> shown = new ArrayList<>();
    for (String l : got) {
      CaseWatch w = CaseWatchJson.read(l);
      shown.add(w.caseId() + " " + w.clock() + " " + w.state() + " @" + l.replaceAll(".*\"at\":\"([^\"]*)\".*", "$1")
          .substring(5, 16) + " " + w.behind());
    }
    assertThat(shown).containsExactly(
        "RV-2026-0931 acceptance DUE_SOON @10-10T00:00 -1",
        "RV-2026-0931 acceptance OVERDUE @10-11T00:00 0",
        // Sep 29's five working days: Sep 30, Oct 8, 9, the make-up Saturday Oct 10, and Oct 12
        "RV-2026-0932 acceptance DUE_SOON @10-11T00:00 -1",
        "RV-2026-0931 acceptance DONE_LATE @10-12T09:00 1",
        "HL-1 closure DUE_SOON @10-13T00:00 -1",
        "RV-2026-0932 acceptance OVERDUE @10-13T00:00 0",
        "HL-1 closure DONE @10-13T15:00 -1");
    assertAgreesWithOverdueOpen(r);
  }

  /**
   * At every window end, each stream's overdue_open (scope all) is the number of the list's red
   * cards on clocks that count as 超期未办结, from the records before that end.
   */
  static void assertAgreesWithOverdueOpen(Pipeline.Result r) throws Exception {
    List<CaseWatch> records = lines(r.out()).stream().map(CaseWatchJson::read).toList();
    int checked = 0;
    for (JsonNode m : r.metrics()) {
      String metric = m.get("metric").asText();
      if (!metric.endsWith(".overdue_open") || !m.get("scope").asText().equals("all")) {
        continue;
      }
      long end = OffsetDateTime.parse(m.get("windowEnd").asText()).toInstant().toEpochMilli();
      String stream = metric.substring(0, metric.indexOf('.'));
      CaseList list = new CaseList();
      records.stream().filter(w -> w.at() < end).forEach(list::apply);
      long red = list.entries(w -> w.stream().wireName().equals(stream) && w.state() == WatchState.OVERDUE
          && countsAsOverdueOpen(w)).size();
      assertThat(red).as(metric + " at " + m.get("windowEnd").asText()).isEqualTo((long) m.get("value").asDouble());
      checked++;
    }
    assertThat(checked).as("overdue_open figures compared").isPositive();
  }

  static boolean countsAsOverdueOpen(CaseWatch w) {
    for (ClockSpec c : Catalogue.of(w.stream()).clocks()) {
      if (c.id().equals(w.clock())) {
        return c.countsAsOverdueOpen();
      }
    }
    return false;
  }
}
