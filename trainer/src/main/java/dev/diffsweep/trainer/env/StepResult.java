package dev.diffsweep.trainer.env;

/**
 * What one environment step returns. {@code terminated}: the task reached a terminal state (no
 * bootstrapping past it). {@code truncated}: the episode hit its step limit; the state is not
 * terminal, so value targets must still bootstrap.
 */
public record StepResult(
    double[] observation,
    double reward,
    boolean terminated,
    boolean truncated,
    RewardComponents components) {

  public boolean done() {
    return terminated || truncated;
  }
}
