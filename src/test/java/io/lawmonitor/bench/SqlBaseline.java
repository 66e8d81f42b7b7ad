package io.lawmonitor.bench;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableEnvironment;

/**
 * The Flink SQL baseline: over the same JSON lines, the rates SQL can express without the statutory
 * clocks, per district, in the windows the monitor computes by default — HOP 24 h / 1 h
 * ({@code sliding_24h}) and CUMULATE 1 d / 1 h ({@code day_to_date}) — into a blackhole sink, on heap
 * state. Four rates, each from one event: 12345 满意率 (VISITED), 案卷评查合格率 (FILE_REVIEWED),
 * 行政复议纠错率 (review DECIDED) and 调解满意率 (FEEDBACK). No dedup and no case lifecycles: a
 * retried event counts twice and an event of an unknown case counts.
 *
 * <p>Arguments: the events file, the parallelism. Event times are read as local Beijing time from
 * their first 19 characters: {@code TO_TIMESTAMP_LTZ(string, format)} ignores a {@code +08:00}
 * offset, and every event here is written in +08:00.
 */
public final class SqlBaseline {
  private SqlBaseline() {}

  static final String RATES = """
      SUM(sat_num), SUM(sat_den), SUM(pass_num), SUM(pass_den), SUM(corr_num), SUM(corr_den), SUM(fb_num), SUM(fb_den)""";

  public static void main(String[] args) throws Exception {
    String file = args[0];
    int parallelism = Integer.parseInt(args[1]);
    Configuration conf = new Configuration();
    conf.setString("parallelism.default", String.valueOf(parallelism));
    conf.setString("state.backend.type", "hashmap");
    conf.setString("table.local-time-zone", "Asia/Shanghai");
    TableEnvironment t = TableEnvironment.create(EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build());
    t.executeSql("""
        CREATE TABLE events (
          `stream` STRING, `type` STRING, eventTime STRING, region STRING,
          attrs ROW<satisfaction STRING, `result` STRING, outcome STRING, satisfied BOOLEAN>,
          ts AS TO_TIMESTAMP(REPLACE(SUBSTRING(eventTime, 1, 19), 'T', ' ')),
          WATERMARK FOR ts AS ts - INTERVAL '5' MINUTE
        ) WITH ('connector' = 'filesystem', 'path' = '%s', 'format' = 'json', 'json.ignore-parse-errors' = 'true')
        """.formatted(file));
    t.executeSql("""
        CREATE TEMPORARY VIEW facts AS SELECT ts,
          SPLIT_INDEX(region, '/', 0) || '/' || SPLIT_INDEX(region, '/', 1) AS district,
          CASE WHEN `stream` = 'hotline' AND attrs.satisfaction IN ('SATISFIED', 'BASICALLY_SATISFIED') THEN 1 ELSE 0 END AS sat_num,
          CASE WHEN `stream` = 'hotline' AND attrs.satisfaction IN ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED')
            THEN 1 ELSE 0 END AS sat_den,
          CASE WHEN `type` = 'FILE_REVIEWED' AND attrs.`result` = 'PASS' THEN 1 ELSE 0 END AS pass_num,
          CASE WHEN `type` = 'FILE_REVIEWED' THEN 1 ELSE 0 END AS pass_den,
          CASE WHEN `stream` = 'review' AND `type` = 'DECIDED'
            AND attrs.outcome IN ('REVOKED', 'ALTERED', 'CONFIRMED_ILLEGAL', 'ORDERED_TO_PERFORM') THEN 1 ELSE 0 END AS corr_num,
          CASE WHEN `stream` = 'review' AND `type` = 'DECIDED' THEN 1 ELSE 0 END AS corr_den,
          CASE WHEN `type` = 'FEEDBACK' AND attrs.satisfied THEN 1 ELSE 0 END AS fb_num,
          CASE WHEN `type` = 'FEEDBACK' THEN 1 ELSE 0 END AS fb_den
        FROM events
        WHERE (`stream` = 'hotline' AND `type` = 'VISITED') OR `type` IN ('FILE_REVIEWED', 'FEEDBACK')
          OR (`stream` = 'review' AND `type` = 'DECIDED')
        """);
    t.executeSql("""
        CREATE TABLE rates (
          district STRING, window_name STRING, window_end TIMESTAMP(3),
          sat_num INT, sat_den INT, pass_num INT, pass_den INT, corr_num INT, corr_den INT, fb_num INT, fb_den INT
        ) WITH ('connector' = 'blackhole')
        """);
    StatementSet s = t.createStatementSet();
    s.addInsertSql("INSERT INTO rates SELECT district, 'sliding_24h', window_end, " + RATES
        + " FROM TABLE(HOP(TABLE facts, DESCRIPTOR(ts), INTERVAL '1' HOUR, INTERVAL '24' HOUR))"
        + " GROUP BY district, window_start, window_end");
    s.addInsertSql("INSERT INTO rates SELECT district, 'day_to_date', window_end, " + RATES
        + " FROM TABLE(CUMULATE(TABLE facts, DESCRIPTOR(ts), INTERVAL '1' HOUR, INTERVAL '1' DAY))"
        + " GROUP BY district, window_start, window_end");
    s.execute().await();
  }
}
