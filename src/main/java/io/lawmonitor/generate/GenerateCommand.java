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

  @Option(names = "--no-episodes", negatable = false, description = "leave out the slippage episodes")
  boolean noEpisodes;

  @Option(names = "--bad-input", description = "also write bad-input.jsonl (directory output only)")
  boolean badInput;

  @Override
  public Integer call() throws IOException {
    if ((events != null && events < 1) || days < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--events and --days must be 1 or more");
    }
    // the case mix gives about the events asked for; a little more is generated, and the period cut
    // where the Nth event is (cases running then stay open, as at the end of any export)
    SampleGenerator g = null;
    Map<SampleGenerator.Stream, List<SampleGenerator.Line>> byStream = null;
    long target = events == null ? SAMPLE_TARGET : events;
    for (int attempt = 0; attempt < 6; attempt++) {
      g = new SampleGenerator(new SampleGenerator.Options(start, days, target, seed, !noEpisodes), WorkCalendar.bundled());
      byStream = g.generate();
      long made = byStream.values().stream().mapToLong(List::size).sum();
      if (events == null || made >= events) {
        break;
      }
      target = Math.max(target + 1, (long) Math.ceil(target * (events * 1.02 / Math.max(1, made))));
    }
    if (events != null) {
      byStream = firstInTime(byStream, events);
    }
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

  /** The first {@code n} events in time order (all of them if fewer), still by stream. */
  static Map<SampleGenerator.Stream, List<SampleGenerator.Line>> firstInTime(
      Map<SampleGenerator.Stream, List<SampleGenerator.Line>> byStream, long n) {
    long total = byStream.values().stream().mapToLong(List::size).sum();
    if (total <= n) {
      return byStream;
    }
    long[] times = byStream.values().stream().flatMap(List::stream).mapToLong(SampleGenerator.Line::time).sorted().toArray();
    long cut = times[(int) n - 1];
    long atCut = n - java.util.Arrays.stream(times).filter(t -> t < cut).count(); // how many at the cut's time stay
    Map<SampleGenerator.Stream, List<SampleGenerator.Line>> out = new java.util.LinkedHashMap<>();
    for (var e : byStream.entrySet()) {
      List<SampleGenerator.Line> kept = new ArrayList<>();
      for (SampleGenerator.Line l : e.getValue()) {
        if (l.time() < cut || (l.time() == cut && atCut-- > 0)) {
          kept.add(l);
        }
      }
      out.put(e.getKey(), kept);
    }
    return out;
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
