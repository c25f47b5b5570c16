package dev.diffsweep.pipeline.tune;

import dev.diffsweep.pipeline.tune.sampler.GeneticSampler;
import dev.diffsweep.pipeline.tune.sampler.GridSampler;
import dev.diffsweep.pipeline.tune.sampler.RandomSampler;
import dev.diffsweep.pipeline.tune.sampler.Sampler;
import dev.diffsweep.pipeline.tune.sampler.TpeSampler;
import dev.diffsweep.pipeline.tune.space.SearchSpace;
import java.util.List;
import java.util.OptionalInt;

/** The {@code tune.sampler} block: which sampler, with which settings. */
public sealed interface SamplerSpec {
  List<String> TYPES = List.of("random", "grid", "tpe", "genetic");

  Sampler create(SearchSpace space, long seed);

  /** A cohort size the sampler needs (a genetic generation), if any. */
  default OptionalInt cohortSize() {
    return OptionalInt.empty();
  }

  record Random() implements SamplerSpec {
    @Override
    public Sampler create(SearchSpace space, long seed) {
      return new RandomSampler(space, seed);
    }
  }

  /**
   * @param points values per float dimension (and per int dimension with more values)
   */
  record Grid(int points) implements SamplerSpec {
    public static final int DEFAULT_POINTS = 5;

    @Override
    public Sampler create(SearchSpace space, long seed) {
      return new GridSampler(space, points, seed);
    }
  }

  record Tpe(int startupTrials, int eiCandidates, double priorWeight, boolean constantLiar)
      implements SamplerSpec {
    @Override
    public Sampler create(SearchSpace space, long seed) {
      return new TpeSampler(space, seed, startupTrials, eiCandidates, priorWeight, constantLiar);
    }
  }

  record Genetic(int population, int tournamentSize, double crossover, double mutation)
      implements SamplerSpec {
    @Override
    public Sampler create(SearchSpace space, long seed) {
      return new GeneticSampler(space, seed, population, tournamentSize, crossover, mutation);
    }

    @Override
    public OptionalInt cohortSize() {
      return OptionalInt.of(population);
    }
  }
}
