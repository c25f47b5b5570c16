package dev.diffsweep.trainer.run;

import dev.diffsweep.trainer.agent.ConfiguredAlgorithm;
import java.nio.file.Path;
import java.util.List;

/**
 * One trainer run: task + agent + seed + step budget, and where and how often it reports.
 *
 * @param trialId the id rows carry (defaults to the run folder's name)
 * @param evalEvery env steps between deterministic evaluations (one more at the end)
 * @param checkpointEvery env steps between checkpoints
 * @param device cpu, gpu or gpu:N
 * @param progress draw a progress bar (else one log line per evaluation)
 */
public record RunConfig(
    ConfiguredAlgorithm algorithm,
    String task,
    long seed,
    long totalSteps,
    Path outDir,
    String trialId,
    long evalEvery,
    int evalEpisodes,
    long checkpointEvery,
    String device,
    boolean progress) {

  public RunConfig {
    if (totalSteps <= 0) {
      throw new IllegalArgumentException("--steps must be positive, got " + totalSteps);
    }
    if (!Seeds.valid(seed)) {
      throw new IllegalArgumentException(
          "--seed must be " + Seeds.RULE + " (as in study files), got " + seed);
    }
    if (evalEvery <= 0 || evalEpisodes <= 0 || checkpointEvery <= 0) {
      throw new IllegalArgumentException(
          "--eval-every, --eval-episodes and --checkpoint-every must be positive");
    }
  }

  /**
   * How the run stored as {@code stored} (a checkpoint's or run.json's identity) differs from this
   * one, empty when it is this run; a key added since it was written counts at its earlier value.
   */
  public List<String> differencesFrom(RunIdentity stored) {
    return identity().differencesFrom(stored.withAbsentKeys(algorithm.earlierRunsValues()));
  }

  public RunIdentity identity() {
    return new RunIdentity(
        algorithm.name(),
        task,
        seed,
        totalSteps,
        evalEvery,
        evalEpisodes,
        algorithm.hyperparameters());
  }
}
