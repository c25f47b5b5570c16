package dev.diffsweep.pipeline.trial;

import dev.diffsweep.pipeline.study.EvaluationSchedule;
import java.io.Serializable;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One grid point: a single training run of one algorithm on one task with one seed.
 *
 * @param id stable across reruns and machines (see {@link TrialIds})
 * @param hyperparameters the grid's values for this point, by name, in name order
 */
public record Trial(
    String id,
    String study,
    String algorithm,
    String task,
    int seed,
    long steps,
    EvaluationSchedule evaluation,
    SortedMap<String, String> hyperparameters)
    implements Serializable {

  public Trial {
    hyperparameters = Collections.unmodifiableSortedMap(new TreeMap<>(hyperparameters));
  }

  public Trial withId(String newId) {
    return new Trial(newId, study, algorithm, task, seed, steps, evaluation, hyperparameters);
  }

  /** A trial with its id derived from what it trains. */
  public static Trial of(
      String study,
      String algorithm,
      String task,
      int seed,
      long steps,
      EvaluationSchedule evaluation,
      SortedMap<String, String> hyperparameters) {
    Trial unnamed = new Trial("", study, algorithm, task, seed, steps, evaluation, hyperparameters);
    return unnamed.withId(TrialIds.of(unnamed));
  }
}
