package dev.diffsweep.pipeline.tune;

import dev.diffsweep.pipeline.tune.space.TrialProposal;
import java.util.List;

/**
 * Train one tuning trial, once per seed, up to a rung's budget.
 *
 * <p>For the pipeline: each (trial, seed) is one trainer run whose id must not depend on the rung,
 * so that the run at the next rung continues from the checkpoint the previous rung left (derive it
 * from the algorithm, task, seed, {@code maxBudget} and the hyperparameters, and stop the trainer
 * at {@code budget}). A run that already reached {@code budget} (a resumed tuning) trains nothing.
 *
 * @param number the trial's number, to match results to requests
 * @param budget env steps to reach in this rung
 * @param maxBudget the full budget the trial would train to if never pruned
 */
public record RunRequest(
    int number,
    TrialProposal proposal,
    int rung,
    long budget,
    long maxBudget,
    List<Integer> seeds) {

  public RunRequest {
    seeds = List.copyOf(seeds);
  }
}
