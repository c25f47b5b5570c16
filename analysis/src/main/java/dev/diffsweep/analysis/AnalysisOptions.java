package dev.diffsweep.analysis;

import dev.diffsweep.analysis.stats.BootstrapSettings;
import dev.diffsweep.analysis.stats.ScoreNormalization;

/**
 * What the aggregation computes.
 *
 * @param gridPoints points of the common env-step grid per task
 * @param finalFraction the final return is the mean over this last fraction of evaluations
 * @param thresholdFraction steps-to-threshold uses, per task, the return this fraction of the way
 *     from the task's lowest evaluation return in the study to the best final return (IQM) of any
 *     agent: for tasks with returns starting at 0 that is this fraction of the best final return,
 *     and it stays meaningful for tasks with negative returns (Reacher, Pusher)
 * @param bootstrap interval settings (replicates, level, seed)
 * @param normalization how scores are made comparable across tasks for aggregates
 * @param plots whether to draw PNG/SVG plots (the report embeds them)
 */
public record AnalysisOptions(
    int gridPoints,
    double finalFraction,
    double thresholdFraction,
    BootstrapSettings bootstrap,
    ScoreNormalization.Kind normalization,
    boolean plots) {

  public static final AnalysisOptions DEFAULT =
      new AnalysisOptions(
          101, 0.1, 0.8, BootstrapSettings.DEFAULT, ScoreNormalization.Kind.MIN_MAX, true);

  public AnalysisOptions {
    if (gridPoints < 2) {
      throw new IllegalArgumentException("grid points must be >= 2, got " + gridPoints);
    }
    if (!(finalFraction > 0 && finalFraction <= 1)) {
      throw new IllegalArgumentException("final fraction must be in (0, 1], got " + finalFraction);
    }
    if (!(thresholdFraction > 0 && thresholdFraction <= 1)) {
      throw new IllegalArgumentException(
          "threshold fraction must be in (0, 1], got " + thresholdFraction);
    }
  }

  public AnalysisOptions withBootstrap(BootstrapSettings settings) {
    return new AnalysisOptions(
        gridPoints, finalFraction, thresholdFraction, settings, normalization, plots);
  }

  public AnalysisOptions withThresholdFraction(double fraction) {
    return new AnalysisOptions(
        gridPoints, finalFraction, fraction, bootstrap, normalization, plots);
  }

  public AnalysisOptions withNormalization(ScoreNormalization.Kind kind) {
    return new AnalysisOptions(
        gridPoints, finalFraction, thresholdFraction, bootstrap, kind, plots);
  }

  public AnalysisOptions withPlots(boolean draw) {
    return new AnalysisOptions(
        gridPoints, finalFraction, thresholdFraction, bootstrap, normalization, draw);
  }
}
