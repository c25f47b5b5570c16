package dev.diffsweep.analysis.stats;

/**
 * Quantiles of a sorted sample with linear interpolation between order statistics (numpy's default,
 * which rliable's percentile intervals use).
 */
public final class Quantile {
  private Quantile() {}

  /** The {@code q}-quantile (0 to 1) of an ascending {@code sorted}; NaN when it is empty. */
  public static double ofSorted(double[] sorted, double q) {
    return ofSorted(sorted, sorted.length, q);
  }

  /** As {@link #ofSorted(double[], double)} over the first {@code length} entries only. */
  public static double ofSorted(double[] sorted, int length, double q) {
    if (length == 0) {
      return Double.NaN;
    }
    double position = q * (length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, length - 1);
    double weight = position - below;
    if (weight == 0 || sorted[below] == sorted[above]) {
      return sorted[below];
    }
    return sorted[below] + weight * (sorted[above] - sorted[below]);
  }
}
