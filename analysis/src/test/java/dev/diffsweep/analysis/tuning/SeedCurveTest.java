package dev.diffsweep.analysis.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeedCurveTest {
  private final SeedCurve curve =
      new SeedCurve(new long[] {250, 500, 750, 1000, 1250}, new double[] {1, 2, 3, 4, 100});

  @Test
  void averagesTheEvaluationsInTheLastFractionOfTheBudgetOnly() {
    // Budget 1000, last half: (500, 1000] holds 750 and 1000; 1250 lies past the budget.
    assertThat(curve.tailMean(1000, 0.5)).isEqualTo(3.5);
  }

  @Test
  void fallsBackToTheLastEvaluationWhenTheWindowHoldsNone() {
    // Budget 900, last tenth: (810, 900] holds no evaluation; 750 is the last one before it.
    assertThat(curve.tailMean(900, 0.1)).isEqualTo(3);
  }

  @Test
  void isUndefinedWithoutAnEvaluationWithinTheBudget() {
    assertThat(curve.tailMean(100, 0.5)).isNaN();
  }
}
