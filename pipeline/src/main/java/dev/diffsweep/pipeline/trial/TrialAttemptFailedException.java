package dev.diffsweep.pipeline.trial;

/** The trainer died (killed, crashed): Spark retries the task and the trial resumes. */
public final class TrialAttemptFailedException extends RuntimeException {
  public TrialAttemptFailedException(String message) {
    super(message);
  }
}
