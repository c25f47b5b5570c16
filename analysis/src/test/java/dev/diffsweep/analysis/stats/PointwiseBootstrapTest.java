package dev.diffsweep.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PointwiseBootstrapTest {
  private static final BootstrapSettings SETTINGS = new BootstrapSettings(4000, 0.95, 42);

  @Test
  void meanIntervalMatchesTheNormalApproximationForALargeSample() {
    // Runs scoring 0..399: bootstrap SE of the mean = population SD / sqrt(n)
    // = sqrt((n^2 - 1) / 12) / 20 = 5.7734; 95 % interval = 199.5 -/+ 1.96 x 5.7734.
    int n = 400;
    double[][] values = new double[n][1];
    for (int i = 0; i < n; i++) {
      values[i][0] = i;
    }
    PointwiseEstimate estimate = PointwiseBootstrap.estimate(values, new int[n], SETTINGS);

    double halfWidth = 1.959964 * Math.sqrt((n * (double) n - 1) / 12) / Math.sqrt(n);
    assertThat(estimate.point(Statistic.MEAN, 0)).isEqualTo(199.5);
    assertThat(estimate.interval(Statistic.MEAN, 0).low())
        .isCloseTo(199.5 - halfWidth, within(0.8));
    assertThat(estimate.interval(Statistic.MEAN, 0).high())
        .isCloseTo(199.5 + halfWidth, within(0.8));
  }

  @Test
  void stratifiedResamplingKeepsEachTasksWeight() {
    // Task 0: three runs scoring 0; task 1: one run scoring 1. Stratified resamples always draw
    // three runs of task 0 and one of task 1, so the mean is exactly 0.25 in every resample.
    double[][] values = {{0}, {0}, {0}, {1}};
    PointwiseEstimate stratified =
        PointwiseBootstrap.estimate(values, new int[] {0, 0, 0, 1}, SETTINGS);
    assertThat(stratified.interval(Statistic.MEAN, 0))
        .isEqualTo(new ConfidenceInterval(0.25, 0.25));

    // Pooled into one stratum the share of the 1 varies from resample to resample.
    PointwiseEstimate pooled = PointwiseBootstrap.estimate(values, new int[4], SETTINGS);
    assertThat(pooled.interval(Statistic.MEAN, 0).low()).isEqualTo(0.0);
    assertThat(pooled.interval(Statistic.MEAN, 0).high()).isGreaterThanOrEqualTo(0.5);
  }

  @Test
  void identicalRunsGiveADegenerateInterval() {
    double[][] values = {{3, 5}, {3, 5}, {3, 5}};
    PointwiseEstimate estimate = PointwiseBootstrap.estimate(values, new int[3], SETTINGS);
    for (Statistic s : Statistic.values()) {
      assertThat(estimate.interval(s, 0)).isEqualTo(new ConfidenceInterval(3, 3));
      assertThat(estimate.interval(s, 1)).isEqualTo(new ConfidenceInterval(5, 5));
    }
  }

  @Test
  void eachPointUsesOnlyTheRunsDefinedThere() {
    // The second run stopped before the second point.
    double[][] values = {{1, 10}, {3, Double.NaN}};
    PointwiseEstimate estimate = PointwiseBootstrap.estimate(values, new int[2], SETTINGS);
    assertThat(estimate.runs()).containsExactly(2, 1);
    assertThat(estimate.point(Statistic.MEAN, 0)).isEqualTo(2.0);
    assertThat(estimate.point(Statistic.IQM, 1)).isEqualTo(10.0);
    assertThat(estimate.interval(Statistic.MEDIAN, 1)).isEqualTo(new ConfidenceInterval(10, 10));
  }

  @Test
  void pointEstimatesAreTheDefinitions() {
    double[][] values = {{100}, {3}, {1}, {6}, {2}, {5}, {4}, {7}};
    PointwiseEstimate estimate = PointwiseBootstrap.estimate(values, new int[8], SETTINGS);
    assertThat(estimate.point(Statistic.MEAN, 0)).isEqualTo(128 / 8.0);
    assertThat(estimate.point(Statistic.MEDIAN, 0)).isEqualTo(4.5);
    assertThat(estimate.point(Statistic.IQM, 0)).isEqualTo(4.5);
  }
}
