package dev.diffsweep.pipeline.tune.sampler;

import dev.diffsweep.pipeline.tune.space.TrialProposal;
import dev.diffsweep.pipeline.tune.state.TuningHistory;
import java.util.List;

/**
 * Proposes configurations to try, given what was tried. Implementations are seeded and
 * deterministic: the same seed and the same history give the same proposals, so a tuning study is
 * reproducible and a resumed one proposes what the original would have.
 */
public interface Sampler {

  /**
   * Up to {@code count} configurations, none in the history and none twice; fewer only when the
   * space has no more (a finished grid). The batch is trained together, so a sampler learns nothing
   * between its members.
   */
  List<TrialProposal> propose(int count, TuningHistory history);
}
