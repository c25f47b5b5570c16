package dev.diffsweep.trainer.env;

import java.util.ArrayList;
import java.util.List;

/**
 * N copies of one task stepped with one call, resetting each copy when its episode ends (as
 * Gymnasium's vector envs do): after a done step, {@link Step#observations} already holds the next
 * episode's first observation and {@link Step#finalObservations} the last one of the ended episode,
 * which bootstrapping on truncation needs.
 */
public final class VectorEnv implements AutoCloseable {
  private final List<Task> copies = new ArrayList<>();
  private final long seed;
  private final long[] episodesStarted;

  /** One step of all copies; index i is copy i. */
  public record Step(
      double[][] observations,
      double[] rewards,
      boolean[] terminated,
      boolean[] truncated,
      double[][] finalObservations) {}

  /**
   * @param seed episode j of copy i is reset with a seed derived from (seed, i, j), so a run is
   *     reproducible from one number
   */
  public VectorEnv(String taskId, int count, long seed) {
    this.seed = seed;
    this.episodesStarted = new long[count];
    try {
      for (int i = 0; i < count; i++) {
        copies.add(TaskRegistry.create(taskId));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  public TaskSpec spec() {
    return copies.get(0).spec();
  }

  public int size() {
    return copies.size();
  }

  /** Starts an episode in every copy. */
  public double[][] reset() {
    double[][] observations = new double[copies.size()][];
    for (int i = 0; i < copies.size(); i++) {
      observations[i] = startEpisode(i);
    }
    return observations;
  }

  private double[] startEpisode(int copy) {
    long episodeSeed = EpisodeSeeds.derive(seed, copy, episodesStarted[copy]++);
    return copies.get(copy).reset(episodeSeed);
  }

  /** Steps every copy with its action; copies whose episode ended are reset. */
  public Step step(double[][] actions) {
    if (actions.length != copies.size()) {
      throw new IllegalArgumentException(
          "expected " + copies.size() + " actions, one per copy, got " + actions.length);
    }
    int n = copies.size();
    Step step =
        new Step(new double[n][], new double[n], new boolean[n], new boolean[n], new double[n][]);
    for (int i = 0; i < n; i++) {
      StepResult result = copies.get(i).step(actions[i]);
      step.rewards[i] = result.reward();
      step.terminated[i] = result.terminated();
      step.truncated[i] = result.truncated();
      if (result.done()) {
        step.finalObservations[i] = result.observation();
        step.observations[i] = startEpisode(i);
      } else {
        step.observations[i] = result.observation();
      }
    }
    return step;
  }

  @Override
  public void close() {
    for (Task task : copies) {
      task.close();
    }
  }
}
