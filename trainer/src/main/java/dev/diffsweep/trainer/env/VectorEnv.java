package dev.diffsweep.trainer.env;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;
import java.util.function.Supplier;

/**
 * N copies of one task stepped with one call, resetting each copy when its episode ends (as
 * Gymnasium's vector envs do): after a done step, {@link Step#observations} already holds the next
 * episode's first observation and {@link Step#finalObservations} the last one of the ended episode,
 * which bootstrapping on truncation needs.
 *
 * <p>Episode j of copy i resets with {@code EpisodeSeeds.derive(runSeed, seedStream(i), j)}, so a
 * run is reproducible from one number and each copy replays alone from its episode's index.
 */
public final class VectorEnv implements AutoCloseable {
  private final Supplier<Task> tasks;
  private final long runSeed;
  private final IntToLongFunction seedStream;
  private final List<Task> copies = new ArrayList<>();
  private final List<Long> episodesStarted = new ArrayList<>();

  /** One step of all copies; index i is copy i. */
  public record Step(
      double[][] observations,
      double[] rewards,
      boolean[] terminated,
      boolean[] truncated,
      double[][] finalObservations) {

    /** Whether copy {@code copy}'s episode ended with this step. */
    public boolean done(int copy) {
      return terminated[copy] || truncated[copy];
    }
  }

  /**
   * Starts with one copy made at once, so that its {@link #spec} can build whatever decides how
   * many copies there will be; {@link #growTo} makes the others.
   *
   * @param tasks makes one copy of the task per call
   * @param seedStream the stream of the run seed that copy i's episode seeds come from
   */
  public VectorEnv(Supplier<Task> tasks, long runSeed, IntToLongFunction seedStream) {
    this.tasks = tasks;
    this.runSeed = runSeed;
    this.seedStream = seedStream;
    growTo(1);
  }

  /** Makes copies until there are {@code count}; if one fails, {@link #close} closes the others. */
  public void growTo(int count) {
    while (copies.size() < count) {
      copies.add(tasks.get());
      episodesStarted.add(0L);
    }
  }

  public TaskSpec spec() {
    return copies.get(0).spec();
  }

  public int size() {
    return copies.size();
  }

  /** Starts each copy's next episode. */
  public double[][] reset() {
    double[][] observations = new double[copies.size()][];
    for (int i = 0; i < copies.size(); i++) {
      observations[i] = startEpisode(i, episodesStarted.get(i));
    }
    return observations;
  }

  /**
   * Puts copy {@code copy} back into its episode {@code episode} after {@code actions}, the
   * episode's actions so far (MuJoCo replays them exactly), and returns the observation reached;
   * its next episode will be {@code episode + 1}. A resumed run continues this way.
   */
  public double[] resumeEpisode(int copy, long episode, double[][] actions) {
    double[] observation = startEpisode(copy, episode);
    for (double[] action : actions) {
      observation = copies.get(copy).step(action).observation();
    }
    return observation;
  }

  /** The index (in copy {@code copy}'s seed stream) of the copy's episode in progress. */
  public long episodeInProgress(int copy) {
    return episodesStarted.get(copy) - 1;
  }

  private double[] startEpisode(int copy, long episode) {
    episodesStarted.set(copy, episode + 1);
    long episodeSeed = EpisodeSeeds.derive(runSeed, seedStream.applyAsLong(copy), episode);
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
        step.observations[i] = startEpisode(i, episodesStarted.get(i));
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
