package dev.diffsweep.analysis.curves;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark SQL that reduces the evaluations of committed trials to what the statistics need: per
 * task a common env-step grid, each trial's curve on that grid, and per trial its final return and
 * area under the curve. Only Spark SQL built-ins (window functions, aggregates, {@code
 * sequence}/{@code explode}) so that the RAPIDS Accelerator can run every operator on a GPU; {@code
 * RapidsPlanCheck} verifies that.
 */
public final class TrialCurveQueries {
  private final SparkSession spark;
  private final String evaluationsView;
  private final int gridPoints;
  private final double finalFraction;

  /**
   * @param evaluations columns algorithm, task, trial_id, env_step, return_mean
   * @param gridPoints number of grid points per task (at least 2)
   * @param finalFraction the final return is the mean of this last fraction of evaluations
   */
  public TrialCurveQueries(
      SparkSession spark, Dataset<Row> evaluations, int gridPoints, double finalFraction) {
    if (gridPoints < 2) {
      throw new IllegalArgumentException("the grid needs at least 2 points, got " + gridPoints);
    }
    this.spark = spark;
    this.gridPoints = gridPoints;
    this.finalFraction = finalFraction;
    this.evaluationsView =
        "diffsweep_evaluations_" + Integer.toHexString(System.identityHashCode(this));
    evaluations
        .where("return_mean IS NOT NULL AND NOT isnan(return_mean)")
        .createOrReplaceTempView(evaluationsView);
  }

  /**
   * Per task: the grid's first and last env step (over all committed trials of the task) and the
   * lowest and highest evaluation return, which min-max normalisation uses.
   */
  public Dataset<Row> taskBounds() {
    return spark.sql(
        "SELECT task, min(env_step) AS first_step, max(env_step) AS last_step,"
            + " min(return_mean) AS min_return, max(return_mean) AS max_return"
            + " FROM "
            + evaluationsView
            + " GROUP BY task");
  }

  /** The grid: task, grid_index, env_step (evenly spaced from the first to the last step). */
  public Dataset<Row> grid() {
    taskBounds().createOrReplaceTempView(evaluationsView + "_bounds");
    return spark.sql(
        "SELECT task, grid_index,"
            + " CAST(round(first_step + (last_step - first_step) * grid_index / "
            + (gridPoints - 1)
            + ") AS BIGINT) AS env_step"
            + " FROM "
            + evaluationsView
            + "_bounds LATERAL VIEW explode(sequence(0, "
            + (gridPoints - 1)
            + ")) g AS grid_index");
  }

  /**
   * Each trial's evaluation curve linearly interpolated onto its task's grid: algorithm, task,
   * trial_id, grid_index, env_step, value. Grid points before a trial's first or after its last
   * evaluation get no row (no extrapolation). The grid rows are merged into the trial's evaluations
   * in env-step order; the last evaluation at or before and the first at or after each grid row
   * bracket it.
   */
  public Dataset<Row> interpolatedCurves() {
    grid().createOrReplaceTempView(evaluationsView + "_grid");
    String e = evaluationsView;
    return spark.sql(
        "WITH ranges AS ("
            + "  SELECT algorithm, task, trial_id, min(env_step) AS first_step,"
            + "   max(env_step) AS last_step FROM "
            + e
            + "  GROUP BY algorithm, task, trial_id),"
            + " targets AS ("
            + "  SELECT r.algorithm, r.task, r.trial_id, g.grid_index, g.env_step FROM ranges r"
            + "  JOIN "
            + e
            + "_grid g ON r.task = g.task"
            + "  AND g.env_step BETWEEN r.first_step AND r.last_step),"
            + " merged AS ("
            + "  SELECT algorithm, task, trial_id, env_step, return_mean AS value,"
            + "   CAST(NULL AS INT) AS grid_index FROM "
            + e
            + "  UNION ALL"
            + "  SELECT algorithm, task, trial_id, env_step, CAST(NULL AS DOUBLE), grid_index"
            + "  FROM targets),"
            + " bracketed AS ("
            + "  SELECT algorithm, task, trial_id, env_step, grid_index,"
            + "   last(CASE WHEN grid_index IS NULL THEN env_step END, true) OVER w_before AS s0,"
            + "   last(value, true) OVER w_before AS v0,"
            + "   first(CASE WHEN grid_index IS NULL THEN env_step END, true) OVER w_after AS s1,"
            + "   first(value, true) OVER w_after AS v1"
            + "  FROM merged"
            + "  WINDOW w_before AS (PARTITION BY trial_id ORDER BY env_step, grid_index NULLS FIRST"
            + "    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),"
            + "   w_after AS (PARTITION BY trial_id ORDER BY env_step, grid_index NULLS LAST"
            + "    ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING))"
            + " SELECT algorithm, task, trial_id, grid_index, env_step,"
            + "  CASE WHEN s1 = s0 THEN v0"
            + "   ELSE v0 + (v1 - v0) * (env_step - s0) / (s1 - s0) END AS value"
            + " FROM bracketed WHERE grid_index IS NOT NULL");
  }

  /**
   * Per trial: evaluations, first_step, last_step, final_return (mean of the last ceil(fraction x
   * evaluations), at least one) and auc (trapezoidal area under the evaluation curve, in return x
   * env steps).
   */
  public Dataset<Row> trialScores() {
    return spark.sql(
        "SELECT algorithm, task, trial_id, count(*) AS evaluations,"
            + " min(env_step) AS first_step, max(env_step) AS last_step,"
            + " avg(CASE WHEN rank_from_end <= greatest(1, ceil("
            + finalFraction
            + " * n)) THEN return_mean END) AS final_return,"
            + " coalesce(sum(trapezoid), 0D) AS auc"
            + " FROM ("
            + "  SELECT algorithm, task, trial_id, env_step, return_mean,"
            + "   row_number() OVER (PARTITION BY trial_id ORDER BY env_step DESC) AS rank_from_end,"
            + "   count(*) OVER (PARTITION BY trial_id) AS n,"
            + "   (env_step - lag(env_step) OVER w) * (return_mean + lag(return_mean) OVER w) / 2"
            + "    AS trapezoid"
            + "  FROM "
            + evaluationsView
            + "  WINDOW w AS (PARTITION BY trial_id ORDER BY env_step))"
            + " GROUP BY algorithm, task, trial_id");
  }

  /**
   * One row per trial with its scores and its grid curve as an array of (grid_index, value) sorted
   * by grid index: what the driver collects for the bootstrap.
   */
  public Dataset<Row> trialsWithCurves() {
    interpolatedCurves().createOrReplaceTempView(evaluationsView + "_curves");
    trialScores().createOrReplaceTempView(evaluationsView + "_scores");
    return spark.sql(
        "SELECT s.algorithm, s.task, s.trial_id, s.evaluations, s.first_step, s.last_step,"
            + " s.final_return, s.auc, c.curve FROM "
            + evaluationsView
            + "_scores s LEFT JOIN ("
            + "  SELECT trial_id, sort_array(collect_list(struct(grid_index, value))) AS curve"
            + "  FROM "
            + evaluationsView
            + "_curves GROUP BY trial_id) c ON s.trial_id = c.trial_id");
  }
}
