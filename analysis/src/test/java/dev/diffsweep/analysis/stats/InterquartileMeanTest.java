package dev.diffsweep.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class InterquartileMeanTest {
  @Test
  void dropsAQuarterOfTheRunsAtEachEndOfTheSortedSample() {
    // Sorted: 1 2 3 4 5 6 7 100; n = 8 drops 2 per end, keeps 3 4 5 6.
    assertThat(InterquartileMean.of(new double[] {100, 3, 1, 6, 2, 5, 4, 7})).isEqualTo(4.5);
  }

  @Test
  void dropsTheFloorOfAQuarterWhenTheSizeIsNotAMultipleOfFour() {
    // n = 5 drops floor(5/4) = 1 per end: mean of 2, 3, 10 = 5, as scipy's trim_mean(x, 0.25).
    assertThat(InterquartileMean.of(new double[] {-50, 2, 3, 10, 99})).isEqualTo(5.0);
    // n = 7 drops 1 per end: mean of 2..6 = 4.
    assertThat(InterquartileMean.of(new double[] {1, 2, 3, 4, 5, 6, 1000})).isEqualTo(4.0);
  }

  @Test
  void isTheMeanForFewerThanFourRuns() {
    assertThat(InterquartileMean.of(new double[] {1, 2, 9})).isCloseTo(4.0, within(1e-12));
    assertThat(InterquartileMean.of(new double[] {7})).isEqualTo(7.0);
  }

  @Test
  void isUndefinedForNoRuns() {
    assertThat(InterquartileMean.of(new double[0])).isNaN();
  }
}
