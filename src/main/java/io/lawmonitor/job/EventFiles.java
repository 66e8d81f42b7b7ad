package io.lawmonitor.job;

import io.lawmonitor.io.FileReading;
import io.lawmonitor.io.InputFiles;
import io.lawmonitor.io.MergedLines;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The event files a command reads, and their encoding: one set of options for every command that reads files. */
public final class EventFiles {
  @Option(names = "--events", paramLabel = "PATH",
      description = "a .jsonl file or a directory of them (repeatable; default: sample-events/)")
  List<String> events;

  @Option(names = "--encoding", paramLabel = "NAME", defaultValue = MergedLines.DEFAULT_ENCODING,
      description = "the files' encoding: UTF-8 (default), GB18030, GBK, … A line that is not valid in it is a"
          + " BAD_ENCODING dead letter")
  String encoding;

  /** The readable .jsonl files named (default: sample-events/), in a stable order; a usage error if there are none. */
  List<String> files(CommandLine cmd) {
    try {
      MergedLines.charset(encoding);
      return InputFiles.expand(events == null || events.isEmpty() ? List.of("sample-events") : events);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cmd, e.getMessage());
    }
  }

  /** How to read them: in the declared encoding, each in its own order, every event. */
  FileReading reading() {
    return FileReading.defaults().withEncoding(encoding);
  }
}
