package dev.diffsweep.analysis.summary;

import dev.diffsweep.analysis.stats.ConfidenceInterval;
import dev.diffsweep.analysis.stats.PointwiseEstimate;
import dev.diffsweep.analysis.stats.Statistic;
import java.util.List;

/**
 * Fills the cells of the columns {@link TableSchema#statistics} declares. Undefined numbers are
 * written as nulls, which Parquet readers and the CSV copy show as missing rather than as NaN.
 */
public final class StatisticCells {
  private StatisticCells() {}

  /** For each statistic: the estimate at {@code point} and its interval bounds. */
  public static void append(List<Object> row, PointwiseEstimate estimate, int point) {
    for (Statistic s : Statistic.values()) {
      ConfidenceInterval ci = estimate.interval(s, point);
      row.add(nullIfNaN(estimate.point(s, point)));
      row.add(nullIfNaN(ci.low()));
      row.add(nullIfNaN(ci.high()));
    }
  }

  /** Nulls in every statistics column, for a row without an estimate. */
  public static void appendMissing(List<Object> row) {
    for (int column = 0; column < Statistic.values().length * 3; column++) {
      row.add(null);
    }
  }

  public static Double nullIfNaN(double value) {
    return Double.isNaN(value) ? null : value;
  }
}
