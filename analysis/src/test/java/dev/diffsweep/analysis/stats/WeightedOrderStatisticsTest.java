package dev.diffsweep.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeightedOrderStatisticsTest {
  @Test
  void matchesTheStatisticsOfTheExpandedSampleForRandomMultiplicities() {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + random.nextInt(12);
      double[] values = new double[n];
      int[] multiplicity = new int[n];
      for (int i = 0; i < n; i++) {
        values[i] = Math.round(random.nextDouble() * 20) / 2.0; // ties happen
        multiplicity[i] = random.nextInt(4);
      }
      multiplicity[random.nextInt(n)]++; // at least one draw
      Integer[] boxed = new Integer[n];
      Arrays.setAll(boxed, i -> i);
      Arrays.sort(boxed, (a, b) -> Double.compare(values[a], values[b]));
      int[] order = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
      double[] expanded = expand(values, multiplicity);

      double[] out = new double[3];
      WeightedOrderStatistics.compute(values, order, n, multiplicity, out);

      assertThat(out[0]).isCloseTo(Arrays.stream(expanded).average().orElseThrow(), within(1e-9));
      assertThat(out[1]).isCloseTo(Quantile.ofSorted(expanded, 0.5), within(1e-9));
      assertThat(out[2]).isCloseTo(InterquartileMean.of(expanded), within(1e-9));
    }
  }

  @Test
  void isUndefinedWhenNothingWasDrawn() {
    double[] out = new double[3];
    WeightedOrderStatistics.compute(new double[] {1, 2}, new int[] {0, 1}, 2, new int[2], out);
    assertThat(out).containsOnly(Double.NaN);
  }

  private static double[] expand(double[] values, int[] multiplicity) {
    java.util.stream.DoubleStream.Builder all = java.util.stream.DoubleStream.builder();
    for (int i = 0; i < values.length; i++) {
      for (int k = 0; k < multiplicity[i]; k++) {
        all.add(values[i]);
      }
    }
    return all.build().sorted().toArray();
  }
}
