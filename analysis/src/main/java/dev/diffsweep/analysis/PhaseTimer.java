package dev.diffsweep.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/** Seconds spent in each phase of the job, in order, for the console and the benchmark. */
final class PhaseTimer {
  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private long last = System.nanoTime();

  void lap(String phase) {
    long now = System.nanoTime();
    seconds.merge(phase, (now - last) / 1e9, Double::sum);
    last = now;
  }

  Map<String, Double> seconds() {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
  }
}
