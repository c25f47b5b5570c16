package dev.diffsweep.pipeline.tune;

import java.util.List;

/**
 * Trains a batch of tuning trials to their rung budgets. In the pipeline one call is one Spark job
 * with a task per (trial, seed); in tests a synthetic objective stands in for training.
 */
public interface RungTrainer {

  /** One result per request (a missing result counts as a failure of that trial). */
  List<RunResult> run(List<RunRequest> requests);
}
