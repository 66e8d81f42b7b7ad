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

  static WebElement tile(WebDriver b) {
    return b.findElement(By.cssSelector(".tile[data-metric='" + CLOSURE + "']"));
  }

  static String tileValue(WebDriver b) {
    List<WebElement> t = b.findElements(By.cssSelector(".tile[data-metric='" + CLOSURE + "'] .value"));
    return t.isEmpty() ? "" : t.get(0).getText();
  }
}
