package dev.diffsweep.pipeline.tune.pruner;

import dev.diffsweep.pipeline.tune.state.TuningHistory;
import dev.diffsweep.pipeline.tune.state.TuningTrial;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Every trial trains its full budget in one go. */
public record NoPruner(RungSchedule rungs) implements Pruner {
  public NoPruner(long maxBudget) {
    this(RungSchedule.single(maxBudget));
  }

  @Override
  public Set<Integer> survivors(int rung, List<TuningTrial> atRung, TuningHistory history) {
    return atRung.stream().map(TuningTrial::number).collect(Collectors.toSet());
  }
}
