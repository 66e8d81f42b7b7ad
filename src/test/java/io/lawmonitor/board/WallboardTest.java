package io.lawmonitor.board;

import io.lawmonitor.Integration;
import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.Fixtures;
import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.calendar.WorkCalendar;
import io.lawmonitor.io.InputFiles;
import io.lawmonitor.io.LiveBoard;
import io.lawmonitor.run.LocalRun;
import io.lawmonitor.config.MonitorConfig;
import io.lawmonitor.run.OneMachine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The wallboard as a person sees it, in a real (headless) Chromium: crafted events flow through
 * the real graph of {@code local --follow}, and the page shows the exact figures, an alert that
 * comes and goes, and a district's figures after a drill-down.
 */
@Integration
class WallboardTest {
  static final String CLOSURE = "hotline.ontime_closure_rate";

  @TempDir
  Path dir;

  @Test
  void aPersonSeesTheFiguresTheAlertComeAndGoAndADistrict() throws Exception {
    io.lawmonitor.Browsers.assumeInstalled();
    List<String> events = Fixtures.closureEpisode("HL-B");
    Path file = dir.resolve("events.jsonl");
    // received, and closed: 3 on time, 1 late (to Oct 16 09:00)
    Files.write(file, events.subList(0, 12), StandardCharsets.UTF_8);
    MonitorConfig cfg = MonitorConfig.defaults();
    RuleSet rules = RuleSet.parse("""
        rules:
          - id: closure-low
            metric: hotline.ontime_closure_rate
            window: sliding_24h
            scopeLevel: all
            fireWhen: below 0.9
            clearWhen: above 0.95
            minSample: 1
            confidence: 0
            for: 1
            severity: critical
        """, cfg.windowNames(), "test rules");
    Configuration flink = new Configuration();
    flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
    LiveBoard live = LiveBoard.open();
    LocalRun.Options o = new LocalRun.Options(InputFiles.expand(List.of(file.toString())), dir.resolve("out"), cfg, rules,
        WorkCalendar.bundled(), flink, 2, true, 0, OneMachine.background(), live, "live", null, null, null);

    live.rules(rules);
    AtomicReference<JobClient> job = new AtomicReference<>();
    CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
      try {
        LocalRun.run(o, (j, scan) -> job.set(j));
      } catch (Exception stopped) {
        // following ends when it is cancelled
      }
    });
    WebDriver browser = null;
    try (live; Wallboard board = Wallboard.start(live, "127.0.0.1", 0)) {
      browser = io.lawmonitor.Browsers.headless(1920, 1080);
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      browser.get(board.url());

      // windows to Oct 16 08:00: 3 of 4 on time, the alert fires at 01:00
      WebDriver b = browser;
      wait.until(x -> tileValue(b).startsWith("75.0%"));
      assertThat(tile(b).getText()).contains("n=4").contains("95%区间 30.1%–95.5%").contains("阈值 低于 90.0% 告警");
      // the alert comes by its own path, a moment after the figure that fired it
      wait.until(x -> tile(b).getAttribute("class").contains("firing"));
      wait.until(x -> !b.findElements(By.cssSelector("#firing li[data-rule='closure-low']")).isEmpty());
      assertThat(b.findElement(By.cssSelector("#firing li[data-rule='closure-low']")).getText())
          .contains("近24小时12345按期办结率").contains("自 10-16 00:00 起");
      assertThat(b.findElement(By.id("firing-count")).getText()).isEqualTo("1");

      // the closures of Oct 16 14:00 and two new cases: by Oct 17 11:00, 4 of 4; resolved at Oct 17 01:00
      Files.write(file, events.subList(12, events.size()), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      wait.until(x -> tileValue(b).startsWith("100.0%"));
      wait.until(x -> b.findElements(By.cssSelector("#firing li[data-rule='closure-low']")).isEmpty());
      assertThat(b.findElement(By.cssSelector("#resolved li[data-rule='closure-low']")).getText()).contains("恢复于 10-17 01:00");
      assertThat(b.findElement(By.id("firing-count")).getText()).isEqualTo("0");
      assertThat(tile(b).getAttribute("class")).contains("ok");
      assertThat(tile(b).findElement(By.cssSelector(".badge")).getText()).isEqualTo("✔ 达标");
      Files.write(Path.of("target", "wallboard.png"), ((TakesScreenshot) b).getScreenshotAs(OutputType.BYTES));

      // drill down: city, then district
      b.findElement(By.cssSelector("#children tr[data-scope='宜昌市']")).click();
      wait.until(x -> b.findElement(By.id("place")).getText().startsWith("宜昌市"));
      b.findElement(By.cssSelector("#children tr[data-scope='宜昌市/西陵区']")).click();
      wait.until(x -> b.findElement(By.id("place")).getText().startsWith("西陵区"));
      wait.until(x -> tileValue(b).startsWith("100.0%"));
      assertThat(tile(b).getText()).contains("n=4");
      assertThat(b.findElement(By.id("path")).getText()).contains("全部地区").contains("宜昌市").contains("西陵区");
      // one level down again: the street
      wait.until(x -> !b.findElements(By.cssSelector("#children tr[data-scope='宜昌市/西陵区/云集街道']")).isEmpty());
      assertThat(b.findElement(By.cssSelector("#children tr[data-scope='宜昌市/西陵区/云集街道'] td[data-metric='"
          + CLOSURE + "']")).getText()).isEqualTo("100.0%");
    } finally {
      if (browser != null) {
        browser.quit();
      }
      for (int i = 0; i < 300 && job.get() == null && !run.isDone(); i++) {
        Thread.sleep(200); // the job to start, to stop it
      }
      if (job.get() != null) {
        job.get().cancel();
      }
      run.get(60, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  /**
   * The 督办清单 panel with thousands listed: the counts, the league of agencies and the most overdue
   * cases exact; a district clicked narrows it; a case done leaves the screen live; the view the
   * screen pulls stays small and quick.
   */
  @Test
  void theCaseListOfThousandsNarrowsToADistrictAndMovesLive() throws Exception {
    io.lawmonitor.Browsers.assumeInstalled();
    LiveBoard live = LiveBoard.open().calendar(WorkCalendar.bundled());
    String[] districts = {"宜昌市/西陵区", "宜昌市/伍家岗区", "宜昌市/点军区", "宜昌市/夷陵区"};
    String[] agencies = {"宜昌市市场监督管理局", "宜昌市人力资源和社会保障局", "宜昌市自然资源和规划局",
        "宜昌市城市管理综合行政执法局", "宜昌市生态环境局", "宜昌市住房和城乡建设局", "宜昌市交通运输局"};
    long now = Fixtures.t("2026-10-20T09:00");
    // the figures that make the places: one per district, at 09:00
    for (String d : districts) {
      live.put(new io.lawmonitor.metrics.MetricRecord(CLOSURE, "sliding_24h", now - 86_400_000L, now, "district", d,
          95L, 100L, 0.95, 0.888, 0.978, 0, "live"));
    }
    live.put(new io.lawmonitor.metrics.MetricRecord(CLOSURE, "sliding_24h", now - 86_400_000L, now, "city", "宜昌市",
        380L, 400L, 0.95, 0.924, 0.967, 0, "live"));
    java.util.Random rnd = new java.util.Random(30);
    int red = 0;
    int westRed = 0;
    int westYellow = 0;
    java.util.Map<String, Integer> redBy = new java.util.HashMap<>();
    for (int i = 0; i < 6000; i++) {
      boolean overdue = i % 4 == 0;
      String d = districts[rnd.nextInt(districts.length)];
      String a = agencies[Math.min(agencies.length - 1, (int) Math.abs(rnd.nextGaussian() * 2.2))];
      // red cards past their deadline by up to 9 days, yellow ones due within 24 hours
      long deadline = overdue ? Fixtures.t("2026-10-20T00:00") - 86_400_000L * rnd.nextInt(9)
          : Fixtures.t("2026-10-21T00:00");
      String id = String.format("HL-20261010-%06d", i);
      live.put(new io.lawmonitor.lifecycle.CaseWatch(id, io.lawmonitor.events.StreamKind.HOTLINE, "closure", a,
          d + "/某街道", deadline - 3 * 86_400_000L, deadline,
          overdue ? io.lawmonitor.lifecycle.WatchState.OVERDUE : io.lawmonitor.lifecycle.WatchState.DUE_SOON,
          overdue ? 0 : -1, io.lawmonitor.calendar.ClockUnit.WORKING_DAYS, overdue ? deadline : deadline - 86_400_000L,
          "live"));
      red += overdue ? 1 : 0;
      if (overdue) {
        redBy.merge(a, 1, Integer::sum);
      }
      if (d.equals("宜昌市/西陵区")) {
        westRed += overdue ? 1 : 0;
        westYellow += overdue ? 0 : 1;
      }
    }
    WebDriver browser = null;
    try (live; Wallboard board = Wallboard.start(live, "127.0.0.1", 0)) {
      // the view a screen pulls: the top of the list and the counts, not the thousands
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      java.net.http.HttpRequest view = java.net.http.HttpRequest.newBuilder(java.net.URI.create(board.url() + "api/view")).build();
      long started = System.nanoTime();
      byte[] body = null;
      for (int i = 0; i < 20; i++) {
        body = http.send(view, java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
      }
      long perView = (System.nanoTime() - started) / 20 / 1_000_000;
      assertThat(perView).as("ms per view of 6,000 listed cases").isLessThan(250);
      assertThat(body.length).as("bytes per view").isLessThan(64 * 1024);

      System.out.println("wallboard list: " + perView + " ms, " + body.length + " bytes per view");
      browser = io.lawmonitor.Browsers.headless(1920, 1400);
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      WebDriver b = browser;
      browser.get(board.url());
      int reds = red;
      int yellow = 6000 - red;
      wait.until(x -> b.findElement(By.id("watch-red")).getText().equals("超期 " + reds));
      assertThat(b.findElement(By.id("watch-yellow")).getText()).isEqualTo("临期 " + yellow);
      // the league: who holds the most overdue cases, first
      String most = redBy.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).get().getKey();
      WebElement first = b.findElements(By.cssSelector("#watch-agencies tr[data-agency]")).get(0);
      assertThat(first.getAttribute("data-agency")).isEqualTo(most);
      assertThat(first.findElements(By.tagName("td")).get(1).getText()).isEqualTo(String.valueOf(redBy.get(most)));
      // the list: most overdue first (the earliest deadline), 30 rows, how late by the calendar now
      List<WebElement> rows = b.findElements(By.cssSelector("#watch-cases tr[data-case]"));
      assertThat(rows).hasSize(30);
      String top = rows.get(0).getAttribute("data-case");
      assertThat(rows.get(0).getText()).contains("12345热线 办结").contains("超期 7 个工作日").contains("10-11 24:00");
      Files.write(Path.of("target", "wallboard-case-watch.png"), ((TakesScreenshot) b).getScreenshotAs(OutputType.BYTES));

      // a case done leaves the screen as the record comes
      io.lawmonitor.lifecycle.CaseWatch topCase = live.cases().entries(w -> w.caseId().equals(top)).get(0);
      live.put(topCase.as(io.lawmonitor.lifecycle.WatchState.DONE_LATE, now, 6));
      wait.until(x -> b.findElement(By.id("watch-red")).getText().equals("超期 " + (reds - 1)));
      wait.until(x -> !b.findElement(By.cssSelector("#watch-cases tr[data-case]")).getAttribute("data-case").equals(top));

      // a district clicked: its own list
      b.findElement(By.cssSelector("#children tr[data-scope='宜昌市']")).click();
      wait.until(x -> b.findElement(By.id("place")).getText().startsWith("宜昌市"));
      b.findElement(By.cssSelector("#children tr[data-scope='宜昌市/西陵区']")).click();
      int wr = westRed - (topCase.region().startsWith("宜昌市/西陵区/") ? 1 : 0);
      int wy = westYellow;
      wait.until(x -> b.findElement(By.id("watch-red")).getText().equals("超期 " + wr));
      assertThat(b.findElement(By.id("watch-yellow")).getText()).isEqualTo("临期 " + wy);
      @SuppressWarnings("unchecked")
      List<String> shown = (List<String>) ((org.openqa.selenium.JavascriptExecutor) b).executeScript(
          "return Array.from(document.querySelectorAll('#watch-cases tr[data-case]')).map(r => r.dataset.case)");
      assertThat(shown).hasSize(30).allSatisfy(id ->
          assertThat(live.cases().entries(w -> w.caseId().equals(id)).get(0).region()).startsWith("宜昌市/西陵区/"));
    } finally {
      if (browser != null) {
        browser.quit();
      }
    }
  }

  static WebElement tile(WebDriver b) {
    return b.findElement(By.cssSelector(".tile[data-metric='" + CLOSURE + "']"));
  }

  static String tileValue(WebDriver b) {
    List<WebElement> t = b.findElements(By.cssSelector(".tile[data-metric='" + CLOSURE + "'] .value"));
    return t.isEmpty() ? "" : t.get(0).getText();
  }
}
