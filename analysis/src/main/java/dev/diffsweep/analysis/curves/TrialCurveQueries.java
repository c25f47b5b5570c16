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
        "SELECT task, grid_index, "
            + gridStep("grid_index")
            + " AS env_step FROM (SELECT task, first_step AS lo, last_step AS hi FROM "
            + evaluationsView
            + "_bounds) LATERAL VIEW explode(sequence(0, "
            + (gridPoints - 1)
            + ")) g AS grid_index");
  }

  /**
   * Each trial's evaluations as segments, in one window pass sorted by env step: a row per
   * evaluation with the next one (s1, v1; null for the last), its rank and the trial's count.
   */
  private String segments() {
    return "SELECT algorithm, task, trial_id, env_step AS s0, return_mean AS v0,"
        + " lead(env_step) OVER w AS s1, lead(return_mean) OVER w AS v1,"
        + " row_number() OVER w AS rank, count(*) OVER (PARTITION BY trial_id) AS n"
        + " FROM "
        + evaluationsView
        + " WINDOW w AS (PARTITION BY trial_id ORDER BY env_step)";
  }

  /** The env step of grid point {@code index} of a task spanning {@code lo} to {@code hi}. */
  private String gridStep(String index) {
    return "CAST(round(lo + (hi - lo) * " + index + " / " + (gridPoints - 1) + ") AS BIGINT)";
  }

  /**
   * Each trial's evaluation curve linearly interpolated onto its task's grid: algorithm, task,
   * trial_id, grid_index, env_step, value. A segment from one evaluation (s0) to the next (s1)
   * yields the grid points s0 <= step < s1, the trial's last evaluation the grid point on it if
   * any; grid points before a trial's first or after its last evaluation get no row (no
   * extrapolation). The candidate indices come from inverting the grid formula, widened by one each
   * side, then filtered on the exact rounded steps: no join of grid and evaluations and a single
   * sort, where merging grid rows into the evaluations needed two.
   */
  public Dataset<Row> interpolatedCurves() {
    taskBounds().createOrReplaceTempView(evaluationsView + "_bounds");
    int last = gridPoints - 1;
    String candidates =
        "CASE WHEN hi = lo THEN sequence(0, "
            + last
            + ") ELSE sequence("
            + "greatest(0, CAST(floor((s0 - lo) * "
            + last
            + " / (hi - lo)) AS INT) - 1),"
            + " least("
            + last
            + ", CAST(ceil((coalesce(s1, s0) - lo) * "
            + last
            + " / (hi - lo)) AS INT) + 1)) END";
    return spark.sql(
        "WITH segments AS ("
            + segments()
            + "), placed AS ("
            // The bounds are a row per task: broadcast them. Planned as a sort-merge join (their
            // size is unknown until they are computed), the 2 million segments of a 10 000-trial
            // study were shuffled and sorted by task before adaptive execution made it a
            // broadcast join anyway.
            + "  SELECT /*+ BROADCAST(b) */ s.algorithm, s.task, s.trial_id, s0, v0, s1, v1,"
            + "   b.first_step AS lo,"
            + "   b.last_step AS hi FROM segments s JOIN "
            + evaluationsView
            + "_bounds b ON s.task = b.task),"
            + " candidates AS ("
            + "  SELECT algorithm, task, trial_id, s0, v0, s1, v1, grid_index, "
            + gridStep("grid_index")
            + " AS env_step FROM placed LATERAL VIEW explode("
            + candidates
            + ") g AS grid_index)"
            + " SELECT algorithm, task, trial_id, grid_index, env_step,"
            + "  CASE WHEN s1 IS NULL OR env_step = s0 THEN v0"
            + "   ELSE v0 + (v1 - v0) * (env_step - s0) / (s1 - s0) END AS value"
            + " FROM candidates"
            + " WHERE env_step >= s0 AND (env_step < s1 OR (s1 IS NULL AND env_step = s0))");
  }

  /**
   * Per trial: evaluations, first_step, last_step, final_return (mean of the last ceil(fraction x
   * evaluations), at least one) and auc (trapezoidal area under the evaluation curve, in return x
   * env steps).
   */
  public Dataset<Row> trialScores() {
    return spark.sql(
        "SELECT algorithm, task, trial_id, count(*) AS evaluations,"
            + " min(s0) AS first_step, max(s0) AS last_step,"
            + " avg(CASE WHEN n - rank < greatest(1, ceil("
            + finalFraction
            + " * n)) THEN v0 END) AS final_return,"
            + " coalesce(sum((s1 - s0) * (v0 + v1) / 2), 0D) AS auc"
            + " FROM ("
            + segments()
            + ") GROUP BY algorithm, task, trial_id");
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
