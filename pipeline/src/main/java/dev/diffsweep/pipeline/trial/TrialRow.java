package dev.diffsweep.pipeline.trial;

import dev.diffsweep.pipeline.tune.state.TuningTrialRow;

/**
 * One row of the trials table: the trial and what is known of it now.
 *
 * @param outcome how it ended, or null while it is queued or running
 * @param envSteps the latest env steps seen (from its run.json while running)
 * @param tuning for a tuning study, the tuner's record of the configuration this run is a seed of
 *     (its status is the row's status); null in a grid study
 */
public record TrialRow(
    Trial trial,
    TrialStatus status,
    int attempts,
    long envSteps,
    TrialOutcome outcome,
    TuningTrialRow tuning) {

  public TrialRow(
      Trial trial, TrialStatus status, int attempts, long envSteps, TrialOutcome outcome) {
    this(trial, status, attempts, envSteps, outcome, null);
  }
}
