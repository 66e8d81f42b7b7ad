package io.lawmonitor.generate;

import io.lawmonitor.calendar.WorkCalendar;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  @Option(names = "--events", paramLabel = "N", defaultValue = "57000", description = "about how many events (default: ${DEFAULT-VALUE})")
  long events;

  @Option(names = "--days", paramLabel = "D", defaultValue = "17", description = "days of events (default: ${DEFAULT-VALUE})")
  int days;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "20261124", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--start", paramLabel = "DATE", defaultValue = "2026-09-26",
      description = "first day, Asia/Shanghai (default: ${DEFAULT-VALUE}, so the sample spans 中秋 and 国庆)")
  LocalDate start;

  @Option(names = "--no-episodes", negatable = false, description = "leave out the slippage episodes")
  boolean noEpisodes;

  @Option(names = "--bad-input", description = "also write bad-input.jsonl (directory output only)")
  boolean badInput;

  @Override
  public Integer call() throws IOException {
    if (events < 1 || days < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--events and --days must be 1 or more");
    }
    SampleGenerator g = new SampleGenerator(
        new SampleGenerator.Options(start, days, events, seed, !noEpisodes), WorkCalendar.bundled());
    Map<SampleGenerator.Stream, List<SampleGenerator.Line>> byStream = g.generate();
    long total = 0;
    if (out.toString().endsWith(".jsonl")) {
      List<SampleGenerator.Line> all = new ArrayList<>();
      byStream.values().forEach(all::addAll);
      all.sort(Comparator.comparingLong(SampleGenerator.Line::time));
      if (out.toAbsolutePath().getParent() != null) {
        Files.createDirectories(out.toAbsolutePath().getParent());
      }
      total = write(out, all.stream().map(SampleGenerator.Line::json).toList());
      System.out.println("Wrote " + total + " events to " + out);
      return 0;
    }
    Files.createDirectories(out);
    for (var e : byStream.entrySet()) {
      Path f = out.resolve(e.getKey().name().toLowerCase(Locale.ROOT) + ".jsonl");
      long n = write(f, e.getValue().stream().map(SampleGenerator.Line::json).toList());
      total += n;
      System.out.println("Wrote " + n + " events to " + f);
    }
    if (badInput) {
      Path f = out.resolve("bad-input.jsonl");
      long n = write(f, BadInput.lines(byStream, g.endMillis()));
      total += n;
      System.out.println("Wrote " + n + " lines of bad input to " + f);
    }
    System.out.println("Total " + total + " lines.");
    return 0;
  }

  private static long write(Path f, List<String> lines) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
      for (String l : lines) {
        w.write(l);
        w.write('\n');
      }
    }
    return lines.size();
  }
}
