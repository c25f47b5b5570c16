package dev.diffsweep.analysis.stats;

import java.util.Arrays;

/**
 * The interquartile mean (IQM) of Agarwal et al. (2021): the mean of the middle 50 % of the scores.
 * Like scipy's {@code trim_mean(x, 0.25)}, it drops {@code floor(n / 4)} scores from each end of
 * the sorted sample, so it is robust to outlier runs yet uses more data than the median.
 */
public final class InterquartileMean {
  private InterquartileMean() {}

  /** The IQM of {@code scores}; NaN for an empty sample. The input is not modified. */
  public static double of(double[] scores) {
    if (scores.length == 0) {
      return Double.NaN;
    }
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    int cut = trimmedPerSide(sorted.length);
    double sum = 0;
    for (int i = cut; i < sorted.length - cut; i++) {
      sum += sorted[i];
    }
    return sum / (sorted.length - 2 * cut);
  }

  /** How many scores a sample of {@code size} loses at each end. */
  static int trimmedPerSide(int size) {
    return size / 4;
  }
}
