package dev.diffsweep.pipeline.tune.pruner;

import dev.diffsweep.pipeline.tune.space.FloatParameter;
import dev.diffsweep.pipeline.tune.space.SearchSpace;
import dev.diffsweep.pipeline.tune.space.TrialProposal;
import dev.diffsweep.pipeline.tune.state.TuningTrial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Trials with given values at a rung, for judging pruners directly. */
final class RungValues {
  private static final SearchSpace SPACE =
      SearchSpace.of(List.of("sac"), List.of(new FloatParameter("x", 0, 1000, false, List.of())));

  private RungValues() {}

  /** Live trials numbered from {@code firstNumber}, trial i with {@code values[i]} at the rung. */
  static List<TuningTrial> atRung(int firstNumber, int rung, double... values) {
    List<TuningTrial> trials = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      TrialProposal proposal =
          TrialProposal.of(SPACE, Map.of("algorithm", "sac", "x", (double) firstNumber + i));
      TuningTrial trial = TuningTrial.queued(firstNumber + i, proposal, 0, 0);
      for (int r = 0; r < rung; r++) {
        trial = trial.running().withRungValue(values[i]).promoted();
      }
      trials.add(trial.running().withRungValue(values[i]));
    }
    return trials;
  }
}
