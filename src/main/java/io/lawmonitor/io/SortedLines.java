package io.lawmonitor.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * A file's lines in event-time order, for an export written in another order. Lines with equal
 * times keep their order in the file (lines without a readable time come first). A file that fits
 * the memory budget is sorted in memory; a larger one in runs written to a temporary folder and
 * merged, so that any size sorts in bounded memory.
 */
final class SortedLines implements Iterator<MergedLines.Line>, Closeable {
  /** Files up to this size are sorted in memory. */
  static long inMemoryBytes = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8);
  /** Lines per run written to disk. */
  static int runLines = 200_000;

  private static final Comparator<Item> ORDER =
      Comparator.comparingLong((Item i) -> i.line.eventTime()).thenComparingLong(i -> i.seq);

  private record Item(MergedLines.Line line, long seq, int run) {}

  private final Iterator<MergedLines.Line> inMemory;
  private final List<DataInputStream> runs = new ArrayList<>();
  private final PriorityQueue<Item> heads = new PriorityQueue<>(ORDER);
  private Path folder;

  /** @param read the file's lines in file order, null at its end */
  SortedLines(long fileBytes, Supplier<MergedLines.Line> read) {
    if (fileBytes <= inMemoryBytes) {
      List<MergedLines.Line> all = new ArrayList<>();
      MergedLines.Line l;
      while ((l = read.get()) != null) {
        all.add(l);
      }
      all.sort(Comparator.comparingLong(MergedLines.Line::eventTime)); // stable
      inMemory = all.iterator();
      return;
    }
    inMemory = null;
    try {
      folder = Files.createTempDirectory("rule-of-law-sort");
      long seq = 0;
      List<Item> chunk = new ArrayList<>();
      MergedLines.Line l;
      do {
        l = read.get();
        if (l != null) {
          chunk.add(new Item(l, seq++, runs.size()));
        }
        if (chunk.size() >= runLines || (l == null && !chunk.isEmpty())) {
          chunk.sort(ORDER);
          Path f = folder.resolve("run-" + runs.size());
          try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(f), 1 << 16))) {
            for (Item i : chunk) {
              write(out, i);
            }
          }
          runs.add(new DataInputStream(new BufferedInputStream(Files.newInputStream(f), 1 << 16)));
          chunk.clear();
        }
      } while (l != null);
      for (int r = 0; r < runs.size(); r++) {
        advance(r);
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot sort on disk: " + e.getMessage(), e);
    }
  }

  private static void write(DataOutputStream out, Item i) throws IOException {
    MergedLines.Line l = i.line;
    out.writeLong(i.seq);
    out.writeLong(l.eventTime());
    out.writeInt(l.size());
    bytes(out, l.text().getBytes(StandardCharsets.UTF_8));
    bytes(out, l.origin().getBytes(StandardCharsets.UTF_8));
    out.writeBoolean(l.problem() != null);
    if (l.problem() != null) {
      bytes(out, l.problem().getBytes(StandardCharsets.UTF_8));
      bytes(out, l.raw());
    }
  }

  private static void bytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return b;
  }

  private void advance(int run) throws IOException {
    DataInputStream in = runs.get(run);
    long seq;
    try {
      seq = in.readLong();
    } catch (EOFException end) {
      return;
    }
    long time = in.readLong();
    int size = in.readInt();
    String text = new String(bytes(in), StandardCharsets.UTF_8);
    String origin = new String(bytes(in), StandardCharsets.UTF_8);
    String problem = null;
    byte[] raw = null;
    if (in.readBoolean()) {
      problem = new String(bytes(in), StandardCharsets.UTF_8);
      raw = bytes(in);
    }
    heads.add(new Item(new MergedLines.Line(text, origin, size, time, problem, raw), seq, run));
  }

  @Override
  public boolean hasNext() {
    return inMemory != null ? inMemory.hasNext() : !heads.isEmpty();
  }

  @Override
  public MergedLines.Line next() {
    if (inMemory != null) {
      return inMemory.next();
    }
    Item i = heads.poll();
    if (i == null) {
      throw new NoSuchElementException();
    }
    try {
      advance(i.run);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a sorted run back: " + e.getMessage(), e);
    }
    return i.line;
  }

  @Override
  public void close() {
    for (DataInputStream in : runs) {
      try {
        in.close();
      } catch (IOException ignored) {
        // a temporary file about to be deleted
      }
    }
    runs.clear();
    if (folder != null) {
      try (var files = Files.list(folder)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(f);
        }
        Files.deleteIfExists(folder);
      } catch (IOException ignored) {
        // the temporary folder is the system's to clear
      }
      folder = null;
    }
  }
}
