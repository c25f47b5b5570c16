package dev.diffsweep.analysis.curves;

/**
 * The evaluations a running trial has written so far (its run folder's parts), for the live
 * report's plots only: no statistic reads it.
 *
 * @param config the configuration label, as for committed trials (empty without a grid)
 * @param envSteps evaluation env steps, ascending
 * @param returns the evaluations' mean returns, one per step
 */
public record RunningCurve(
    String trialId,
    String algorithm,
    String task,
    int seed,
    String config,
    double[] envSteps,
    double[] returns) {

  /** The committed series this trial will join: algorithm, with its configuration if any. */
  public String seriesLabel() {
    return config.isEmpty() ? algorithm : algorithm + " [" + config + "]";
  }

  /** Its line's legend entry, e.g. {@code sac seed 3 (running)}. */
  public String label() {
    return seriesLabel() + " seed " + seed + " (running)";
  }

  public int evaluations() {
    return envSteps.length;
  }
}
