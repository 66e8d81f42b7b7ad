package io.lawmonitor.console;

import io.lawmonitor.alerts.AlertRecord;
import io.lawmonitor.events.EventJson;
import io.lawmonitor.io.LiveBoard;
import io.lawmonitor.catalogue.Catalogue;
import io.lawmonitor.streams.StreamDefinition;
import io.lawmonitor.metrics.MetricRecord;
import io.lawmonitor.metrics.Scopes;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The local console: a table of live rates by city and district, and alerts as they happen. */
public final class ConsoleView {
  /** Each stream's lead rate (its first headline) under the rate's full name. */
  private static final String[][] COLUMNS = Catalogue.all().stream()
      .map(d -> new String[] {d.headlines().get(0).id(), d.headlines().get(0).label()})
      .toArray(String[][]::new);
  private static final String WINDOW = "sliding_24h";

  private final PrintStream out;
  private final boolean ansi;
  private final LiveBoard board;

  /** The console of a run whose figures reach {@code board}. */
  public ConsoleView(PrintStream out, boolean ansi, LiveBoard board) {
    this.out = out;
    this.ansi = ansi;
    this.board = board;
  }

  public void printAlerts(List<AlertRecord> alerts) {
    for (AlertRecord a : alerts) {
      out.println(alertLine(a));
    }
    out.flush();
  }

  String alertLine(AlertRecord a) {
    boolean firing = "FIRING".equals(a.state());
    String state = firing ? "▲ FIRING  " : "▼ RESOLVED";
    if (ansi) {
      state = (firing ? "\u001b[1;31m" : "\u001b[32m") + state + "\u001b[0m";
    }
    return String.format(Locale.ROOT, "%s %-8s %s  %s  [%s]", state, a.severity(),
        EventJson.time(a.at()).substring(0, 16).replace('T', ' '), a.summary(), a.rule());
  }

  /** Clears the screen (on a terminal) and draws the table. */
  public void redraw(LiveBoard board, String header) {
    if (ansi) {
      out.print("\u001b[H\u001b[2J");
    }
    printTable(board, header);
    List<AlertRecord> recent = board.alerts();
    if (!recent.isEmpty()) {
      out.println();
      out.println("Alerts (latest " + Math.min(12, recent.size()) + " of " + recent.size() + "):");
      for (AlertRecord a : recent.subList(Math.max(0, recent.size() - 12), recent.size())) {
        out.println("  " + alertLine(a));
      }
    }
    out.flush();
  }

  public void printTable(LiveBoard board, String header) {
    long reached = board.reached();
    out.println(header + (reached == Long.MIN_VALUE ? "" : "   event time reached "
        + EventJson.time(reached).substring(0, 16).replace('T', ' ')));
    List<String[]> scopes = new ArrayList<>();
    for (MetricRecord m : board.latestAll()) {
      if (!m.window().equals(WINDOW)) {
        continue;
      }
      if (m.scopeLevel().equals(Scopes.CITY) || m.scopeLevel().equals(Scopes.DISTRICT)
          || m.scopeLevel().equals(Scopes.ALL)) {
        String[] s = {m.scopeLevel(), m.scope()};
        if (scopes.stream().noneMatch(x -> x[0].equals(s[0]) && x[1].equals(s[1]))) {
          scopes.add(s);
        }
      }
    }
    scopes.sort(Comparator.<String[], Integer>comparing(s -> s[0].equals(Scopes.ALL) ? 0 : 1).thenComparing(s -> s[1]));
    StringBuilder h = new StringBuilder(pad("范围 (近24小时)", 26));
    for (String[] c : COLUMNS) {
      h.append(pad(c[1], width(c)));
    }
    h.append(pad("在办/超期", 12));
    out.println(h);
    for (String[] s : scopes) {
      String name = s[0].equals(Scopes.ALL) ? "全部" : s[0].equals(Scopes.DISTRICT)
          ? "  " + s[1].substring(s[1].indexOf('/') + 1) : s[1];
      StringBuilder row = new StringBuilder(pad(name, 26));
      for (String[] c : COLUMNS) {
        MetricRecord m = board.latest(c[0], WINDOW, s[0], s[1]);
        row.append(pad(m == null ? "—" : String.format(Locale.ROOT, "%.1f%% (%d)", m.value() * 100, m.denominator()), width(c)));
      }
      long open = 0;
      long overdue = 0;
      for (StreamDefinition d : Catalogue.all()) {
        MetricRecord o = board.latest(d.openCases().id(), WINDOW, s[0], s[1]);
        MetricRecord od = board.latest(d.overdueOpen().id(), WINDOW, s[0], s[1]);
        if (o != null) {
          open += (long) o.value();
        }
        if (od != null) {
          overdue += (long) od.value();
        }
      }
      row.append(pad(open + "/" + overdue, 12));
      out.println(row);
    }
  }

  /** A column's width: its heading's and a space, and room for "99.9% (1234)". */
  private static int width(String[] column) {
    return Math.max(15, displayWidth(column[1]) + 2);
  }

  /** Pads to a display width, counting CJK characters as two columns. */
  public static String pad(String s, int width) {
    return s + " ".repeat(Math.max(1, width - displayWidth(s)));
  }

  /** Columns a terminal gives the text, CJK characters two. */
  static int displayWidth(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      w += (c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3)
          || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60)
          || (c >= 0xffe0 && c <= 0xffe6))) ? 2 : 1;
    }
    return w;
  }

  /**
   * After the job: the alerts not yet printed (without a terminal; on one the table showed them)
   * and the final table. Nothing when quiet.
   */
  public void finish(boolean quiet) {
    if (quiet) {
      return;
    }
    List<AlertRecord> rest = board.takeNewAlerts();
    if (!ansi) {
      printAlerts(rest);
    }
    out.println();
    printTable(board, "Final figures");
  }

  /**
   * Until the job ends: on a terminal, the live table redrawn every 1.5 s; otherwise each alert
   * as it comes. Nothing when quiet.
   */
  public void watch(org.apache.flink.core.execution.JobClient client, boolean quiet) {
    long lastDraw = 0;
    long lastProgress = 0;
    try {
      while (!client.getJobStatus().get().isGloballyTerminalState()) {
        Thread.sleep(250);
        long wall = System.currentTimeMillis();
        if (wall - lastProgress >= 1000) {
          lastProgress = wall;
          ProgressLine.poll(client, wall, board);
        }
        if (quiet) {
          continue;
        }
        if (ansi) {
          long now = System.currentTimeMillis();
          if (now - lastDraw > 1500) {
            board.takeNewAlerts();
            redraw(board, "Live rates — rule-of-law monitor (Ctrl-C to stop)");
            lastDraw = now;
          }
        } else {
          printAlerts(board.takeNewAlerts());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // the job's own result reports why it ended
    }
  }
}
