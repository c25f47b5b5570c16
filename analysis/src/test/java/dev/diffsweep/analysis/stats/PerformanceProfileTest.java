package dev.diffsweep.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerformanceProfileTest {
  @Test
  void fractionOfRunsAboveTauAveragedOverTasks() {
    // Task 0: 0.2 0.4 0.6 0.8; task 1: 0.5 0.9.
    List<double[]> scores = List.of(new double[] {0.2, 0.4, 0.6, 0.8}, new double[] {0.5, 0.9});
    PerformanceProfile.Profile profile =
        PerformanceProfile.estimate(
            scores, new double[] {0.0, 0.5, 0.85, 1.0}, new BootstrapSettings(200, 0.95, 3));
    // tau 0.5: task 0 has 2 of 4 above (strictly), task 1 has 1 of 2 -> (0.5 + 0.5) / 2.
    // tau 0.85: 0 of 4 and 1 of 2 -> 0.25.
    assertThat(profile.fraction()).containsExactly(1.0, 0.5, 0.25, 0.0);
    assertThat(profile.low()[0]).isEqualTo(1.0);
    assertThat(profile.high()[3]).isEqualTo(0.0);
  }

  @Test
  void tiesAreNotAboveAndUndefinedScoresCountAsRunsBelowEveryTau() {
    // Task 0: a NaN score (a run without a final return) is a run, never above tau.
    List<double[]> scores =
        List.of(new double[] {0.5, Double.NaN, 0.5, -0.0, 0.7}, new double[] {0.0, 0.5});
    PerformanceProfile.Profile profile =
        PerformanceProfile.estimate(
            scores,
            new double[] {-1.0, 0.0, 0.5, 0.6, Double.NaN},
            new BootstrapSettings(50, 0.95, 3));
    assertThat(profile.fraction())
        .containsExactly(
            (4.0 / 5 + 2.0 / 2) / 2,
            (3.0 / 5 + 1.0 / 2) / 2,
            (1.0 / 5 + 0.0) / 2,
            (1.0 / 5 + 0.0) / 2,
            0.0);
  }
}
