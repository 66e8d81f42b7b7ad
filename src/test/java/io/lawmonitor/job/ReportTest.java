package io.lawmonitor.job;

import io.lawmonitor.Integration;
import static io.lawmonitor.Fixtures.hotline;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lawmonitor.Browsers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The analysts' report of a replay and of a backtest, read as a person does: in a browser, with no network. */
@Integration
class ReportTest {
  static final String CLOSURE = "hotline.ontime_closure_rate";

  @TempDir
  Path dir;

  /** The closure episode in 西陵区 (7 of 8 on time) and two cases in 伍家岗区, both on time. */
  Path events() throws Exception {
    List<String> e = new ArrayList<>(io.lawmonitor.Fixtures.closureEpisode("HL-Q"));
    for (int i = 1; i <= 2; i++) {
      e.add(hotline("HL-W" + i).in("宜昌市/伍家岗区/大公桥街道").received("2026-10-13T09:0" + i).attr("kind", "HELP").json());
      e.add(hotline("HL-W" + i).in("宜昌市/伍家岗区/大公桥街道").closed("2026-10-14T10:00", true).json());
    }
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    Files.write(in.resolve("events.jsonl"), e.stream().sorted((a, b) ->
        a.replaceAll(".*\"eventTime\":\"([^\"]+)\".*", "$1").compareTo(b.replaceAll(".*\"eventTime\":\"([^\"]+)\".*", "$1")))
        .toList());
    return in;
  }

  /** Opens the report of {@code out} from its file, as a person double-clicks it, once its charts are drawn. */
  static JavascriptExecutor open(WebDriver b, Path out) {
    b.get(out.resolve("report.html").toUri().toString());
    JavascriptExecutor js = (JavascriptExecutor) b;
    new WebDriverWait(b, Duration.ofSeconds(30)).until(x -> Boolean.TRUE.equals(js.executeScript("return window.reportReady")));
    return js;
  }

  /** The period's figure from the metric records themselves: each day's last day_to_date figure, summed. */
  static String periodFromRecords(Path metrics, String scope) throws Exception {
    Map<String, JsonNode> lastOfDay = new HashMap<>();
    for (JsonNode m : Pipeline.read(metrics)) {
      if (m.get("metric").asText().equals(CLOSURE) && m.get("window").asText().equals("day_to_date")
          && m.get("scope").asText().equals(scope)) {
        String day = m.get("windowStart").asText();
        JsonNode was = lastOfDay.get(day);
        if (was == null || m.get("windowEnd").asText().compareTo(was.get("windowEnd").asText()) > 0
            || (m.get("windowEnd").asText().equals(was.get("windowEnd").asText())
                && m.get("revision").asInt() > was.get("revision").asInt())) {
          lastOfDay.put(day, m);
        }
      }
    }
    long n = lastOfDay.values().stream().mapToLong(m -> m.get("numerator").asLong()).sum();
    long d = lastOfDay.values().stream().mapToLong(m -> m.get("denominator").asLong()).sum();
    return n + "/" + d;
  }

  @Test
  void theReplayReportDrawsItsChartsWithTheAlertBandOfflineAndItsTableIsTheRecordsFigures() throws Exception {
    Path in = events();
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, DeliveryTest.rules("", "ops"));
    Path out = dir.resolve("replay");
    CliTest.Run r = CliTest.run("replay", "--events", in.toString(), "--rules", rules.toString(), "--out", out.toString(),
        "--quiet", "--state-backend", "hashmap");
    assertThat(r.code()).as(r.err()).isZero();

    // the table, for the spreadsheet: a byte-order mark, Chinese headings, numerators and denominators
    byte[] csv = Files.readAllBytes(out.resolve("report.csv"));
    assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
    List<String> rows = List.of(new String(csv, StandardCharsets.UTF_8).substring(1).split("\r\n"));
    assertThat(rows.get(0)).startsWith("范围层级,范围,12345办结率,12345办结率分子,12345办结率分母,"
        + "12345按期办结率,12345按期办结率分子,12345按期办结率分母,");
    // 办结率: closed (Q4 late, but closed) over received (Q9 and Q10 still open); then 按期办结率
    assertThat(rows).anyMatch(l -> l.startsWith("all,全部,83.3%,10,12,90.0%,9,10,"))
        .anyMatch(l -> l.startsWith("city,宜昌市,83.3%,10,12,90.0%,9,10,"))
        .anyMatch(l -> l.startsWith("district,宜昌市/西陵区,80.0%,8,10,87.5%,7,8,"))
        .anyMatch(l -> l.startsWith("district,宜昌市/伍家岗区,100.0%,2,2,100.0%,2,2,"));
    assertThat(periodFromRecords(out.resolve("metrics.jsonl"), "all")).isEqualTo("9/10");
    // the late cases: HL-Q4, due 24:00 Oct 15, closed 09:00 Oct 16, one working day late; and, as no
    // RESPONDED came, the eight first responses, done by the closures after their one working day
    List<String> late = List.of(Files.readString(out.resolve("late-cases.csv"), StandardCharsets.UTF_8).substring(1).split("\r\n"));
    assertThat(late).hasSize(10).startsWith("类别,承办机构,案件编号,事项,地区,起算时间,期限,办结或截至,超期,单位")
        .contains("逾期办结," + io.lawmonitor.Fixtures.AGENCY + ",HL-Q4,12345热线 办结," + io.lawmonitor.Fixtures.REGION
            + ",2026-10-12T09:04:00+08:00,2026-10-16T00:00:00+08:00,2026-10-16T09:00:00+08:00,1,个工作日")
        .contains("逾期办结," + io.lawmonitor.Fixtures.AGENCY + ",HL-Q4,12345热线 首次响应," + io.lawmonitor.Fixtures.REGION
            + ",2026-10-12T09:04:00+08:00,2026-10-14T00:00:00+08:00,2026-10-16T09:00:00+08:00,3,个工作日");
    assertThat(r.out()).contains("督办清单：期末仍超期 0 件，期间逾期办结 9 件");
    assertThat(periodFromRecords(out.resolve("metrics.jsonl"), "宜昌市/西陵区")).isEqualTo("7/8");

    Browsers.assumeInstalled();
    WebDriver b = Browsers.headless(1600, 1400);
    try {
      JavascriptExecutor js = open(b, out);
      assertThat(b.getTitle()).isEqualTo("法治政府建设运行监测 · 回放报告");
      // nothing was fetched: the page, its script, ECharts and the data are all in the file
      assertThat(((Number) js.executeScript("return performance.getEntriesByType('resource').length")).intValue()).isZero();
      // the closure rate's chart drew, as SVG, with its days on the axis
      String chart = ".chart[data-metric='" + CLOSURE + "']";
      assertThat(b.findElements(By.cssSelector(chart + " svg path")).size()).isGreaterThan(5);
      assertThat(b.findElement(By.cssSelector(chart)).getText()).contains("12345按期办结率").contains("10-16");
      // the city-wide alert's band, from its FIRING to its RESOLVED, and the district compared beside it
      assertThat(js.executeScript("var o = echarts.getInstanceByDom(document.querySelector(\"" + chart + "\")).getOption();"
          + " var a = o.series[0].markArea.data; return a.length + ' ' + new Date(a[0][0].xAxis).toISOString() + ' '"
          + " + new Date(a[0][1].xAxis).toISOString() + ' ' + o.series[1].name"))
          .isEqualTo("1 2026-10-15T17:00:00.000Z 2026-10-16T17:00:00.000Z 宜昌市/西陵区");
      // the drawn band: a shaded shape in the chart's SVG
      assertThat(b.findElements(By.cssSelector(chart + " svg path[fill-opacity], " + chart + " svg path[fill^='rgba(198']")))
          .isNotEmpty();
      // the period table shows the records' figures
      assertThat(b.findElement(By.cssSelector("#table tr[data-scope='all'] td[data-metric='" + CLOSURE + "']")).getText())
          .isEqualTo("90.0% 9/10");
      assertThat(b.findElement(By.cssSelector("#table tr[data-scope='宜昌市/西陵区'] td[data-metric='" + CLOSURE + "']"))
          .getText()).isEqualTo("87.5% 7/8");
      assertThat(b.findElement(By.cssSelector("#table tr[data-scope='宜昌市/西陵区'] td[data-metric='hotline.closure_rate']"))
          .getText()).isEqualTo("80.0% 8/10");
      // the late cases by agency and by name
      assertThat(b.findElement(By.id("late-note")).getText()).contains("仍超期未办结 0 件，期间逾期办结 9 件");
      assertThat(b.findElement(By.cssSelector("#late-agencies tr[data-agency]")).getText())
          .isEqualTo(io.lawmonitor.Fixtures.AGENCY + " 0 9");
      assertThat(b.findElements(By.cssSelector("#late-cases tr[data-case='HL-Q4']"))).extracting(WebElement::getText)
          .contains("逾期办结 HL-Q4 12345热线 办结 " + io.lawmonitor.Fixtures.AGENCY + " 10-15 24:00 2026-10-16 09:00 超期 1 个工作日");
      Files.write(Path.of("target", "report.png"), ((TakesScreenshot) b).getScreenshotAs(OutputType.BYTES));
    } finally {
      b.quit();
    }
  }

  @Test
  void theBacktestReportShowsTheTwoAlertTimelinesOneAboveTheOther() throws Exception {
    Path in = events();
    Path a = dir.resolve("a.yaml");
    Files.writeString(a, "rules:\n" + BacktestTest.rule("closure-low", "all", 0.9, 1));
    Path bRules = dir.resolve("b.yaml");
    Files.writeString(bRules, "rules:\n" + BacktestTest.rule("closure-low", "all", 0.9, 2));
    Path out = dir.resolve("backtest");
    CliTest.Run r = CliTest.run("backtest", "--events", in.toString(), "--rules", a.toString(), "--against",
        bRules.toString(), "--out", out.toString(), "--quiet", "--state-backend", "hashmap");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(out.resolve("report.csv"))).contains("all,全部,83.3%,10,12,90.0%,9,10,");

    Browsers.assumeInstalled();
    WebDriver b = Browsers.headless(1600, 1400);
    try {
      JavascriptExecutor js = open(b, out);
      assertThat(b.getTitle()).isEqualTo("法治政府建设运行监测 · 规则回测报告");
      String timeline = ".timeline[data-rule='closure-low']";
      assertThat(b.findElement(By.cssSelector(timeline)).getText()).contains("A · 全部").contains("B · 全部");
      // A's episode from Oct 16 01:00, B's an hour later, both to Oct 17 01:00
      assertThat(js.executeScript("var o = echarts.getInstanceByDom(document.querySelector(\"" + timeline + "\")).getOption();"
          + " return o.series.map(function (s) { return s.data.filter(function (p) { return p !== '-'; })"
          + ".map(function (p) { return new Date(p[0]).toISOString().slice(5, 16); }).join(' '); }).join(' | ')"))
          .isEqualTo("10-15T17:00 10-16T17:00 | 10-15T18:00 10-16T17:00");
      assertThat(b.findElements(By.cssSelector(timeline + " svg path")).size()).isGreaterThan(2);
      assertThat(((Number) js.executeScript("return performance.getEntriesByType('resource').length")).intValue()).isZero();
    } finally {
      b.quit();
    }
  }
}
