package dev.diffsweep.analysis.curves;

/**
 * Steps to reach a return threshold: the first env step at which a curve sampled on a grid reaches
 * the threshold, interpolated linearly between the two grid points around the crossing.
 */
public final class ThresholdCrossing {
  private ThresholdCrossing() {}

  /**
   * @return the env step of the first crossing; NaN if the curve never reaches the threshold
   *     (undefined points, NaN, are skipped)
   */
  public static double firstStep(long[] steps, double[] values, double threshold) {
    int previous = -1;
    for (int i = 0; i < steps.length; i++) {
      if (Double.isNaN(values[i])) {
        continue;
      }
      if (values[i] >= threshold) {
        if (previous < 0) {
          return steps[i];
        }
        double fraction = (threshold - values[previous]) / (values[i] - values[previous]);
        return steps[previous] + fraction * (steps[i] - steps[previous]);
      }
      previous = i;
    }
    return Double.NaN;
  }
}
