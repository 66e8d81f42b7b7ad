package io.lawmonitor.generate;

import io.lawmonitor.events.StreamKind;
import io.lawmonitor.calendar.WorkCalendar;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code generate}: synthetic events at any volume, for samples, benchmarks and soak tests. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write synthetic events: to one .jsonl file, or to a directory with one file per stream"
        + " (plus bad-input.jsonl with --bad-input). Seeded: the same flags give the same events.")
public final class GenerateCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "FILE|DIR", description = "a .jsonl file, or a directory")
  Path out;

  @Option(names = "--events", paramLabel = "N",
      description = "exactly this many events (default: the bundled sample's volume, about 51,000 over 17 days)")
  Long events;

  /** The volume the generator is tuned for when no number is asked. */
  static final long SAMPLE_TARGET = 57_000;

  @Option(names = "--days", paramLabel = "D", defaultValue = "17", description = "days of events (default: ${DEFAULT-VALUE})")
  int days;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "20261124", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--start", paramLabel = "DATE", defaultValue = "2026-09-26",
      description = "first day, Asia/Shanghai (default: ${DEFAULT-VALUE}, so the sample spans 中秋 and 国庆)")
  LocalDate start;

  @Option(names = "--cases-per-day", paramLabel = "N",
      description = "new cases a day over 12345, enforcement, review and mediation (the others in proportion), instead of a number of events (with --events: until N events)")
  Double casesPerDay;

  @Option(names = "--cities", paramLabel = "K",
      description = "events from the first K of the four cities (default: all four)")
  Integer cities;

  @Option(names = "--no-episodes", negatable = false, description = "leave out the slippage episodes")
  boolean noEpisodes;

  @Option(names = "--bad-input", description = "also write bad-input.jsonl (directory output only)")
  boolean badInput;

  @Override
  public Integer call() throws IOException {
    if ((events != null && events < 1) || days < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--events and --days must be 1 or more");
    }
    if ((casesPerDay != null && !(casesPerDay > 0)) || (cities != null && (cities < 1 || cities > SampleGenerator.cityCount()))) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--cases-per-day must be above 0 and --cities from 1 to " + SampleGenerator.cityCount());
    }
    boolean oneFile = out.toString().endsWith(".jsonl");
    if (oneFile && out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    } else if (!oneFile) {
      Files.createDirectories(out);
    }
    // the case mix gives about the events asked for: a little more is generated and the period cut
    // where the Nth event is (cases running then stay open, as at the end of any export); should
    // the period end first, it is generated again with more cases a day
    long target = events == null ? SAMPLE_TARGET : events + events / 25 + 100; // unused with --cases-per-day
    while (true) {
      SampleGenerator g = new SampleGenerator(new SampleGenerator.Options(start, days, target, seed, !noEpisodes,
          casesPerDay == null ? 0 : casesPerDay, cities == null ? SampleGenerator.cityCount() : cities), WorkCalendar.bundled());
      long[] written = new long[StreamKind.values().length];
      long made;
      try (Writers w = new Writers(out, oneFile)) {
        long limit = events == null ? Long.MAX_VALUE : events;
        long[] total = {0};
        made = g.generate((stream, line) -> {
          w.write(stream, line.json());
          written[stream.ordinal()]++;
          return ++total[0] < limit;
        });
      }
      if (events != null && made < events && casesPerDay != null) {
        System.err.println("The " + days + " days hold " + made + " events at " + casesPerDay + " cases a day: all written.");
      } else if (events != null && made < events) {
        target = Math.max(target + 1, (long) Math.ceil(target * (events * 1.02 / Math.max(1, made))));
        continue;
      }
      if (oneFile) {
        System.out.println("Wrote " + made + " events to " + out);
        return 0;
      }
      for (StreamKind st : StreamKind.values()) {
        System.out.println("Wrote " + written[st.ordinal()] + " events to " + Writers.file(out, st));
      }
      long total = made;
      if (badInput) {
        Path f = out.resolve("bad-input.jsonl");
        List<String> bad = BadInput.lines(Writers.file(out, StreamKind.HOTLINE),
            Writers.file(out, StreamKind.ENFORCEMENT), g.endMillis());
        Files.write(f, bad, StandardCharsets.UTF_8);
        total += bad.size();
        System.out.println("Wrote " + bad.size() + " lines of bad input to " + f);
      }
      System.out.println("Total " + total + " lines.");
      return 0;
    }
  }

  /** One file for all events, or one per stream in a directory. */
  private static final class Writers implements AutoCloseable {
    private final BufferedWriter[] byStream = new BufferedWriter[StreamKind.values().length];

    Writers(Path out, boolean oneFile) throws IOException {
      if (oneFile) {
        Arrays.fill(byStream, Files.newBufferedWriter(out, StandardCharsets.UTF_8));
      } else {
        for (StreamKind s : StreamKind.values()) {
          byStream[s.ordinal()] = Files.newBufferedWriter(file(out, s), StandardCharsets.UTF_8);
        }
      }
    }

    static Path file(Path dir, StreamKind s) {
      return dir.resolve(s.wireName() + ".jsonl");
    }

    void write(StreamKind s, String json) throws IOException {
      BufferedWriter w = byStream[s.ordinal()];
      w.write(json);
      w.write('\n');
    }

    @Override
    public void close() throws IOException {
      for (BufferedWriter w : new java.util.LinkedHashSet<>(Arrays.asList(byStream))) {
        w.close();
      }
    }
  }
}
