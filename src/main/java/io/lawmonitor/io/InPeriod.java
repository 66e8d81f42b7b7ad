package io.lawmonitor.io;

import io.lawmonitor.runtime.Accounting;
import io.lawmonitor.events.RawEvent;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;

/**
 * A replay's period applied to records from the topics, before they are read: those with an event
 * time outside it are passed over and counted, as lines of files are ({@link FileReading#keeps}).
 */
public final class InPeriod extends RichFilterFunction<RawEvent> {
  private static final long serialVersionUID = 1L;
  private final FileReading range;
  private transient LongCounter outside;

  public InPeriod(FileReading range) {
    this.range = range;
  }

  @Override
  public void open(OpenContext ctx) {
    outside = Accounting.counter(getRuntimeContext(), Accounting.OUTSIDE_PERIOD);
  }

  @Override
  public boolean filter(RawEvent r) {
    boolean keep = range.keeps(r.text() == null ? Long.MIN_VALUE : MergedLines.timeOf(r.text()));
    if (!keep) {
      outside.add(1L);
    }
    return keep;
  }
}
