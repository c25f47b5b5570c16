package dev.diffsweep.analysis.stats;

import java.util.Arrays;

/** A two-sided interval estimate; NaN bounds when there was nothing to resample. */
public record ConfidenceInterval(double low, double high) {

  /**
   * The percentile interval of bootstrap replicates: the {@code (1 - level) / 2} and {@code (1 +
   * level) / 2} quantiles. NaN replicates (a statistic undefined in that resample) are left out;
   * infinite ones are kept, so an interval may be unbounded.
   */
  public static ConfidenceInterval percentile(double[] replicates, double level) {
    double[] defined = Arrays.stream(replicates).filter(r -> !Double.isNaN(r)).toArray();
    Arrays.sort(defined);
    double tail = (1 - level) / 2;
    return new ConfidenceInterval(
        Quantile.ofSorted(defined, tail), Quantile.ofSorted(defined, 1 - tail));
  }

  public boolean contains(double value) {
    return value >= low && value <= high;
  }
}
