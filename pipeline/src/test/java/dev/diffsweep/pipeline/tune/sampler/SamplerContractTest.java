package dev.diffsweep.pipeline.tune.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.pipeline.tune.SyntheticProblem;
import dev.diffsweep.pipeline.tune.space.SearchSpace;
import dev.diffsweep.pipeline.tune.space.TrialProposal;
import dev.diffsweep.pipeline.tune.state.TuningHistory;
import dev.diffsweep.pipeline.tune.state.TuningTrial;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every sampler promises: typed values in bounds, conditions honoured, no repeats, seeds. */
class SamplerContractTest {
  private static final int TRIALS = 48;
  private static final int BATCH = 4;

  static Stream<Arguments> samplers() {
    BiFunction<SearchSpace, Long, Sampler> random = RandomSampler::new;
    BiFunction<SearchSpace, Long, Sampler> grid = (space, seed) -> new GridSampler(space, 3, seed);
    BiFunction<SearchSpace, Long, Sampler> tpe =
        (space, seed) -> new TpeSampler(space, seed, 8, 24, 1.0, true);
    BiFunction<SearchSpace, Long, Sampler> genetic =
        (space, seed) -> new GeneticSampler(space, seed, 8, 3, 0.5, 0.2);
    return Stream.of(
        Arguments.of("random", random),
        Arguments.of("grid", grid),
        Arguments.of("tpe", tpe),
        Arguments.of("genetic", genetic));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samplers")
  void proposesTypedValuesWithinBoundsAndOnlyActiveParameters(
      String name, BiFunction<SearchSpace, Long, Sampler> factory) {
    TuningHistory history =
        SyntheticTuning.run(factory.apply(SyntheticProblem.space(), 7L), TRIALS, BATCH);

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

  @ParameterizedTest(name = "{0}")
  @MethodSource("samplers")
  void neverProposesAConfigurationTwice(
      String name, BiFunction<SearchSpace, Long, Sampler> factory) {
    TuningHistory history =
        SyntheticTuning.run(factory.apply(SyntheticProblem.space(), 7L), TRIALS, BATCH);

    assertThat(history.trials().stream().map(TuningTrial::id).distinct()).hasSize(TRIALS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samplers")
  void theSameSeedProposesTheSameTrialsAndAnotherSeedOthers(
      String name, BiFunction<SearchSpace, Long, Sampler> factory) {
    List<TrialProposal> first = proposals(factory.apply(SyntheticProblem.space(), 11L));
    List<TrialProposal> again = proposals(factory.apply(SyntheticProblem.space(), 11L));
    List<TrialProposal> other = proposals(factory.apply(SyntheticProblem.space(), 12L));

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  private static List<TrialProposal> proposals(Sampler sampler) {
    return SyntheticTuning.run(sampler, TRIALS, BATCH).trials().stream()
        .map(TuningTrial::proposal)
        .toList();
  }
}
