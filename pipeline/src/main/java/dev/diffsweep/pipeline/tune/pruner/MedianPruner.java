package dev.diffsweep.pipeline.tune.pruner;

import dev.diffsweep.pipeline.tune.state.TuningHistory;
import dev.diffsweep.pipeline.tune.state.TuningTrial;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Optuna's median rule, at rungs: a trial is pruned at a rung when its value there is worse than
 * the median of the completed trials' values at the same rung (the same budget). Nothing is pruned
 * before {@code startupTrials} trials have completed, nor at rungs below {@code warmupSteps}.
 */
public record MedianPruner(RungSchedule rungs, int startupTrials, long warmupSteps)
    implements Pruner {
  public static final int DEFAULT_STARTUP_TRIALS = 5;

  public MedianPruner {
    if (startupTrials < 0 || warmupSteps < 0) {
      throw new IllegalArgumentException("need startupTrials >= 0 and warmupSteps >= 0");
    }
  }

  @Override
  public Set<Integer> survivors(int rung, List<TuningTrial> atRung, TuningHistory history) {
    Set<Integer> survivors = new TreeSet<>();
    double[] completedLosses =
        history.completed().stream()
            .filter(trial -> trial.rungValues().containsKey(rung))
            .mapToDouble(trial -> history.direction().loss(trial.rungValues().get(rung)))
            .toArray();
    boolean judging =
        completedLosses.length >= Math.max(1, startupTrials) && rungs.budget(rung) >= warmupSteps;
    double median = judging ? median(completedLosses) : Double.POSITIVE_INFINITY;
    for (TuningTrial trial : atRung) {
      double loss = history.direction().loss(trial.rungValues().get(rung));
      if (loss <= median) {
        survivors.add(trial.number());
      }
    }
    return survivors;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle]);
  }
}
