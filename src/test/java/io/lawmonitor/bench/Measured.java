package io.lawmonitor.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs another main in this JVM and, when the JVM exits (System.exit included), writes what it
 * peaked at: the heap in use (sampled every 50 ms) and the process's resident memory (VmHWM).
 * Arguments: the report file, the main class, then its arguments.
 */
public final class Measured {
  private Measured() {}

  public static void main(String[] args) throws Throwable {
    Path report = Path.of(args[0]);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    AtomicLong peakHeap = new AtomicLong();
    Thread sampler = new Thread(() -> {
      while (true) {
        peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      try {
        Files.writeString(report, "peakHeapBytes=" + peakHeap.get() + "\nvmHwmKb=" + vmHwmKb() + "\n", StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        System.err.println("could not write " + report + ": " + e);
      }
    }));
    Class.forName(args[1]).getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
  }

  /** The process's peak resident set (Linux), or -1. */
  static long vmHwmKb() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmHWM:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
      }
    } catch (java.io.IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
