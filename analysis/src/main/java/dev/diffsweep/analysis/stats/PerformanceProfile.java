package dev.diffsweep.analysis.stats;

import java.util.Arrays;
import java.util.List;

/**
 * The score distribution of Agarwal et al. (2021): for each threshold tau, the fraction of runs
 * whose (normalised) score exceeds tau, averaged over tasks so that each task weighs the same; the
 * band is a stratified-bootstrap percentile interval.
 */
public final class PerformanceProfile {
  private PerformanceProfile() {}

  /** The profile at each of {@code taus}; {@code scoresByTask.get(t)} holds task t's runs. */
  public static Profile estimate(
      List<double[]> scoresByTask, double[] taus, BootstrapSettings settings) {
    int tasks = scoresByTask.size();
    double[][] sorted = new double[tasks][];
    int[][] counts = new int[tasks][];
    StratifiedBootstrap[] draws = new StratifiedBootstrap[tasks];
    for (int t = 0; t < tasks; t++) {
      sorted[t] = scoresByTask.get(t).clone();
      Arrays.sort(sorted[t]);
      counts[t] = new int[sorted[t].length];
      Arrays.fill(counts[t], 1);
      draws[t] = StratifiedBootstrap.unstratified(sorted[t].length, settings.seed() + t);
    }
    double[] point = new double[taus.length];
    for (int k = 0; k < taus.length; k++) {
      point[k] = fractionAbove(sorted, counts, taus[k]);
    }
    double[][] replicates = new double[taus.length][settings.replicates()];
    for (int b = 0; b < settings.replicates(); b++) {
      for (int t = 0; t < tasks; t++) {
        draws[t].resample(counts[t]);
      }
      for (int k = 0; k < taus.length; k++) {
        replicates[k][b] = fractionAbove(sorted, counts, taus[k]);
      }
    }
    double[] low = new double[taus.length];
    double[] high = new double[taus.length];
    for (int k = 0; k < taus.length; k++) {
      ConfidenceInterval ci = ConfidenceInterval.percentile(replicates[k], settings.level());
      low[k] = ci.low();
      high[k] = ci.high();
    }
    return new Profile(taus.clone(), point, low, high);
  }

  private static double fractionAbove(double[][] sorted, int[][] counts, double tau) {
    double sum = 0;
    for (int t = 0; t < sorted.length; t++) {
      long above = 0;
      long total = 0;
      for (int i = sorted[t].length - 1; i >= 0; i--) {
        total += counts[t][i];
        if (sorted[t][i] > tau) {
          above += counts[t][i];
        }
      }
      sum += (double) above / total;
    }
    return sum / sorted.length;
  }

  /** Fraction of runs above each tau, with its interval. */
  public record Profile(double[] taus, double[] fraction, double[] low, double[] high) {}
}
