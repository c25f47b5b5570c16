package dev.diffsweep.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantileTest {
  @Test
  void interpolatesLinearlyBetweenOrderStatisticsLikeNumpy() {
    double[] sorted = {1, 2, 4, 8};
    assertThat(Quantile.ofSorted(sorted, 0)).isEqualTo(1.0);
    assertThat(Quantile.ofSorted(sorted, 1)).isEqualTo(8.0);
    // Position 0.5 x 3 = 1.5: halfway between 2 and 4.
    assertThat(Quantile.ofSorted(sorted, 0.5)).isEqualTo(3.0);
    // numpy.percentile([1, 2, 4, 8], 2.5) = 1.075.
    assertThat(Quantile.ofSorted(sorted, 0.025))
        .isCloseTo(1.075, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void percentileIntervalIgnoresUndefinedReplicates() {
    ConfidenceInterval interval =
        ConfidenceInterval.percentile(new double[] {Double.NaN, 1, 2, 3, Double.NaN}, 0.5);
    assertThat(interval).isEqualTo(new ConfidenceInterval(1.5, 2.5));
  }
}
