package dev.diffsweep.analysis.stats;

/**
 * Mean, median and IQM of a sample given as distinct values in ascending order with a multiplicity
 * each: a bootstrap resample of a sorted sample. One pass, no sort; the three statistics match
 * {@link InterquartileMean} and numpy's median on the expanded sample.
 */
public final class WeightedOrderStatistics {
  private WeightedOrderStatistics() {}

  /**
   * Writes mean, median and IQM into {@code out[0..2]} (NaN when the total multiplicity is 0).
   *
   * @param values values in ascending order of {@code order}: {@code values[order[k]]}
   * @param order indices of the values in ascending value order
   * @param count number of entries of {@code order} to use
   * @param multiplicity how often each index was drawn
   */
  public static void compute(
      double[] values, int[] order, int count, int[] multiplicity, double[] out) {
    long total = 0;
    for (int k = 0; k < count; k++) {
      total += multiplicity[order[k]];
    }
    compute(values, order, count, multiplicity, total, out);
  }

  /**
   * As above with the total multiplicity of the used entries already known (the caller's resample
   * size when every run is used), which saves a pass in the bootstrap's inner loop.
   */
  static void compute(
      double[] values, int[] order, int count, int[] multiplicity, long total, double[] out) {
    if (total == 0) {
      out[0] = out[1] = out[2] = Double.NaN;
      return;
    }
    long cut = InterquartileMean.trimmedPerSide((int) total);
    long keepFrom = cut;
    long keepTo = total - cut; // exclusive
    long lowMiddle = (total - 1) / 2;
    long highMiddle = total / 2;
    double sum = 0;
    double trimmedSum = 0;
    double lowMiddleValue = Double.NaN;
    double highMiddleValue = Double.NaN;
    long position = 0;
    for (int k = 0; k < count; k++) {
      int index = order[k];
      int times = multiplicity[index];
      if (times == 0) {
        continue;
      }
      double value = values[index];
      long end = position + times;
      sum += value * times;
      long overlap = Math.min(end, keepTo) - Math.max(position, keepFrom);
      if (overlap > 0) {
        trimmedSum += value * overlap;
      }
      if (lowMiddle >= position && lowMiddle < end) {
        lowMiddleValue = value;
      }
      if (highMiddle >= position && highMiddle < end) {
        highMiddleValue = value;
      }
      position = end;
    }
    out[0] = sum / total;
    out[1] = (lowMiddleValue + highMiddleValue) / 2;
    out[2] = trimmedSum / (keepTo - keepFrom);
  }
}
