package dev.diffsweep.pipeline.tune.pruner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.contract.Direction;
import dev.diffsweep.pipeline.tune.state.TuningHistory;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuccessiveHalvingTest {
  private final SuccessiveHalving halving =
      new SuccessiveHalving(RungSchedule.geometric(1_000, 9_000, 3, 1_000), 3, 9);

  @Test
  void rungBudgetsGrowByEtaUpToTheFullBudgetOnTheEvaluationGrid() {
    assertThat(RungSchedule.geometric(1_000, 27_000, 3, 500).budgets())
        .containsExactly(1_000L, 3_000L, 9_000L, 27_000L);
    assertThat(RungSchedule.geometric(2_500, 10_000, 3, 2_500).budgets())
        .containsExactly(2_500L, 7_500L, 10_000L);
    assertThat(RungSchedule.geometric(1_200, 10_000, 2, 1_000).budgets())
        .containsExactly(2_000L, 3_000L, 5_000L, 10_000L);
  }

  @Test
  void keepsExactlyTheBestThirdWhenMaximising() {
    var trials = RungValues.atRung(0, 0, 5, 9, 1, 7, 3, 8, 2, 6, 4);

    assertThat(halving.survivors(0, trials, TuningHistory.empty(Direction.MAXIMIZE)))
        .containsExactlyInAnyOrder(1, 5, 3);
  }

  @Test
  void keepsTheSmallestValuesWhenMinimising() {
    var trials = RungValues.atRung(0, 1, 5, 9, 1, 7, 3, 8);

    assertThat(halving.survivors(1, trials, TuningHistory.empty(Direction.MINIMIZE)))
        .containsExactlyInAnyOrder(2, 4);
  }

  @Test
  void aTieAtTheCutGoesToTheEarlierTrial() {
    var trials = RungValues.atRung(10, 0, 4, 8, 8, 8, 1, 1);

    assertThat(halving.survivors(0, trials, TuningHistory.empty(Direction.MAXIMIZE)))
        .containsExactly(11, 12);
  }

  @Test
  void withFewerTrialsThanEtaTheBestOneGoesOn() {
    var trials = RungValues.atRung(0, 0, 3, 5);

    assertThat(halving.survivors(0, trials, TuningHistory.empty(Direction.MAXIMIZE)))
        .containsExactly(1);
  }

  @Test
  void aBracketStartsAllItsTrialsAtTheFirstRung() {
    assertThat(halving.bracket(4, 2)).isEqualTo(new Bracket(0, 9));
    assertThat(new SuccessiveHalving(halving.rungs(), 3, 0).bracket(0, 5))
        .isEqualTo(new Bracket(0, 5));
  }

  @Test
  void hyperbandCyclesThroughBracketsFromMostToLeastAggressive() {
    Hyperband hyperband = new Hyperband(RungSchedule.geometric(1_000, 27_000, 3, 1_000), 3);

    assertThat(List.of(0, 1, 2, 3, 4).stream().map(i -> hyperband.bracket(i, 1)).toList())
        .containsExactly(
            new Bracket(0, 27),
            new Bracket(1, 12),
            new Bracket(2, 6),
            new Bracket(3, 4),
            new Bracket(0, 27));
  }
}
