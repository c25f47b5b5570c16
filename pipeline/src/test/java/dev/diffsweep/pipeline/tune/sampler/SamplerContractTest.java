package dev.diffsweep.pipeline.tune.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.pipeline.tune.SyntheticProblem;
import dev.diffsweep.pipeline.tune.space.SearchSpace;
import dev.diffsweep.pipeline.tune.space.TrialProposal;
import dev.diffsweep.pipeline.tune.state.TuningHistory;
import dev.diffsweep.pipeline.tune.state.TuningTrial;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every sampler promises: typed values in bounds, conditions honoured, no repeats, seeds. */
class SamplerContractTest {
  private static final int TRIALS = 48;
  private static final int BATCH = 4;

  /** Makes the sampler under test for a search space and a seed. */
  @FunctionalInterface
  interface SamplerFactory {
    Sampler make(SearchSpace space, long seed);
  }

  /** A test run once for every sampler of {@link #samplers()}, named after it. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ParameterizedTest(name = "{0}")
  @MethodSource("samplers")
  @interface ForEverySampler {}

  static Stream<Arguments> samplers() {
    SamplerFactory random = RandomSampler::new;
    SamplerFactory grid = (space, seed) -> new GridSampler(space, 3, seed);
    SamplerFactory tpe = (space, seed) -> new TpeSampler(space, seed, 8, 24, 1.0, true);
    SamplerFactory genetic = (space, seed) -> new GeneticSampler(space, seed, 8, 3, 0.5, 0.2);
    return Stream.of(
        Arguments.of("random", random),
        Arguments.of("grid", grid),
        Arguments.of("tpe", tpe),
        Arguments.of("genetic", genetic));
  }

  @ForEverySampler
  void proposesTypedValuesWithinBoundsAndOnlyActiveParameters(String name, SamplerFactory factory) {
    TuningHistory history = tuning(factory, 7L);

    assertThat(history.size()).isEqualTo(TRIALS);
    for (TuningTrial trial : history.trials()) {
      Map<String, Object> params = trial.proposal().params();
      assertThat(params.get("algorithm")).isIn("sac", "diffsac");
      assertThat(params.get("x")).isInstanceOf(Double.class);
      assertThat((Double) params.get("x")).isBetween(-5.0, 5.0);
      assertThat((Double) params.get("learning_rate")).isBetween(1e-5, 1e-1);
      assertThat(params.get("width")).isInstanceOf(Long.class);
      assertThat((Long) params.get("width")).isBetween(1L, 64L);
      assertThat(params.get("optimizer")).isIn("sgd", "adam", "rmsprop", "adagrad");
      if (params.get("algorithm").equals("diffsac")) {
        long steps = (Long) params.get("diffusion_steps");
        assertThat(steps).isBetween(2L, 20L);
        assertThat(steps % 2).as("diffusion_steps on its step-2 grid").isZero();
      } else {
        assertThat(params).doesNotContainKey("diffusion_steps");
      }
    }
  }

  @ForEverySampler
  void neverProposesAConfigurationTwice(String name, SamplerFactory factory) {
    TuningHistory history = tuning(factory, 7L);

    assertThat(history.trials().stream().map(TuningTrial::id).distinct()).hasSize(TRIALS);
  }

  @ForEverySampler
  void theSameSeedProposesTheSameTrialsAndAnotherSeedOthers(String name, SamplerFactory factory) {
    List<TrialProposal> first = proposals(factory, 11L);
    List<TrialProposal> again = proposals(factory, 11L);
    List<TrialProposal> other = proposals(factory, 12L);

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  /** A synthetic tuning of {@value #TRIALS} trials by the factory's sampler for this seed. */
  private static TuningHistory tuning(SamplerFactory factory, long seed) {
    return SyntheticTuning.run(factory.make(SyntheticProblem.space(), seed), TRIALS, BATCH);
  }

  private static List<TrialProposal> proposals(SamplerFactory factory, long seed) {
    return tuning(factory, seed).trials().stream().map(TuningTrial::proposal).toList();
  }
}
