package io.lawmonitor.job;

import io.lawmonitor.config.MonitorConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.lawmonitor.alerts.RuleSet;
import io.lawmonitor.io.LiveBoard;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code board} beside a job elsewhere: its thresholds follow the rules file as it is edited. */
class BoardCommandTest {
  @TempDir
  Path dir;

  @Test
  void anEditedRulesFileRecolorsTheBoardAndABrokenEditKeepsTheRulesShown() throws Exception {
    List<String> windows = MonitorConfig.defaults().windowNames();
    Path file = dir.resolve("rules.yaml");
    String valid = DeliveryTest.rules("", "ops");
    Files.writeString(file, valid);
    LiveBoard board = new LiveBoard();
    board.rules(RuleSet.load(file, windows));
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    BoardCommand.RulesFileWatch watch = new BoardCommand.RulesFileWatch(file);

    watch.reload(windows, board, err);
    assertThat(board.rules().get(0).fireThreshold()).isEqualTo(0.9);

    Files.writeString(file, valid.replace("fireWhen: below 0.9", "fireWhen: below 0.8"));
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 2000));
    watch.reload(windows, board, err);
    assertThat(board.rules().get(0).fireThreshold()).isEqualTo(0.8);

    Files.writeString(file, valid.replace("clearWhen: above 0.95", "clearWhen: below 0.5"));
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 4000));
    watch.reload(windows, board, err);
    assertThat(board.rules().get(0).fireThreshold()).isEqualTo(0.8);
    assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("not shown").contains("clearWhen");
  }
}
