package dev.diffsweep.pipeline.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectiveTest {
  private final Objective objective = Objective.standard();

  @Test
  void averagesTheEvaluationsInTheLastTenthOfTheBudget() {
    List<EvaluationPoint> curve =
        List.of(
            new EvaluationPoint(8_000, 1),
            new EvaluationPoint(9_000, 2),
            new EvaluationPoint(9_500, 4),
            new EvaluationPoint(10_000, 6));

    assertThat(objective.tailMean(curve, 10_000)).isCloseTo(5.0, within(1e-12));
  }

  @Test
  void takesTheLastEvaluationWhenNoneFallsInTheWindow() {
    List<EvaluationPoint> curve =
        List.of(new EvaluationPoint(5_000, 3), new EvaluationPoint(10_000, 7));

    assertThat(objective.tailMean(curve, 12_000)).isEqualTo(7);
  }

  @Test
  void ignoresEvaluationsPastTheBudgetSoARungIsScoredAsItWas() {
    List<EvaluationPoint> curve =
        List.of(new EvaluationPoint(5_000, 3), new EvaluationPoint(10_000, 7));

    assertThat(objective.tailMean(curve, 5_000)).isEqualTo(3);
  }

  @Test
  void interquartileMeanDropsAQuarterAtEachEnd() {
    assertThat(Objective.interquartileMean(new double[] {100, 1, 2, 3, 4, 5, 6, -100}))
        .isCloseTo(3.5, within(1e-12));
    assertThat(Objective.interquartileMean(new double[] {1, 2, 30})).isCloseTo(11, within(1e-12));
  }

  @Test
  void scoresATrialAsTheIqmOverSeedsOfTheTailMeans() {
    List<List<EvaluationPoint>> seeds =
        List.of(
            List.of(new EvaluationPoint(1_000, 10)),
            List.of(new EvaluationPoint(1_000, 20)),
            List.of(new EvaluationPoint(1_000, 30)),
            List.of(new EvaluationPoint(1_000, 1_000)));

    assertThat(objective.value(seeds, 1_000)).isCloseTo(25, within(1e-12));
  }

  @Test
  void refusesACurveWithNoEvaluationBeforeTheBudget() {
    assertThatThrownBy(() -> objective.tailMean(List.of(new EvaluationPoint(5_000, 1)), 1_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no evaluation at or before step 1000");
  }
}
