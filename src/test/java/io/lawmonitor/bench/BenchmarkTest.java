package io.lawmonitor.bench;

import io.lawmonitor.Integration;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The benchmark run small and untimed, so that it keeps working: its figures are for `mvn -q -Pbench`. */
@Integration
class BenchmarkTest {
  @TempDir
  Path dir;

  @Test
  void aSmallRunFillsEveryRowAndNote() throws Exception {
    int code = new CommandLine(new Benchmark()).execute("--events", "6000", "--days", "2", "--open-cases", "500",
        "--runs", "replay-heap,sql,subset,state,latency", "--latency-days", "2", "--latency-speed", "20000",
        "--dir", dir.toString());
    assertThat(code).isZero();
    String results = Files.readString(dir.resolve("results.md"));
    assertThat(results).contains("Machine: ").contains("| generate (not a pipeline run) | 6,000 |")
        .contains("| `replay`, hashmap state | 6,000 |").contains("| Flink SQL baseline").contains("same subset")
        .contains("On the shared subset the pipeline takes ")
        // a tenth of the cases overdue: each on the 督办清单 by a DUE_SOON and an OVERDUE record
        .containsPattern("State per open case, hashmap, 500 open 12345 cases \\(3 events each, 50 of them overdue\\):"
            + " \\d+ bytes .*; 100 case-watch records \\(0.067 per event\\)")
        .containsPattern("State per open case, rocksdb, 500 open 12345 cases \\(3 events each, 50 of them overdue\\):"
            + " \\d+ bytes .*; 100 case-watch records \\(0.067 per event\\)")
        // the live run's alerts reach the webhook: the latency is measured, not only named
        .containsPattern("Alert latency, `local --follow` fed at 20000× real time for 2 days \\(from the 6,000-event input\\), a"
            + " webhook subscriber on loopback: [1-9]\\d* alerts?; .*p50 \\d+ ms");
    // the subset replay computed only the four rates, for districts only (two days hold no review decision yet)
    try (var lines = Files.lines(dir.resolve("out-subset-6000/metrics.jsonl"))) {
      assertThat(lines.map(l -> l.replaceAll(".*\"metric\":\"([^\"]+)\".*\"scopeLevel\":\"([^\"]+)\".*", "$1 $2")).distinct())
          .contains("hotline.satisfaction_rate district")
          .isSubsetOf("enforcement.file_review_pass_rate district", "hotline.satisfaction_rate district",
              "mediation.satisfaction_rate district", "review.correction_rate district");
    }
  }
}
