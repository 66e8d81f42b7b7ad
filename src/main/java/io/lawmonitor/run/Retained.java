package io.lawmonitor.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * A checkpoint or savepoint a job left behind, found without the user hunting for {@code chk-N}:
 * Flink writes checkpoints as {@code DIR/JOB_ID/chk-N/_metadata} and savepoints as
 * {@code DIR/savepoint-JOBID-xxxx/_metadata}; one is complete once its {@code _metadata} exists.
 *
 * @param path what Flink restores from (the folder holding {@code _metadata})
 * @param kind checkpoint or savepoint
 * @param writtenAt when its {@code _metadata} was written (epoch millis)
 */
public record Retained(String path, String kind, long writtenAt) {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  /** The newest complete checkpoint under a checkpoints folder (any run's) or savepoint under a savepoints folder. */
  public static Optional<Retained> newest(String checkpointsDir, String savepointsDir) {
    List<Retained> all = new ArrayList<>();
    if (checkpointsDir != null) {
      for (FileStatus run : list(new Path(checkpointsDir))) {
        for (FileStatus chk : list(run.getPath())) {
          if (chk.getPath().getName().matches("chk-\\d+")) {
            complete(chk, "checkpoint").ifPresent(all::add);
          }
        }
      }
    }
    if (savepointsDir != null) {
      all.addAll(savepoints(savepointsDir, ""));
    }
    return all.stream().max(Comparator.comparingLong(Retained::writtenAt).thenComparing(Retained::number));
  }

  /** The newest savepoint of one job (by the first six characters of its id, as Flink names them). */
  public static Optional<Retained> newestSavepoint(String savepointsDir, String jobId) {
    return savepoints(savepointsDir, jobId.substring(0, 6)).stream().max(Comparator.comparingLong(Retained::writtenAt));
  }

  private static List<Retained> savepoints(String dir, String jobPrefix) {
    List<Retained> out = new ArrayList<>();
    for (FileStatus sp : list(new Path(dir))) {
      if (sp.getPath().getName().startsWith("savepoint-" + jobPrefix)) {
        complete(sp, "savepoint").ifPresent(out::add);
      }
    }
    return out;
  }

  /** For a person: which one, of which run, and when. */
  public String describe() {
    Path p = new Path(path);
    String which = kind.equals("checkpoint") ? "checkpoint " + p.getName() + " of job " + p.getParent().getName()
        : "savepoint " + p.getName();
    return which + ", written " + TIME.format(Instant.ofEpochMilli(writtenAt));
  }

  private long number() {
    String name = new Path(path).getName();
    return name.startsWith("chk-") ? Long.parseLong(name.substring(4)) : 0;
  }

  private static Optional<Retained> complete(FileStatus dir, String kind) {
    try {
      Path metadata = new Path(dir.getPath(), "_metadata");
      FileSystem fs = metadata.getFileSystem();
      if (!fs.exists(metadata)) {
        return Optional.empty(); // being written when the process stopped
      }
      return Optional.of(new Retained(dir.getPath().toUri().toString(), kind, fs.getFileStatus(metadata).getModificationTime()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<FileStatus> list(Path dir) {
    try {
      FileSystem fs = dir.getFileSystem();
      if (!fs.exists(dir)) {
        return List.of();
      }
      FileStatus[] found = fs.listStatus(dir);
      List<FileStatus> dirs = new ArrayList<>();
      if (found != null) {
        for (FileStatus f : found) {
          if (f.isDir()) {
            dirs.add(f);
          }
        }
      }
      return dirs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
