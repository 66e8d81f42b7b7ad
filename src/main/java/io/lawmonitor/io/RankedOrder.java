package io.lawmonitor.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * An order by a few fields, each a name or a number, compared in turn: names by {@link
 * String#compareTo}, numbers numerically. Its {@link #sorter()} sorts a batch of records (those a
 * writer releases at one watermark) by each record's ranks packed in one number, instead of
 * comparing the records' fields a logarithm of the batch's size times each. A batch whose ranks do
 * not fit in 64 bits is sorted by comparison. Either way the sort is stable and the result the same.
 */
public final class RankedOrder<T> implements JsonLinesSink.Order<T> {
  private static final long serialVersionUID = 1L;

  /** One field: a name (compared as text) or a number. */
  public interface Field<T> extends java.io.Serializable {}

  /** A name field. */
  public interface Name<T> extends Field<T>, Function<T, String> {}

  /** A number field. */
  public interface Number<T> extends Field<T>, ToLongFunction<T> {}

  private final List<Field<T>> fields;

  @SafeVarargs
  public RankedOrder(Field<T>... fields) {
    this.fields = List.of(fields);
  }

  @SuppressWarnings("unchecked")
  @Override
  public int compare(T a, T b) {
    for (Field<T> f : fields) {
      int c;
      if (f instanceof Name<T> n) {
        String x = n.apply(a);
        String y = n.apply(b);
        c = x == y ? 0 : x.compareTo(y);
      } else {
        c = Long.compare(((Number<T>) f).applyAsLong(a), ((Number<T>) f).applyAsLong(b));
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @Override
  public JsonLinesSink.Sorter<T> sorter() {
    return new Ranking();
  }

  /**
   * One writer's sorting: the names seen so far, ranked in text order, so that a record's name is
   * one hash lookup (a name's hash is kept in the string); a batch with a name not seen before ranks
   * them all again, which stops happening once every scope has been seen. Numbers are ranked per
   * batch, a sort of primitives.
   */
  private final class Ranking implements JsonLinesSink.Sorter<T> {
    /** Per field, the names seen so far and their ranks (unused for a number field). */
    private final List<java.util.HashMap<String, Integer>> ranks = new ArrayList<>();

    Ranking() {
      for (int i = 0; i < fields.size(); i++) {
        ranks.add(new java.util.HashMap<>());
      }
    }

    @SuppressWarnings("unchecked")
    @Override
    public void sort(List<T> records) {
      int n = records.size();
      if (n < 64) {
        records.sort(RankedOrder.this);
        return;
      }
      int place = 64 - Long.numberOfLeadingZeros(n - 1); // the record's place, below its ranks
      int bits = place;
      long[] keys = new long[n];
      int[] rank = new int[n];
      for (int f = 0; f < fields.size(); f++) {
        int distinct;
        if (fields.get(f) instanceof Name<T> name) {
          distinct = nameRanks(f, name, records, rank);
        } else {
          distinct = numberRanks((Number<T>) fields.get(f), records, rank);
        }
        int width = distinct <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(distinct - 1);
        bits += width;
        if (bits > 63) {
          records.sort(RankedOrder.this);
          return;
        }
        for (int i = 0; i < n; i++) {
          keys[i] = keys[i] << width | rank[i];
        }
      }
      for (int i = 0; i < n; i++) {
        keys[i] = keys[i] << place | i;
      }
      Arrays.sort(keys);
      Object[] sorted = new Object[n];
      long mask = (1L << place) - 1;
      for (int i = 0; i < n; i++) {
        sorted[i] = records.get((int) (keys[i] & mask));
      }
      for (int i = 0; i < n; i++) {
        records.set(i, (T) sorted[i]);
      }
    }

    /** Each record's name's rank among all the names seen; returns how many there are. */
    private int nameRanks(int f, Name<T> name, List<T> records, int[] rank) {
      java.util.HashMap<String, Integer> byText = ranks.get(f);
      boolean fresh = false;
      for (int i = 0; i < records.size(); i++) {
        String v = name.apply(records.get(i));
        Integer r = byText.get(v);
        if (r == null) {
          byText.put(v, -1);
          fresh = true;
        } else {
          rank[i] = r;
        }
      }
      if (fresh) {
        String[] all = byText.keySet().toArray(new String[0]);
        Arrays.sort(all);
        for (int r = 0; r < all.length; r++) {
          byText.put(all[r], r);
        }
        for (int i = 0; i < records.size(); i++) {
          rank[i] = byText.get(name.apply(records.get(i)));
        }
      }
      return byText.size();
    }

    /** Each record's number's rank among the batch's distinct numbers; returns how many there are. */
    private int numberRanks(Number<T> number, List<T> records, int[] rank) {
      int n = records.size();
      long[] values = new long[n];
      for (int i = 0; i < n; i++) {
        values[i] = number.applyAsLong(records.get(i));
      }
      long[] sorted = values.clone();
      Arrays.sort(sorted);
      int m = 0;
      for (int i = 0; i < n; i++) {
        if (i == 0 || sorted[i] != sorted[i - 1]) {
          sorted[m++] = sorted[i];
        }
      }
      for (int i = 0; i < n; i++) {
        rank[i] = Arrays.binarySearch(sorted, 0, m, values[i]);
      }
      return m;
    }
  }
}
