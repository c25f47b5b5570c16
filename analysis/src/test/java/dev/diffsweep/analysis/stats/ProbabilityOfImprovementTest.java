package dev.diffsweep.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProbabilityOfImprovementTest {
  private static final BootstrapSettings SETTINGS = new BootstrapSettings(1000, 0.95, 1);

  @Test
  void countsWinsAndHalfTiesOverAllPairs() {
    double[] x = {1, 2, 3};
    double[] y = {2, 2};
    // Pairs: (1,2) 0, (1,2) 0, (2,2) .5, (2,2) .5, (3,2) 1, (3,2) 1 -> 3 / 6.
    assertThat(ProbabilityOfImprovement.byPairs(x, y)).isEqualTo(0.5);
    assertThat(ProbabilityOfImprovement.estimate(List.of(x), List.of(y), SETTINGS).probability())
        .isEqualTo(0.5);
  }

  @Test
  void averagesOverTasks() {
    List<double[]> x = List.of(new double[] {5, 6}, new double[] {0, 1});
    List<double[]> y = List.of(new double[] {1, 2}, new double[] {3, 4});
    // Task 0: X always wins (1); task 1: X always loses (0).
    assertThat(ProbabilityOfImprovement.estimate(x, y, SETTINGS).probability()).isEqualTo(0.5);
  }

  @Test
  void matchesPairCountingOnUnevenSamples() {
    double[] x = {0.3, 1.7, 2.2, 2.2, 5.0, -1.0, 4.4};
    double[] y = {2.2, 0.1, 3.3, 4.4, 1.0};
    assertThat(ProbabilityOfImprovement.estimate(List.of(x), List.of(y), SETTINGS).probability())
        .isCloseTo(ProbabilityOfImprovement.byPairs(x, y), within(1e-12));
  }

  @Test
  void certainImprovementHasADegenerateInterval() {
    ProbabilityOfImprovement.Estimate estimate =
        ProbabilityOfImprovement.estimate(
            List.of(new double[] {10, 11, 12}), List.of(new double[] {1, 2, 3}), SETTINGS);
    assertThat(estimate.probability()).isEqualTo(1.0);
    assertThat(estimate.interval()).isEqualTo(new ConfidenceInterval(1, 1));
  }
}
