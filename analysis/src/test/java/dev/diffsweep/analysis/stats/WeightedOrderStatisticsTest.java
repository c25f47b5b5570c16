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
  void theSortedWalkGivesTheSameBitsAsTheGeneralOne() {
    SplittableRandom random = new SplittableRandom(11);
    double[] expected = new double[3];
    double[] actual = new double[3];
    for (int trial = 0; trial < 20_000; trial++) {
      int n = 1 + random.nextInt(40);
      double[] values = new double[n];
      int[] multiplicity = new int[n];
      long total = 0;
      for (int i = 0; i < n; i++) {
        int kind = random.nextInt(6);
        values[i] =
            kind == 0 ? 0.0 : kind == 1 ? -0.0 : (random.nextDouble() - 0.5) * Math.pow(10, kind);
        multiplicity[i] = random.nextInt(3) == 0 ? 0 : random.nextInt(4);
        total += multiplicity[i];
      }
      Integer[] boxed = new Integer[n];
      Arrays.setAll(boxed, i -> i);
      Arrays.sort(boxed, (a, b) -> Double.compare(values[a], values[b]));
      int[] order = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
      double[] sorted = Arrays.stream(order).mapToDouble(i -> values[i]).toArray();

      WeightedOrderStatistics.compute(values, order, n, multiplicity, total, expected);
      WeightedOrderStatistics.computeSorted(sorted, order, n, multiplicity, total, actual);

      for (int s = 0; s < 3; s++) {
        assertThat(Double.doubleToRawLongBits(actual[s]))
            .as(
                "statistic %d of %s x %s",
                s, Arrays.toString(values), Arrays.toString(multiplicity))
            .isEqualTo(Double.doubleToRawLongBits(expected[s]));
      }
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
