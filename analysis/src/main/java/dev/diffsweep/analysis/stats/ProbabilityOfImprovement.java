package dev.diffsweep.analysis.stats;

import java.util.Arrays;
import java.util.List;

/**
 * The probability of improvement of Agarwal et al. (2021): P(X > Y) is, per task, the Mann-Whitney
 * U statistic over all pairs of a run of X and a run of Y (ties count one half) divided by the
 * number of pairs, then averaged over tasks. The interval comes from resampling the runs of X and
 * of Y independently within each task.
 */
public final class ProbabilityOfImprovement {
  private ProbabilityOfImprovement() {}

  /** Point estimate and interval; {@code x.get(t)} and {@code y.get(t)} are task t's scores. */
  public static Estimate estimate(List<double[]> x, List<double[]> y, BootstrapSettings settings) {
    if (x.size() != y.size() || x.isEmpty()) {
      throw new IllegalArgumentException("need the same, non-zero number of tasks for X and Y");
    }
    int tasks = x.size();
    double[][] sortedY = new double[tasks][];
    int[][] onesX = new int[tasks][];
    int[][] onesY = new int[tasks][];
    for (int t = 0; t < tasks; t++) {
      sortedY[t] = y.get(t).clone();
      Arrays.sort(sortedY[t]);
      onesX[t] = filledWithOnes(x.get(t).length);
      onesY[t] = filledWithOnes(y.get(t).length);
    }
    double point = averageOverTasks(x, sortedY, onesX, onesY);

    double[] replicates = new double[settings.replicates()];
    StratifiedBootstrap[] drawX = new StratifiedBootstrap[tasks];
    StratifiedBootstrap[] drawY = new StratifiedBootstrap[tasks];
    int[][] countX = new int[tasks][];
    int[][] countY = new int[tasks][];
    for (int t = 0; t < tasks; t++) {
      drawX[t] = StratifiedBootstrap.unstratified(x.get(t).length, settings.seed() + 2L * t);
      drawY[t] = StratifiedBootstrap.unstratified(y.get(t).length, settings.seed() + 2L * t + 1);
      countX[t] = new int[x.get(t).length];
      countY[t] = new int[y.get(t).length];
    }
    for (int b = 0; b < replicates.length; b++) {
      for (int t = 0; t < tasks; t++) {
        drawX[t].resample(countX[t]);
        drawY[t].resample(countY[t]);
      }
      replicates[b] = averageOverTasks(x, sortedY, countX, countY);
    }
    return new Estimate(point, ConfidenceInterval.percentile(replicates, settings.level()));
  }

  /** P(X > Y) on one task by direct pair counting: the definition, for tests and tiny inputs. */
  public static double byPairs(double[] x, double[] y) {
    double wins = 0;
    for (double a : x) {
      for (double b : y) {
        wins += a > b ? 1 : a == b ? 0.5 : 0;
      }
    }
    return wins / ((double) x.length * y.length);
  }

  private static double averageOverTasks(
      List<double[]> x, double[][] sortedY, int[][] countX, int[][] countYSorted) {
    double sum = 0;
    for (int t = 0; t < x.size(); t++) {
      sum += oneTask(x.get(t), countX[t], sortedY[t], countYSorted[t]);
    }
    return sum / x.size();
  }

  /**
   * P(X > Y) for weighted samples; {@code countY} is indexed like the sorted Y (resampling the
   * sorted Y is the same as resampling Y, since runs are exchangeable).
   */
  private static double oneTask(double[] x, int[] countX, double[] sortedY, int[] countY) {
    long[] below = new long[sortedY.length + 1];
    for (int j = 0; j < sortedY.length; j++) {
      below[j + 1] = below[j] + countY[j];
    }
    long totalY = below[sortedY.length];
    long totalX = 0;
    double wins = 0;
    for (int i = 0; i < x.length; i++) {
      if (countX[i] == 0) {
        continue;
      }
      int less = lowerBound(sortedY, x[i]);
      int notGreater = upperBound(sortedY, x[i]);
      double winsOfRun = below[less] + 0.5 * (below[notGreater] - below[less]);
      wins += countX[i] * winsOfRun;
      totalX += countX[i];
    }
    return wins / ((double) totalX * totalY);
  }

  private static int lowerBound(double[] sorted, double value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int upperBound(double[] sorted, double value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int[] filledWithOnes(int length) {
    int[] ones = new int[length];
    Arrays.fill(ones, 1);
    return ones;
  }

  /** P(X > Y) with its interval. */
  public record Estimate(double probability, ConfidenceInterval interval) {}
}
