package dev.diffsweep.pipeline.tune;

import dev.diffsweep.pipeline.tune.pruner.MedianPruner;
import dev.diffsweep.pipeline.tune.pruner.NoPruner;
import dev.diffsweep.pipeline.tune.pruner.Pruner;
import dev.diffsweep.pipeline.tune.pruner.RungSchedule;
import java.util.List;

/**
 * The {@code tune.pruner} block. Budgets are env steps; the full budget is the study's step budget
 * for the task, known only when a tuning starts, hence {@link #create}'s arguments.
 */
public sealed interface PrunerSpec {
  List<String> TYPES = List.of("none", "median", "successive-halving", "hyperband");

  /**
   * @param maxBudget the study's step budget for the task
   * @param granularity the evaluation interval: rung budgets are rounded up to multiples of it
   */
  Pruner create(long maxBudget, long granularity);

  record None() implements PrunerSpec {
    @Override
    public Pruner create(long maxBudget, long granularity) {
      return new NoPruner(maxBudget);
    }
  }

  /**
   * @param interval steps between rungs; 0 means a quarter of the full budget
   */
  record Median(int startupTrials, long warmupSteps, long interval) implements PrunerSpec {
    @Override
    public Pruner create(long maxBudget, long granularity) {
      long every = interval > 0 ? interval : Math.max(1, maxBudget / 4);
      return new MedianPruner(
          RungSchedule.every(every, maxBudget, granularity), startupTrials, warmupSteps);
    }
  }

  /**
   * @param trialsPerBracket how many trials start together (the parser's default: all of them)
   */
  record SuccessiveHalving(long minBudget, int eta, int trialsPerBracket) implements PrunerSpec {
    @Override
    public Pruner create(long maxBudget, long granularity) {
      return new dev.diffsweep.pipeline.tune.pruner.SuccessiveHalving(
          RungSchedule.geometric(minBudget, maxBudget, eta, granularity), eta, trialsPerBracket);
    }
  }

  record Hyperband(long minBudget, int eta) implements PrunerSpec {
    @Override
    public Pruner create(long maxBudget, long granularity) {
      return new dev.diffsweep.pipeline.tune.pruner.Hyperband(
          RungSchedule.geometric(minBudget, maxBudget, eta, granularity), eta);
    }
  }
}
