package dev.diffsweep.pipeline.trial;

/**
 * One Spark attempt at a trial.
 *
 * @param number 1 for the first attempt
 * @param last no retry follows: a crash now fails the trial instead of failing the task (which
 *     would abort the whole study)
 * @param device the trainer's --device: cpu, or gpu:N with the address Spark assigned
 */
public record TrialAttempt(int number, boolean last, String device, String host) {}
