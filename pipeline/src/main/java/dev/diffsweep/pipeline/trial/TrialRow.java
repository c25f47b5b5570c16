package dev.diffsweep.pipeline.trial;

/**
 * One row of the trials table: the trial and what is known of it now.
 *
 * @param outcome how it ended, or null while it is queued or running
 * @param envSteps the latest env steps seen (from its run.json while running)
 */
public record TrialRow(
    Trial trial, TrialStatus status, int attempts, long envSteps, TrialOutcome outcome) {}
