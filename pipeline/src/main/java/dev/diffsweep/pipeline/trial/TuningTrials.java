package dev.diffsweep.pipeline.trial;

import dev.diffsweep.pipeline.study.Study;
import dev.diffsweep.pipeline.tune.space.SearchSpace;
import dev.diffsweep.pipeline.tune.space.TrialProposal;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The runs of a tuning study: one trial per (configuration, seed), trained towards the study's full
 * budget. Its id does not depend on the rung, so each rung resumes the run folder the previous rung
 * left.
 */
public final class TuningTrials {
  private TuningTrials() {}

  public static Trial trial(Study study, SearchSpace space, TrialProposal proposal, int seed) {
    String algorithm =
        proposal.algorithm() != null ? proposal.algorithm() : study.algorithms().get(0);
    String task = study.tasks().get(0);
    SortedMap<String, String> hyperparameters = new TreeMap<>();
    // The study's grid holds fixed settings here (one value per key); the proposal the rest.
    for (Map.Entry<String, List<String>> fixed : study.gridFor(algorithm).entrySet()) {
      hyperparameters.put(fixed.getKey(), fixed.getValue().get(0));
    }
    hyperparameters.putAll(proposal.hyperparameters(space));
    return Trial.of(
        study.name(),
        algorithm,
        task,
        seed,
        study.steps().forTask(task),
        study.evaluation(),
        hyperparameters);
  }
}
