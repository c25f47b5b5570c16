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

    // Each point's values in ascending order, for the inner loop; null where one is infinite
    // (a run drawn zero times must then be skipped, which the general walk does).
    double[][] sorted = new double[points][];
    for (int p = 0; p < points; p++) {
      int n = order[p].length;
      if (n == 0
          || (Double.isFinite(byPoint[p][order[p][0]])
              && Double.isFinite(byPoint[p][order[p][n - 1]]))) {
        sorted[p] = new double[n];
        for (int k = 0; k < n; k++) {
          sorted[p][k] = byPoint[p][order[p][k]];
        }
      }
    }

    double[][][] replicates = new double[3][points][settings.replicates()];
    StratifiedBootstrap bootstrap = new StratifiedBootstrap(stratumOfRun, settings.seed());
    for (int b = 0; b < settings.replicates(); b++) {
      bootstrap.resample(multiplicity);
      for (int p = 0; p < points; p++) {
        int[] used = order[p];
        // every run has a value here: the total is the runs drawn
        long total = used.length == runs ? runs : drawn(used, multiplicity);
        if (sorted[p] != null) {
          WeightedOrderStatistics.computeSorted(
              sorted[p], used, used.length, multiplicity, total, out);
        } else {
          WeightedOrderStatistics.compute(byPoint[p], used, used.length, multiplicity, total, out);
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

  private static long drawn(int[] runs, int[] multiplicity) {
    long total = 0;
    for (int run : runs) {
      total += multiplicity[run];
    }
    return total;
  }
}
