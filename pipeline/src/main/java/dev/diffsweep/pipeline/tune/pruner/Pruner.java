package dev.diffsweep.pipeline.tune.pruner;

import dev.diffsweep.pipeline.tune.state.TuningHistory;
import dev.diffsweep.pipeline.tune.state.TuningTrial;
import java.util.List;
import java.util.Set;

/**
 * Stops unpromising trials early. Trials train in cohorts, rung by rung: every live trial of a
 * cohort trains to the rung's budget (one Spark job), then the pruner says which go on to the next
 * rung, from their checkpoints; the others are pruned. At the last rung the live trials complete.
 */
public interface Pruner {

  /** The rung budgets; the last is the full budget. */
  RungSchedule rungs();

  /**
   * How the cohort with this index starts; {@code defaultSize} is the tuner's batch size (the
   * number of trials in flight, or a genetic sampler's population). By default every cohort starts
   * at the first rung with that many trials.
   */
  default Bracket bracket(int cohort, int defaultSize) {
    return new Bracket(0, defaultSize);
  }

  /**
   * The numbers of the trials that go on past {@code rung} (never the last rung). Each trial in
   * {@code atRung} is live and has its value at that rung; failed trials are not among them.
   */
  Set<Integer> survivors(int rung, List<TuningTrial> atRung, TuningHistory history);
}
