package io.lawmonitor.job;

import io.lawmonitor.config.MonitorConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** monitor.yaml bound to its records: the shipped file is the defaults, and each mistake is named. */
class MonitorConfigTest {
  private static MonitorConfig parse(String yaml) {
    return MonitorConfig.parse(yaml, "monitor.yaml", Map.<String, String>of()::get);
  }

  @Test
  void theShippedFileHoldsTheDefaults() {
    MonitorConfig shipped = MonitorConfig.load(Path.of("flink-conf/monitor.yaml"));
    MonitorConfig d = MonitorConfig.defaults();
    assertThat(shipped.windows()).isEqualTo(d.windows());
    assertThat(shipped.outOfOrderness()).isEqualTo(Duration.ofMinutes(5)).isEqualTo(d.outOfOrderness());
    assertThat(shipped.allowedLateness()).isEqualTo(d.allowedLateness());
    assertThat(shipped.dedupRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(shipped.lifecycle()).isEqualTo(d.lifecycle());
    assertThat(shipped.delivery()).isEqualTo(d.delivery());
    assertThat(shipped.kafka()).isEqualTo(d.kafka());
    assertThat(shipped.prometheusScopeLevels()).isEqualTo(d.prometheusScopeLevels());
    assertThat(shipped.rulesFile()).isEqualTo("flink-conf/alert-rules.yaml");
    assertThat(parse("")).isEqualTo(d);
  }

  @Test
  void readsWhatItIsGiven() {
    MonitorConfig c = parse("""
        windows: [sliding_24h, month]
        time: {outOfOrderness: 90s, idleness: PT2M}
        deadlines: {hotline: {closureWorkdays: 5}}
        delivery: {attempts: 3}
        """);
    assertThat(c.windowNames()).containsExactly("sliding_24h", "month");
    assertThat(c.outOfOrderness()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.idleness()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.lifecycle().deadline(io.lawmonitor.events.StreamKind.HOTLINE, "closureWorkdays")).isEqualTo(5);
    assertThat(c.lifecycle().deadline(io.lawmonitor.events.StreamKind.HOTLINE, "responseWorkdays")).isEqualTo(1);
    assertThat(c.delivery().attempts()).isEqualTo(3);
    assertThat(c.scopeLevels()).isEqualTo(io.lawmonitor.metrics.Scopes.LEVELS);
    assertThat(parse("scopeLevels: [district, all, city]").scopeLevels()).containsExactly("all", "city", "district");
    assertThat(c.metrics()).isEqualTo(io.lawmonitor.catalogue.Catalogue.metricIds()).hasSize(io.lawmonitor.catalogue.Catalogue.metrics().size());
    assertThat(parse("metrics: [mediation.success_rate, hotline.satisfaction_rate]").metrics())
        .containsExactly("hotline.satisfaction_rate", "mediation.success_rate");
  }

  @Test
  void aWarningMarginReplacesItsUnitsDefaultAndKeepsTheOthers() {
    MonitorConfig c = parse("caseWatch: {margins: {hotline.closure: {hours: 6}, review.acceptance: {working_days: 0}}}");
    assertThat(c.lifecycle().watchMargins().get("hotline.closure")).containsEntry(io.lawmonitor.calendar.ClockUnit.HOURS, 6)
        .containsEntry(io.lawmonitor.calendar.ClockUnit.WORKING_DAYS, 1);
    assertThat(c.lifecycle().watchMargins().get("review.acceptance"))
        .containsEntry(io.lawmonitor.calendar.ClockUnit.WORKING_DAYS, 0);
    assertThat(MonitorConfig.load(Path.of("flink-conf/monitor.yaml")).lifecycle().watchMargins())
        .isEqualTo(MonitorConfig.defaults().lifecycle().watchMargins());
  }

  @Test
  void namesEveryMistake() {
    assertThatThrownBy(() -> parse("time: {outOfOrdernes: 5m}"))
        .hasMessageStartingWith("monitor.yaml: unknown key 'time.outOfOrdernes' (known here: allowedLateness, dedupRetention,");
    assertThatThrownBy(() -> parse("deadlines: {hotline: {closureDays: 3}}"))
        .hasMessageStartingWith("monitor.yaml: unknown key 'deadlines.hotline.closureDays'");
    assertThatThrownBy(() -> parse("colour: blue")).hasMessageStartingWith("monitor.yaml: unknown key 'colour'");
    assertThatThrownBy(() -> parse("caseWatch: {margins: {review.intake: {working_days: 1}}}"))
        .hasMessageStartingWith("monitor.yaml: unknown key 'caseWatch.margins.review.intake' (known: hotline.response,");
    assertThatThrownBy(() -> parse("caseWatch: {margins: {review.acceptance: {workdays: 1}}}"))
        .hasMessageStartingWith("monitor.yaml: unknown key 'caseWatch.margins.review.acceptance.workdays' (known: working_days, days, hours)");
    assertThatThrownBy(() -> parse("time: {idleness: 5}"))
        .hasMessage("monitor.yaml: time.idleness: '5' is not a duration (e.g. 30s, 5m, 2h, 7d)");
    assertThatThrownBy(() -> parse("time: {idleness: -5m}"))
        .hasMessage("monitor.yaml: time.idleness: '-5m' is not a duration (e.g. 30s, 5m, 2h, 7d)");
    assertThatThrownBy(() -> parse("deadlines: {review: {decisionDays: '60'}}"))
        .hasMessage("monitor.yaml: deadlines.review.decisionDays: a whole number");
    assertThatThrownBy(() -> parse("deadlines: {review: {decisionDays: 2.5}}"))
        .hasMessage("monitor.yaml: deadlines.review.decisionDays: a whole number");
    assertThatThrownBy(() -> parse("deadlines: {review: {decisionDays: -1}}"))
        .hasMessage("monitor.yaml: deadlines.review.decisionDays: a whole number, 0 or more");
    assertThatThrownBy(() -> parse("input: {maxEventBytes: 100}"))
        .hasMessage("monitor.yaml: input.maxEventBytes: at least 256");
    assertThatThrownBy(() -> parse("windows: [hourly]"))
        .hasMessage("monitor.yaml: windows: 'hourly' is not sliding_24h, day_to_date, month or year");
    assertThatThrownBy(() -> parse("windows: sliding_24h"))
        .hasMessage("monitor.yaml: windows: a list");
    assertThatThrownBy(() -> parse("time: 5m")).hasMessage("monitor.yaml: time: a map of keys to values");
    assertThatThrownBy(() -> parse("kafka: {startingOffsets: newest}"))
        .hasMessage("monitor.yaml: kafka.startingOffsets: 'newest' is not earliest, latest or committed");
    assertThatThrownBy(() -> parse("time: {idleness: 5m")).hasMessageStartingWith("monitor.yaml: not YAML: ");
    assertThatThrownBy(() -> parse("scopeLevels: [province]"))
        .hasMessage("monitor.yaml: scopeLevels: 'province' is not one of all, city, district, street, agency");
    assertThatThrownBy(() -> parse("metrics: [hotline.happiness]"))
        .hasMessageStartingWith("monitor.yaml: metrics: no metric 'hotline.happiness' (the metrics: hotline.response_rate, ");
    assertThatThrownBy(() -> parse("metrics: []")).hasMessage("monitor.yaml: metrics: at least one metric");
  }
}
