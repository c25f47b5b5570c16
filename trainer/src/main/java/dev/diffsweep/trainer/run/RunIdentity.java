package dev.diffsweep.trainer.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What makes two invocations the same run: a checkpoint may only be resumed by the command that
 * wrote it (the checkpoint interval and the progress display may differ).
 */
public record RunIdentity(
    String algorithm,
    String task,
    long seed,
    long totalSteps,
    long evalEvery,
    int evalEpisodes,
    Map<String, String> hyperparameters) {

  /**
   * This identity with each key of {@code earlierRunsValues} it lacks set to that value: a run
   * written before the key existed computed it (an option added later, at its default).
   */
  public RunIdentity withAbsentKeys(Map<String, String> earlierRunsValues) {
    Map<String, String> completed = new TreeMap<>(hyperparameters);
    earlierRunsValues.forEach(completed::putIfAbsent);
    return new RunIdentity(algorithm, task, seed, totalSteps, evalEvery, evalEpisodes, completed);
  }

  /** Human-readable differences, empty when equal. */
  public List<String> differencesFrom(RunIdentity other) {
    List<String> differences = new ArrayList<>();
    compare(differences, "algorithm", algorithm, other.algorithm);
    compare(differences, "task", task, other.task);
    compare(differences, "seed", seed, other.seed);
    compare(differences, "steps", totalSteps, other.totalSteps);
    compare(differences, "eval every", evalEvery, other.evalEvery);
    compare(differences, "eval episodes", evalEpisodes, other.evalEpisodes);
    TreeSet<String> keys = new TreeSet<>(hyperparameters.keySet());
    keys.addAll(other.hyperparameters.keySet());
    for (String key : keys) {
      compare(differences, key, hyperparameters.get(key), other.hyperparameters.get(key));
    }
    return differences;
  }

  private static void compare(List<String> differences, String what, Object ours, Object theirs) {
    if (!Objects.equals(ours, theirs)) {
      differences.add(what + " " + theirs + " (this command: " + ours + ")");
    }
  }
}
