package dev.diffsweep.pipeline.tune.pruner;

import dev.diffsweep.pipeline.tune.state.TuningHistory;
import dev.diffsweep.pipeline.tune.state.TuningTrial;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Synchronous successive halving (Jamieson and Talwalkar 2016; Li et al. 2018): a cohort of n
 * trials trains to the first rung budget, the best floor(n / eta) go on from their checkpoints to a
 * budget eta times larger, and so on up to the full budget.
 *
 * <p>Exactly floor(n / eta) survive, n counting the trials with a value at the rung (failed ones
 * drop out and are not counted). A tie at the cut goes to the earlier proposal, so decisions are
 * deterministic and a resumed tuning repeats them. When n < eta, floor(n / eta) would be 0; the
 * single best trial goes on instead, so that every cohort finishes with a trial trained to the full
 * budget and a real objective.
 *
 * @param trialsPerBracket how many trials start together; 0 takes the tuner's batch size
 */
public record SuccessiveHalving(RungSchedule rungs, int eta, int trialsPerBracket)
    implements Pruner {
  public static final int DEFAULT_ETA = 3;

  public SuccessiveHalving {
    if (eta < 2 || trialsPerBracket < 0) {
      throw new IllegalArgumentException("need eta >= 2 and trialsPerBracket >= 0");
    }
  }

  @Override
  public Bracket bracket(int cohort, int defaultSize) {
    return new Bracket(0, trialsPerBracket > 0 ? trialsPerBracket : defaultSize);
  }

  @Override
  public Set<Integer> survivors(int rung, List<TuningTrial> atRung, TuningHistory history) {
    return best(rung, atRung, history, eta);
  }

  /** The best max(1, floor(n / eta)) trials at a rung, ties to the lower trial number. */
  static Set<Integer> best(int rung, List<TuningTrial> atRung, TuningHistory history, int eta) {
    int keep = Math.max(1, atRung.size() / eta);
    Comparator<TuningTrial> byLoss =
        Comparator.comparingDouble(
            (TuningTrial trial) -> history.direction().loss(trial.rungValues().get(rung)));
    Set<Integer> survivors = new TreeSet<>();
    atRung.stream()
        .sorted(byLoss.thenComparingInt(TuningTrial::number))
        .limit(keep)
        .forEach(trial -> survivors.add(trial.number()));
    return survivors;
  }
}
