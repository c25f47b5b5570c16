package dev.diffsweep.pipeline.tune.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.diffsweep.pipeline.tune.space.CategoricalParameter;
import dev.diffsweep.pipeline.tune.space.Condition;
import dev.diffsweep.pipeline.tune.space.FloatParameter;
import dev.diffsweep.pipeline.tune.space.IntParameter;
import dev.diffsweep.pipeline.tune.space.SearchSpace;
import dev.diffsweep.pipeline.tune.state.TuningHistory;
import dev.diffsweep.pipeline.tune.state.TuningTrial;
import java.util.List;
import org.junit.jupiter.api.Test;

class GridSamplerTest {
  // sac: 3 rates x 2 batch sizes = 6; diffsac adds K in {2, 6, 8}: 18. 24 points in all.
  private final SearchSpace space =
      SearchSpace.of(
          List.of("sac", "diffsac"),
          List.of(
              new FloatParameter("learning_rate", 1e-4, 1e-2, true, List.of()),
              new CategoricalParameter("batch_size", List.of(128L, 256L), List.of()),
              new IntParameter(
                  "diffusion_steps",
                  2,
                  8,
                  2,
                  false,
                  List.of(new Condition(SearchSpace.ALGORITHM, List.of("diffsac"))))));

  @Test
  void logFloatsGetLogSpacedPointsIncludingTheBounds() {
    assertThat(GridSampler.values(space.parameter("learning_rate"), 3))
        .satisfiesExactly(
            low -> assertThat((Double) low).isEqualTo(1e-4),
            mid -> assertThat((Double) mid).isCloseTo(1e-3, within(1e-12)),
            high -> assertThat((Double) high).isEqualTo(1e-2));
  }

  @Test
  void intsWithMoreValuesThanPointsAreThinnedEvenly() {
    assertThat(GridSampler.values(space.parameter("diffusion_steps"), 3))
        .containsExactly(2L, 6L, 8L);
  }

  @Test
  void visitsEveryGridPointOnceVaryingConditionalsOnlyWhereActiveThenStops() {
    GridSampler sampler = new GridSampler(space, 3, 1);

    TuningHistory history = SyntheticTuning.run(sampler, 100, 4, params -> 0.0);

    assertThat(sampler.size()).isEqualTo(24);
    assertThat(history.size()).isEqualTo(24);
    assertThat(history.trials().stream().map(TuningTrial::id).distinct()).hasSize(24);
    assertThat(sampler.propose(5, history)).isEmpty();
  }
}
