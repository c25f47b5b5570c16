package dev.diffsweep.pipeline.tune.pruner;

import dev.diffsweep.pipeline.tune.state.TuningHistory;
import dev.diffsweep.pipeline.tune.state.TuningTrial;
import java.util.List;
import java.util.Set;

/**
 * Hyperband (Li et al. 2018) as brackets of successive halving over one rung schedule with s_max +
 * 1 rungs: cohort i runs bracket s = s_max - (i mod (s_max + 1)), which starts ceil((s_max + 1) /
 * (s + 1) * eta^s) trials at rung s_max - s. The most aggressive bracket (many trials, smallest
 * budget) comes first, the last one trains a few trials to the full budget without pruning; then
 * the cycle repeats until the study's trial count is reached.
 */
public record Hyperband(RungSchedule rungs, int eta) implements Pruner {
  public Hyperband {
    if (eta < 2) {
      throw new IllegalArgumentException("need eta >= 2");
    }
  }

  /** The bracket of cohort {@code cohort}; Hyperband sets its own sizes. */
  @Override
  public Bracket bracket(int cohort, int defaultSize) {
    int sMax = rungs.lastRung();
    int s = sMax - cohort % (sMax + 1);
    int size = (int) Math.ceil((double) (sMax + 1) / (s + 1) * Math.pow(eta, s));
    return new Bracket(sMax - s, size);
  }

  @Override
  public Set<Integer> survivors(int rung, List<TuningTrial> atRung, TuningHistory history) {
    return SuccessiveHalving.best(rung, atRung, history, eta);
  }
}
