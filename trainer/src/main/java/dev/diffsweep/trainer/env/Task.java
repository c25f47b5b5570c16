package dev.diffsweep.trainer.env;

/**
 * A reinforcement-learning task with Gymnasium's reset/step contract. Not thread-safe: one instance
 * per thread. New tasks are one class plus one line in {@link TaskRegistry}.
 */
public interface Task extends AutoCloseable {

  TaskSpec spec();

  /** Starts an episode; the seed fixes the initial-state noise, so equal seeds replay alike. */
  double[] reset(long seed);

  /**
   * Applies {@code action} (raw, unclipped: the physics clamps it to the actuator range, the
   * control cost sees it as given) and advances one step.
   *
   * @throws IllegalArgumentException if the action has the wrong length or a non-finite entry
   * @throws IllegalStateException if no episode is running (call reset first)
   */
  StepResult step(double[] action);

  @Override
  void close();
}
