package dev.diffsweep.pipeline.tune.sampler;

import dev.diffsweep.pipeline.tune.space.Parameter;
import dev.diffsweep.pipeline.tune.space.SearchSpace;
import dev.diffsweep.pipeline.tune.space.TrialProposal;
import dev.diffsweep.pipeline.tune.state.TuningHistory;
import dev.diffsweep.pipeline.tune.state.TuningTrial;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The Tree-structured Parzen Estimator (Bergstra et al. 2011) as Optuna runs it by default,
 * parameter by parameter: after {@code startupTrials} random trials, the finished trials are split
 * into the best gamma(n) = min(ceil(0.1 n), 25) ("good", density l) and the rest ("bad", density
 * g); for each active parameter {@code eiCandidates} values are drawn from l and the one with the
 * largest l(x) / g(x) is taken. A conditional parameter is modelled from the trials in which it was
 * active. Pruned trials rank after completed ones (see {@link TuningHistory#ranked}).
 *
 * <p>Trials are proposed in batches that train together; with {@code constantLiar} the pending
 * trials (queued, running, and the batch's earlier members) count as bad, so a batch spreads out
 * instead of proposing one point many times.
 */
public final class TpeSampler implements Sampler {
  public static final int DEFAULT_STARTUP_TRIALS = 10;
  public static final int DEFAULT_EI_CANDIDATES = 24;
  public static final double DEFAULT_PRIOR_WEIGHT = 1.0;
  private static final int GAMMA_CAP = 25;
  private static final int ATTEMPTS_PER_PROPOSAL = 10;

  private final SearchSpace space;
  private final long seed;
  private final int startupTrials;
  private final int eiCandidates;
  private final double priorWeight;
  private final boolean constantLiar;
  private final RandomSampler startup;

  public TpeSampler(
      SearchSpace space,
      long seed,
      int startupTrials,
      int eiCandidates,
      double priorWeight,
      boolean constantLiar) {
    if (startupTrials < 0 || eiCandidates < 1 || !(priorWeight > 0)) {
      throw new IllegalArgumentException(
          "need startupTrials >= 0, eiCandidates >= 1 and priorWeight > 0");
    }
    this.space = space;
    this.seed = seed;
    this.startupTrials = startupTrials;
    this.eiCandidates = eiCandidates;
    this.priorWeight = priorWeight;
    this.constantLiar = constantLiar;
    this.startup = new RandomSampler(space, seed);
  }

  /** Optuna's defaults, the constant liar on. */
  public static TpeSampler withDefaults(SearchSpace space, long seed) {
    return new TpeSampler(
        space, seed, DEFAULT_STARTUP_TRIALS, DEFAULT_EI_CANDIDATES, DEFAULT_PRIOR_WEIGHT, true);
  }

  /** How many of n finished trials count as good. */
  static int gamma(int finished) {
    return Math.min((int) Math.ceil(0.1 * finished), GAMMA_CAP);
  }

  @Override
  public List<TrialProposal> propose(int count, TuningHistory history) {
    SplittableRandom random = SeededRandom.forBatch(seed, history.size());
    List<TuningTrial> ranked = history.ranked();
    List<TrialProposal> batch = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    history.trials().forEach(trial -> seen.add(trial.id()));
    while (batch.size() < count) {
      TrialProposal proposal = null;
      if (ranked.size() >= startupTrials && !ranked.isEmpty()) {
        for (int attempt = 0; attempt < ATTEMPTS_PER_PROPOSAL && proposal == null; attempt++) {
          TrialProposal candidate = TrialProposal.of(space, sampleGuided(random, history, batch));
          if (!seen.contains(candidate.id())) {
            proposal = candidate;
          }
        }
      }
      if (proposal == null) {
        // Startup, or TPE keeps landing on tried points: explore at random instead.
        List<TrialProposal> drawn = startup.proposeWith(random, 1, history, batch);
        if (drawn.isEmpty()) {
          break;
        }
        proposal = drawn.get(0);
      }
      seen.add(proposal.id());
      batch.add(proposal);
    }
    return batch;
  }

  private Map<String, Object> sampleGuided(
      SplittableRandom random, TuningHistory history, List<TrialProposal> batch) {
    List<TuningTrial> ranked = history.ranked();
    int good = gamma(ranked.size());
    List<Map<String, Object>> below = byNumber(ranked.subList(0, good));
    List<Map<String, Object>> above = byNumber(ranked.subList(good, ranked.size()));
    if (constantLiar) {
      history.pending().forEach(trial -> above.add(trial.proposal().params()));
      batch.forEach(proposal -> above.add(proposal.params()));
    }
    Map<String, Object> params = new LinkedHashMap<>();
    for (Parameter parameter : space.parameters()) {
      if (!SearchSpace.isActive(parameter, params)) {
        continue;
      }
      ParzenEstimator l = ParzenEstimator.of(parameter, observed(parameter, below), priorWeight);
      ParzenEstimator g = ParzenEstimator.of(parameter, observed(parameter, above), priorWeight);
      Object best = null;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < eiCandidates; i++) {
        Object candidate = l.sample(random);
        double score = l.logDensity(candidate) - g.logDensity(candidate);
        if (best == null || score > bestScore) {
          best = candidate;
          bestScore = score;
        }
      }
      params.put(parameter.name(), best);
    }
    return params;
  }

  /** The trials' configurations, oldest first, as the observation weights expect. */
  private static List<Map<String, Object>> byNumber(List<TuningTrial> trials) {
    List<Map<String, Object>> params = new ArrayList<>();
    trials.stream()
        .sorted((a, b) -> Integer.compare(a.number(), b.number()))
        .forEach(trial -> params.add(trial.proposal().params()));
    return params;
  }

  private static List<Object> observed(Parameter parameter, List<Map<String, Object>> configs) {
    List<Object> values = new ArrayList<>();
    for (Map<String, Object> config : configs) {
      Object value = config.get(parameter.name());
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }
}
