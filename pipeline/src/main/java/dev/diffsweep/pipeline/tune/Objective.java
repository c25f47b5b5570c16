package dev.diffsweep.pipeline.tune;

import java.util.Arrays;
import java.util.List;

/**
 * What a tuning trial scores: for each seed the mean evaluation return over the last {@code
 * lastFraction} of the budget, then the interquartile mean over seeds (robust to one lucky or
 * unlucky seed, as Agarwal et al. 2021 recommend). A pure function of the evaluation curves, so the
 * tuner, the pruners and the report all compute the same number.
 *
 * @param lastFraction the tail of the budget whose evaluations are averaged, in (0, 1]
 */
public record Objective(double lastFraction) {
  public static final double DEFAULT_LAST_FRACTION = 0.1;

  public Objective {
    if (!(lastFraction > 0 && lastFraction <= 1)) {
      throw new IllegalArgumentException("lastFraction must be in (0, 1], got " + lastFraction);
    }
  }

  public static Objective standard() {
    return new Objective(DEFAULT_LAST_FRACTION);
  }

  /**
   * The score of one trial at a budget (env steps), from one evaluation curve per seed; only
   * evaluations at or before the budget count, so a run that trained past a rung is scored as it
   * was at the rung.
   */
  public double value(List<List<EvaluationPoint>> curvesPerSeed, long budget) {
    if (curvesPerSeed.isEmpty()) {
      throw new IllegalArgumentException("no seed to score");
    }
    double[] perSeed =
        curvesPerSeed.stream().mapToDouble(curve -> tailMean(curve, budget)).toArray();
    return interquartileMean(perSeed);
  }

  /**
   * The mean return of the evaluations in (budget - lastFraction * budget, budget]; when the
   * evaluation interval is wider than that window, the last evaluation at or before the budget.
   */
  public double tailMean(List<EvaluationPoint> curve, long budget) {
    double windowStart = budget - lastFraction * budget;
    double sum = 0;
    int count = 0;
    EvaluationPoint last = null;
    for (EvaluationPoint point : curve) {
      if (point.envStep() > budget) {
        continue;
      }
      if (last == null || point.envStep() >= last.envStep()) {
        last = point;
      }
      if (point.envStep() > windowStart) {
        sum += point.returnMean();
        count++;
      }
    }
    if (count > 0) {
      return sum / count;
    }
    if (last == null) {
      throw new IllegalArgumentException("no evaluation at or before step " + budget);
    }
    return last.returnMean();
  }

  /**
   * The mean of the middle half: drop floor(n / 4) values at each end, as scipy's trim_mean(x,
   * 0.25) and rliable do. With fewer than four values nothing is dropped.
   */
  public static double interquartileMean(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int cut = sorted.length / 4;
    double sum = 0;
    for (int i = cut; i < sorted.length - cut; i++) {
      sum += sorted[i];
    }
    return sum / (sorted.length - 2 * cut);
  }
}
