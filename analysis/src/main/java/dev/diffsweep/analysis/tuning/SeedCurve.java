package dev.diffsweep.analysis.tuning;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One seed's evaluation curve (env steps ascending) and its share of the tuner's objective: the
 * mean evaluation return over the last fraction of the budget. The tuner takes the IQM of these
 * over seeds, so the report's interval over seeds is of the same number the tuner ranked by.
 */
public record SeedCurve(long[] steps, double[] returns) {

  /**
   * The mean return of the evaluations in (budget - lastFraction * budget, budget], as the tuner
   * scores a run; when no evaluation falls in that window (the evaluation interval is wider), the
   * last evaluation at or before the budget; NaN without any.
   */
  public double tailMean(long budget, double lastFraction) {
    double windowStart = budget - lastFraction * budget;
    double sum = 0;
    int inWindow = 0;
    double lastBeforeBudget = Double.NaN;
    for (int i = 0; i < steps.length && steps[i] <= budget; i++) {
      lastBeforeBudget = returns[i];
      if (steps[i] > windowStart) {
        sum += returns[i];
        inWindow++;
      }
    }
    return inWindow > 0 ? sum / inWindow : lastBeforeBudget;
  }

  /** The curves of the given trials from a study's evaluations (the few the report needs). */
  public static Map<String, SeedCurve> collect(
      Dataset<Row> evaluations, Collection<String> trialIds) {
    if (trialIds.isEmpty()) {
      return Map.of();
    }
    List<Row> points =
        evaluations
            .where(col("trial_id").isInCollection(trialIds))
            .select("trial_id", "env_step", "return_mean")
            .orderBy("trial_id", "env_step")
            .collectAsList();
    Map<String, List<Row>> pointsByTrial = new HashMap<>();
    for (Row point : points) {
      pointsByTrial.computeIfAbsent(point.getString(0), id -> new ArrayList<>()).add(point);
    }
    Map<String, SeedCurve> curves = new HashMap<>();
    pointsByTrial.forEach(
        (trial, rows) ->
            curves.put(
                trial,
                new SeedCurve(
                    rows.stream().mapToLong(r -> r.getLong(1)).toArray(),
                    rows.stream().mapToDouble(r -> r.getDouble(2)).toArray())));
    return curves;
  }
}
