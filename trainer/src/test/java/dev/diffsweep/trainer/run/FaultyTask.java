package dev.diffsweep.trainer.run;

import dev.diffsweep.trainer.env.StepResult;
import dev.diffsweep.trainer.env.Task;
import dev.diffsweep.trainer.env.TaskRegistry;
import dev.diffsweep.trainer.env.TaskSpec;

/**
 * A real task that misbehaves on cue: it throws after a number of steps (a crash the run cannot
 * catch, like kill -9 between checkpoints) or starts returning NaN rewards.
 */
final class FaultyTask implements Task {
  private final Task inner;
  private final long crashAfter;
  private final long nanRewardAfter;
  private long steps;

  FaultyTask(String id, long crashAfter, long nanRewardAfter) {
    this.inner = TaskRegistry.create(id);
    this.crashAfter = crashAfter;
    this.nanRewardAfter = nanRewardAfter;
  }

  @Override
  public TaskSpec spec() {
    return inner.spec();
  }

  @Override
  public double[] reset(long seed) {
    return inner.reset(seed);
  }

  @Override
  public StepResult step(double[] action) {
    steps++;
    if (steps > crashAfter) {
      throw new IllegalStateException("simulated crash at step " + steps);
    }
    StepResult result = inner.step(action);
    if (steps > nanRewardAfter) {
      return new StepResult(
          result.observation(),
          Double.NaN,
          result.terminated(),
          result.truncated(),
          result.components());
    }
    return result;
  }

  @Override
  public void close() {
    inner.close();
  }
}
