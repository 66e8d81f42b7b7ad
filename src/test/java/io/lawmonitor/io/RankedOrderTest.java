package io.lawmonitor.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RankedOrderTest {
  record Row(long end, String name, String scope, long revision, int arrived) {}

  private static final RankedOrder<Row> ORDER = new RankedOrder<>(
      (RankedOrder.Number<Row>) Row::end,
      (RankedOrder.Name<Row>) Row::name,
      (RankedOrder.Name<Row>) Row::scope,
      (RankedOrder.Number<Row>) Row::revision);

  /** Rows with few distinct values each (scopes 0 to distinct - 1), some texts in two instances, negative numbers and ties. */
  private static List<Row> rows(int n, int distinct, long seed) {
    Random r = new Random(seed);
    String[] names = {"hotline_ontime_rate", "review_correction_rate", "mediation_success_rate"};
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String scope = "秦皇岛市/海港区/街道" + r.nextInt(distinct);
      if (r.nextBoolean()) {
        scope = new String(scope); // an equal text in another instance
      }
      rows.add(new Row(r.nextInt(3) * 3_600_000L - 3_600_000L, names[r.nextInt(names.length)], scope,
          r.nextInt(distinct) - 2, i));
    }
    return rows;
  }

  private static void sameAsAComparisonSort(RankedOrder<Row> order, JsonLinesSink.Sorter<Row> sorter, List<Row> rows) {
    List<Row> expected = new ArrayList<>(rows);
    expected.sort(order); // stable
    List<Row> actual = new ArrayList<>(rows);
    sorter.sort(actual);
    assertThat(actual).extracting(Row::arrived).containsExactlyElementsOf(expected.stream().map(Row::arrived).toList());
  }

  @Test
  void sortsAsTheComparisonSortDoesTiesKeptAsTheyCame() {
    // one writer's sorter for every batch: the names it has ranked grow as new ones come
    var sorter = ORDER.sorter();
    for (long seed = 1; seed <= 20; seed++) {
      sameAsAComparisonSort(ORDER, sorter, rows(5_000, (int) (10 * seed), seed));
      sameAsAComparisonSort(ORDER, sorter, rows(100, 3, seed));
      sameAsAComparisonSort(ORDER, sorter, rows(10, 3, seed));
    }
  }

  @Test
  void ranksThatDoNotFitInALongAreSortedByComparison() {
    // 2^17 rows need 17 bits for their places, and as many distinct values in three fields 17
    // bits each: 68 in all
    RankedOrder<Row> wide = new RankedOrder<>(
        (RankedOrder.Number<Row>) Row::revision,
        (RankedOrder.Name<Row>) Row::scope,
        (RankedOrder.Number<Row>) r -> -r.arrived());
    sameAsAComparisonSort(wide, wide.sorter(), rows(1 << 17, 1 << 20, 7));
  }
}
