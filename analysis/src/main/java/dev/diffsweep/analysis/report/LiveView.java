package dev.diffsweep.analysis.report;

import dev.diffsweep.analysis.curves.RunningCurve;
import java.time.Instant;
import java.util.List;

/**
 * What a live report adds: how many trials run and are committed, when it was made, and the running
 * trials' partial curves.
 */
public record LiveView(
    long runningTrials, int committedTrials, Instant updatedAt, List<RunningCurve> curves) {
  /** Seconds after which the browser reloads a live report. */
  public static final int RELOAD_SECONDS = 60;

  public LiveView {
    curves = List.copyOf(curves);
  }
}
