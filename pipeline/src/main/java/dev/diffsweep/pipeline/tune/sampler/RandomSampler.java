package dev.diffsweep.pipeline.tune.sampler;

import dev.diffsweep.pipeline.tune.space.Parameter;
import dev.diffsweep.pipeline.tune.space.SearchSpace;
import dev.diffsweep.pipeline.tune.space.TrialProposal;
import dev.diffsweep.pipeline.tune.state.TuningHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/** Independent draws from each parameter's prior (see {@link UnitMapping}). */
public final class RandomSampler implements Sampler {
  /** Draws per wanted proposal before concluding that a small discrete space is used up. */
  private static final int ATTEMPTS_PER_PROPOSAL = 200;

  private final SearchSpace space;
  private final long seed;

  public RandomSampler(SearchSpace space, long seed) {
    this.space = space;
    this.seed = seed;
  }

  @Override
  public List<TrialProposal> propose(int count, TuningHistory history) {
    SplittableRandom random = SeededRandom.forBatch(seed, history.size());
    return proposeWith(random, count, history, List.of());
  }

  /**
   * Fresh random configurations that repeat neither the history, nor {@code taken}, nor each other.
   */
  List<TrialProposal> proposeWith(
      RandomGenerator random, int count, TuningHistory history, List<TrialProposal> taken) {
    Set<String> seen = history.trials().stream().map(t -> t.id()).collect(Collectors.toSet());
    taken.forEach(proposal -> seen.add(proposal.id()));
    List<TrialProposal> proposals = new ArrayList<>();
    for (int attempt = 0;
        proposals.size() < count && attempt < ATTEMPTS_PER_PROPOSAL * count;
        attempt++) {
      TrialProposal proposal = TrialProposal.of(space, draw(space, random));
      if (seen.add(proposal.id())) {
        proposals.add(proposal);
      }
    }
    return proposals;
  }

  /** One configuration from the prior, parents first so conditions see their values. */
  static Map<String, Object> draw(SearchSpace space, RandomGenerator random) {
    Map<String, Object> params = new LinkedHashMap<>();
    for (Parameter parameter : space.parameters()) {
      if (SearchSpace.isActive(parameter, params)) {
        params.put(parameter.name(), UnitMapping.fromUnit(parameter, random.nextDouble()));
      }
    }
    return params;
  }
}
