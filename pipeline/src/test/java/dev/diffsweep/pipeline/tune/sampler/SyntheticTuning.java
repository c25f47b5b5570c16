package dev.diffsweep.pipeline.tune.sampler;

import dev.diffsweep.contract.Direction;
import dev.diffsweep.pipeline.tune.SyntheticProblem;
import dev.diffsweep.pipeline.tune.space.TrialProposal;
import dev.diffsweep.pipeline.tune.state.TuningHistory;
import dev.diffsweep.pipeline.tune.state.TuningState;
import dev.diffsweep.pipeline.tune.state.TuningTrial;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Drives a sampler against a loss (by default {@link SyntheticProblem#loss}) in batches. */
final class SyntheticTuning {
  private SyntheticTuning() {}

  /** The history after proposing and scoring {@code trials} trials, {@code batch} at a time. */
  static TuningHistory run(Sampler sampler, int trials, int batch) {
    return run(sampler, trials, batch, SyntheticProblem::loss);
  }

  static TuningHistory run(
      Sampler sampler, int trials, int batch, Function<Map<String, Object>, Double> lossOf) {
    TuningState state = TuningState.empty(Direction.MINIMIZE);
    int cohort = 0;
    while (state.size() < trials) {
      List<TrialProposal> proposals =
          sampler.propose(Math.min(batch, trials - state.size()), state.history());
      if (proposals.isEmpty()) {
        break;
      }
      state.propose(proposals, cohort, 0);
      for (TuningTrial trial : state.cohort(cohort)) {
        double loss = lossOf.apply(trial.proposal().params());
        state.record(List.of(trial.running().withRungValue(loss).completed()));
      }
      cohort++;
    }
    return state.history();
  }

  static double bestLoss(TuningHistory history) {
    return history.loss(history.best().orElseThrow());
  }
}
