package io.lawmonitor.streams;

/**
 * What a stream's lifecycle remembers of a case during a walk, as numbers (a flag as 0 or 1, a
 * time, a count) and texts, so that a case folded into its state ({@code FoldedCase}) is walked
 * on from where it was left.
 */
public interface CaseMemory {
  long[] numbers();

  String[] texts();

  /** Takes back what {@link #numbers} and {@link #texts} gave. */
  void restore(long[] numbers, String[] texts);

  static long flag(boolean b) {
    return b ? 1 : 0;
  }
}
