package dev.railway.sim;

import java.util.ArrayList;
import java.util.List;

/** The run step by step, each line stamped with the simulated time since the start. */
final class Trace {
  private final SimulatedClock clock;
  private final List<String> lines = new ArrayList<>();

  Trace(SimulatedClock clock) {
    this.clock = clock;
  }

  void note(String line) {
    lines.add("t+" + clock.elapsed().toMillis() + "ms " + line);
  }

  List<String> lines() {
    return lines;
  }
}
