package dev.diffsweep.analysis.stats;

import java.util.EnumMap;
import java.util.Map;

/**
 * Mean, median and IQM across runs at each point of a curve (one point for a scalar score), each
 * with its bootstrap interval, and the number of runs that had a value there.
 */
public record PointwiseEstimate(
    int[] runs,
    Map<Statistic, double[]> point,
    Map<Statistic, double[]> low,
    Map<Statistic, double[]> high,
    double[][] iqmReplicates) {

  static PointwiseEstimate allocate(int points, int replicates) {
    Map<Statistic, double[]> point = new EnumMap<>(Statistic.class);
    Map<Statistic, double[]> low = new EnumMap<>(Statistic.class);
    Map<Statistic, double[]> high = new EnumMap<>(Statistic.class);
    for (Statistic s : Statistic.values()) {
      point.put(s, new double[points]);
      low.put(s, new double[points]);
      high.put(s, new double[points]);
    }
    return new PointwiseEstimate(new int[points], point, low, high, new double[replicates][points]);
  }

  /** The same estimate without the bootstrap replicates, which are large. */
  public PointwiseEstimate withoutReplicates() {
    return new PointwiseEstimate(runs, point, low, high, new double[0][]);
  }

  public int points() {
    return runs.length;
  }

  public double point(Statistic statistic, int index) {
    return point.get(statistic)[index];
  }

  public ConfidenceInterval interval(Statistic statistic, int index) {
    return new ConfidenceInterval(low.get(statistic)[index], high.get(statistic)[index]);
  }
}
