package dev.diffsweep.pipeline.tune;

import dev.diffsweep.contract.Direction;
import dev.diffsweep.pipeline.tune.space.SearchSpace;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A validated {@code tune} block of a study file.
 *
 * @param trials how many configurations to try
 * @param parallelism trials in flight: the size of a cohort unless the sampler or pruner sets it
 * @param seedsPerTrial each configuration trains with seeds 0..seedsPerTrial-1
 * @param seed the samplers' seed: the same study and seed propose the same trials
 */
public record TuneSpec(
    Direction direction,
    int trials,
    int parallelism,
    int seedsPerTrial,
    long seed,
    Objective objective,
    SamplerSpec sampler,
    PrunerSpec pruner,
    SearchSpace space) {

  public List<Integer> seeds() {
    return IntStream.range(0, seedsPerTrial).boxed().toList();
  }

  /**
   * The tuner for one task.
   *
   * @param maxBudget the study's step budget for the task
   * @param evaluationEvery the study's evaluation interval (rung budgets are multiples of it)
   */
  public Tuner tuner(long maxBudget, long evaluationEvery) {
    int cohort = sampler.cohortSize().orElse(parallelism);
    return new Tuner(
        trials,
        cohort,
        seeds(),
        objective,
        sampler.create(space, seed),
        pruner.create(maxBudget, evaluationEvery));
  }
}
