package dev.diffsweep.trainer.run;

/**
 * How a run ended. {@code completed}: trained to its budget (now or by an earlier invocation).
 * Stopped ({@link #stopped()}): not completed and no error, because it was asked to stop early; a
 * later invocation resumes it. Failed: stopped by an error such as a NaN loss; run.json says why.
 */
public record RunOutcome(boolean completed, long envSteps, double finalEvalReturn, String error) {

  static RunOutcome stopped(long envSteps, double finalEvalReturn) {
    return new RunOutcome(false, envSteps, finalEvalReturn, null);
  }

  public boolean stopped() {
    return !completed && error == null;
  }
}
