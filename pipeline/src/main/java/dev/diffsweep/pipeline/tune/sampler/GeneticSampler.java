package dev.diffsweep.pipeline.tune.sampler;

import dev.diffsweep.pipeline.tune.space.Parameter;
import dev.diffsweep.pipeline.tune.space.SearchSpace;
import dev.diffsweep.pipeline.tune.space.TrialProposal;
import dev.diffsweep.pipeline.tune.state.TuningHistory;
import dev.diffsweep.pipeline.tune.state.TuningTrial;
import io.jenetics.Alterer;
import io.jenetics.DoubleChromosome;
import io.jenetics.DoubleGene;
import io.jenetics.GaussianMutator;
import io.jenetics.Genotype;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.Selector;
import io.jenetics.TournamentSelector;
import io.jenetics.UniformCrossover;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A genetic algorithm on jenetics, run ask-and-tell: the tuner asks for a generation (one batch,
 * trained as one Spark job of population x seeds), trains it, and the next call breeds from what
 * the history says. Jenetics' own evolution loop is not used because it wants to evaluate fitness
 * itself, inside one JVM; its selector and alterers are.
 *
 * <p>A configuration is a chromosome with one gene in [0, 1) per parameter (see {@link
 * UnitMapping}: log, step and categorical parameters map onto it with their prior). Parents are the
 * best {@code population} trials so far, of all generations (a (mu + lambda) scheme, so the best
 * never gets lost), picked by tournament; children come from uniform crossover and Gaussian
 * mutation. Genes of inactive parameters ride along unused. The first generation is random.
 */
public final class GeneticSampler implements Sampler {
  public static final int DEFAULT_POPULATION = 8;
  public static final int DEFAULT_TOURNAMENT_SIZE = 3;
  public static final double DEFAULT_CROSSOVER = 0.5;
  public static final double DEFAULT_MUTATION = 0.2;

  /** Rounds of selection and alteration before topping a generation up at random. */
  private static final int BREEDING_ROUNDS = 20;

  private final SearchSpace space;
  private final long seed;
  private final int population;
  private final Selector<DoubleGene, Double> selector;
  private final Alterer<DoubleGene, Double> alterer;
  private final RandomSampler random;

  public GeneticSampler(
      SearchSpace space,
      long seed,
      int population,
      int tournamentSize,
      double crossover,
      double mutation) {
    if (population < 2 || tournamentSize < 2) {
      throw new IllegalArgumentException("need population >= 2 and tournamentSize >= 2");
    }
    this.space = space;
    this.seed = seed;
    this.population = population;
    this.selector = new TournamentSelector<>(tournamentSize);
    Alterer<DoubleGene, Double> crossing = new UniformCrossover<>(crossover, 0.5);
    this.alterer = crossing.andThen(new GaussianMutator<DoubleGene, Double>(mutation));
    this.random = new RandomSampler(space, seed);
  }

  public static GeneticSampler withDefaults(SearchSpace space, long seed) {
    return new GeneticSampler(
        space,
        seed,
        DEFAULT_POPULATION,
        DEFAULT_TOURNAMENT_SIZE,
        DEFAULT_CROSSOVER,
        DEFAULT_MUTATION);
  }

  /** How many trials a generation has. */
  public int population() {
    return population;
  }

  @Override
  public List<TrialProposal> propose(int count, TuningHistory history) {
    SplittableRandom generator = SeededRandom.forBatch(seed, history.size());
    List<TuningTrial> ranked = history.ranked();
    if (history.size() < population || ranked.size() < 2) {
      return random.proposeWith(generator, count, history, List.of());
    }
    List<TuningTrial> parents = ranked.subList(0, Math.min(population, ranked.size()));
    long generation = history.size() / population;
    List<TrialProposal> children =
        RandomRegistry.with(generator, r -> breed(count, parents, history, generation));
    if (children.size() < count) {
      children.addAll(random.proposeWith(generator, count - children.size(), history, children));
    }
    return children;
  }

  private List<TrialProposal> breed(
      int count, List<TuningTrial> parents, TuningHistory history, long generation) {
    List<Phenotype<DoubleGene, Double>> pool = new ArrayList<>();
    for (TuningTrial parent : parents) {
      pool.add(
          Phenotype.of(encode(parent.proposal().params()), generation - 1, history.loss(parent)));
    }
    ISeq<Phenotype<DoubleGene, Double>> parentSeq = ISeq.of(pool);
    List<TrialProposal> children = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    history.trials().forEach(trial -> seen.add(trial.id()));
    for (int round = 0; round < BREEDING_ROUNDS && children.size() < count; round++) {
      ISeq<Phenotype<DoubleGene, Double>> selected =
          selector.select(parentSeq, population, Optimize.MINIMUM);
      for (Phenotype<DoubleGene, Double> child : alterer.alter(selected, generation).population()) {
        TrialProposal proposal = TrialProposal.of(space, decode(child.genotype()));
        // Unaltered copies of parents decode to known ids and are skipped here.
        if (children.size() < count && seen.add(proposal.id())) {
          children.add(proposal);
        }
      }
    }
    return children;
  }

  Genotype<DoubleGene> encode(Map<String, Object> params) {
    List<DoubleGene> genes = new ArrayList<>();
    for (Parameter parameter : space.parameters()) {
      Object value = params.get(parameter.name());
      double u = value == null ? 0.5 : UnitMapping.toUnit(parameter, value);
      genes.add(DoubleGene.of(u, 0, 1));
    }
    return Genotype.of(DoubleChromosome.of(genes));
  }

  Map<String, Object> decode(Genotype<DoubleGene> genotype) {
    DoubleChromosome chromosome = (DoubleChromosome) genotype.chromosome();
    Map<String, Object> params = new LinkedHashMap<>();
    for (int i = 0; i < space.parameters().size(); i++) {
      Parameter parameter = space.parameters().get(i);
      if (SearchSpace.isActive(parameter, params)) {
        params.put(parameter.name(), UnitMapping.fromUnit(parameter, chromosome.get(i).allele()));
      }
    }
    return params;
  }
}
