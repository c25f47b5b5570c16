package dev.diffsweep.trainer.run;

/**
 * How a run ended. {@code completed}: trained to its budget (now or by an earlier invocation).
 * {@code failed}: stopped by an error such as a NaN loss; run.json says why.
 */
public record RunOutcome(boolean completed, long envSteps, double finalEvalReturn, String error) {}
