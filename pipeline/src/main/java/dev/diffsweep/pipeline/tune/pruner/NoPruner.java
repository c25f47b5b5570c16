package dev.diffsweep.pipeline.tune.pruner;

import dev.diffsweep.pipeline.tune.state.TuningHistory;
import dev.diffsweep.pipeline.tune.state.TuningTrial;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Every trial trains its full budget in one go. */
public final class NoPruner implements Pruner {
  private final RungSchedule rungs;

  public NoPruner(long maxBudget) {
    this.rungs = RungSchedule.single(maxBudget);
  }

  @Override
  public RungSchedule rungs() {
    return rungs;
  }

  @Override
  public Bracket bracket(int cohort, int defaultSize) {
    return new Bracket(0, defaultSize);
  }

  @Override
  public Set<Integer> survivors(int rung, List<TuningTrial> atRung, TuningHistory history) {
    return atRung.stream().map(TuningTrial::number).collect(Collectors.toSet());
  }
}
