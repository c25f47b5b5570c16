package dev.diffsweep.analysis.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Mean, median and IQM across runs with stratified-bootstrap percentile intervals, at every point
 * of a set of curves at once. A run's curve may be undefined (NaN) at some points (it stopped
 * early): each point uses the runs defined there. All points share one resample per replicate, as
 * rliable resamples runs rather than single scores.
 */
public final class PointwiseBootstrap {
  private PointwiseBootstrap() {}

  /**
   * @param values {@code values[run][point]}, NaN where a run has no value
   * @param stratumOfRun the stratum (task) of each run; all zero for a single task
   */
  public static PointwiseEstimate estimate(
      double[][] values, int[] stratumOfRun, BootstrapSettings settings) {
    int runs = values.length;
    int points = runs == 0 ? 0 : values[0].length;
    PointwiseEstimate estimate = PointwiseEstimate.allocate(points, settings.replicates());
    double[][] byPoint = new double[points][runs];
    int[][] order = new int[points][];
    for (int p = 0; p < points; p++) {
      int point = p;
      for (int r = 0; r < runs; r++) {
        byPoint[p][r] = values[r][p];
      }
      order[p] =
          IntStream.range(0, runs)
              .filter(r -> !Double.isNaN(byPoint[point][r]))
              .boxed()
              .sorted(Comparator.comparingDouble(r -> byPoint[point][r]))
              .mapToInt(Integer::intValue)
              .toArray();
      estimate.runs()[p] = order[p].length;
    }

    double[] out = new double[3];
    int[] multiplicity = new int[runs];
    Arrays.fill(multiplicity, 1);
    for (int p = 0; p < points; p++) {
      WeightedOrderStatistics.compute(byPoint[p], order[p], order[p].length, multiplicity, out);
      for (Statistic s : Statistic.values()) {
        estimate.point().get(s)[p] = out[s.ordinal()];
      }
    }

    double[][][] replicates = new double[3][points][settings.replicates()];
    StratifiedBootstrap bootstrap = new StratifiedBootstrap(stratumOfRun, settings.seed());
    for (int b = 0; b < settings.replicates(); b++) {
      bootstrap.resample(multiplicity);
      for (int p = 0; p < points; p++) {
        if (order[p].length == runs) { // every run has a value here: the total is the runs drawn
          WeightedOrderStatistics.compute(
              byPoint[p], order[p], runs, multiplicity, (long) runs, out);
        } else {
          WeightedOrderStatistics.compute(byPoint[p], order[p], order[p].length, multiplicity, out);
        }
        replicates[0][p][b] = out[0];
        replicates[1][p][b] = out[1];
        replicates[2][p][b] = out[2];
        estimate.iqmReplicates()[b][p] = out[2];
      }
    }
    for (Statistic s : Statistic.values()) {
      for (int p = 0; p < points; p++) {
        ConfidenceInterval ci =
            ConfidenceInterval.percentile(replicates[s.ordinal()][p], settings.level());
        estimate.low().get(s)[p] = ci.low();
        estimate.high().get(s)[p] = ci.high();
      }
    }
    return estimate;
  }
}
