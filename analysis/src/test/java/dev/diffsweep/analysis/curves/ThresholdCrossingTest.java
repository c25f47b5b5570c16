package dev.diffsweep.analysis.curves;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThresholdCrossingTest {
  private static final long[] STEPS = {0, 100, 200, 300};

  @Test
  void interpolatesBetweenTheGridPointsAroundTheFirstCrossing() {
    double[] values = {0, 10, 30, 50};
    // 20 is halfway from 10 (step 100) to 30 (step 200).
    assertThat(ThresholdCrossing.firstStep(STEPS, values, 20)).isEqualTo(150.0);
  }

  @Test
  void aCurveStartingAboveTheThresholdReachesItAtItsFirstPoint() {
    assertThat(ThresholdCrossing.firstStep(STEPS, new double[] {Double.NaN, 40, 50, 60}, 20))
        .isEqualTo(100.0);
  }

  @Test
  void aCurveThatNeverReachesTheThresholdHasNoStep() {
    assertThat(ThresholdCrossing.firstStep(STEPS, new double[] {0, 1, 2, Double.NaN}, 20)).isNaN();
  }
}
