package io.lawmonitor.serial;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * How a serializer written by hand puts a record's strings and enum constants: names (a region, an
 * agency, a coded attribute: a few hundred values a run) are read back as shared instances, ids
 * (eventIds, caseIds, origins: a new value nearly every time) as strings of their own. Between
 * operators, {@link Names}: enum constants by position, times as they are, no record longer than
 * the run. In state, {@link StateCodec}: enum constants by name, each string once a record,
 * times as the difference from the time before them.
 */
public interface Codec {
  void writeName(String s, DataOutputView out) throws IOException;

  String readName(DataInputView in) throws IOException;

  void writeId(String s, DataOutputView out) throws IOException;

  String readId(DataInputView in) throws IOException;

  void writeEnum(Enum<?> e, DataOutputView out) throws IOException;

  /** An instant in epoch milliseconds, or Long.MIN_VALUE / Long.MAX_VALUE as the unknown or none. */
  void writeTime(long t, DataOutputView out) throws IOException;

  long readTime(DataInputView in) throws IOException;

  <E extends Enum<E>> E readEnum(E[] constants, DataInputView in) throws IOException;
}
