package io.lawmonitor.metrics;

import io.lawmonitor.catalogue.Catalogue;
import io.lawmonitor.streams.ClockSpec;
import io.lawmonitor.streams.Contribution;
import io.lawmonitor.lifecycle.Fact;
import io.lawmonitor.streams.StreamDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * Which metrics an outcome fact moves, and by how much: the formulas of the README's "Metrics".
 * What every stream's facts do is here (a clock's outcome counts in its rate, a case opened or
 * ended moves the open gauge, an overdue one the overdue gauge); the rest is the stream's own.
 */
public final class Contributions {
  private Contributions() {}

  public static List<Contribution> of(Fact f) {
    List<Contribution> out = new ArrayList<>(2);
    StreamDefinition d = Catalogue.of(f.stream());
    int s = f.sign();
    switch (f.kind()) {
      case ONTIME, OVERDUE -> {
        ClockSpec clock = d.clock(f.detail());
        if (clock != null) {
          out.add(new Contribution(clock.rate(), f.kind() == io.lawmonitor.lifecycle.FactKind.ONTIME ? s : 0, s));
        }
      }
      case OPENED -> out.add(new Contribution(d.openCases(), s, 0));
      case ENDED -> out.add(new Contribution(d.openCases(), -s, 0));
      case OVERDUE_BEGAN -> out.add(new Contribution(d.overdueOpen(), s, 0));
      case OVERDUE_ENDED -> out.add(new Contribution(d.overdueOpen(), -s, 0));
      default -> { }
    }
    d.contribute(f, out::add);
    return out;
  }
}
