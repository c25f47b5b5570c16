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
    int[] defined = new int[tasks]; // NaN scores sort last and are never above a threshold
    long[][] fromHere = new long[tasks][];
    for (int t = 0; t < tasks; t++) {
      int n = sorted[t].length;
      while (n > 0 && Double.isNaN(sorted[t][n - 1])) {
        n--;
      }
      defined[t] = n;
      fromHere[t] = new long[sorted[t].length + 1];
    }
    double[] point = new double[taus.length];
    suffixSums(counts, fromHere);
    for (int k = 0; k < taus.length; k++) {
      point[k] = fractionAbove(sorted, defined, fromHere, taus[k]);
    }
    double[][] replicates = new double[taus.length][settings.replicates()];
    for (int b = 0; b < settings.replicates(); b++) {
      for (int t = 0; t < tasks; t++) {
        draws[t].resample(counts[t]);
      }
      suffixSums(counts, fromHere);
      for (int k = 0; k < taus.length; k++) {
        replicates[k][b] = fractionAbove(sorted, defined, fromHere, taus[k]);
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

  /** {@code fromHere[t][i]}: how many draws task t's runs i, i + 1, ... got (sorted order). */
  private static void suffixSums(int[][] counts, long[][] fromHere) {
    for (int t = 0; t < counts.length; t++) {
      long[] suffix = fromHere[t];
      for (int i = counts[t].length - 1; i >= 0; i--) {
        suffix[i] = suffix[i + 1] + counts[t][i];
      }
    }
  }

  /**
   * The task-averaged fraction of draws above {@code tau}: per task, the runs above it are a run of
   * the sorted scores found by binary search, their draws a difference of suffix sums (counts are
   * integers, so this equals counting run by run).
   */
  private static double fractionAbove(
      double[][] sorted, int[] defined, long[][] fromHere, double tau) {
    double sum = 0;
    for (int t = 0; t < sorted.length; t++) {
      int lo = 0;
      int hi = defined[t];
      while (lo < hi) { // first defined score above tau
        int mid = (lo + hi) >>> 1;
        if (sorted[t][mid] > tau) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      long above = fromHere[t][lo] - fromHere[t][defined[t]];
      long total = fromHere[t][0];
      sum += (double) above / total;
    }
    return sum / sorted.length;
  }

  /** Fraction of runs above each tau, with its interval. */
  public record Profile(double[] taus, double[] fraction, double[] low, double[] high) {}
}
