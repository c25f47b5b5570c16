package dev.diffsweep.analysis.curves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.diffsweep.analysis.LocalSpark;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrialCurveQueriesTest {
  private static final SparkSession spark = LocalSpark.session();
  private static TrialCurveQueries queries;

  @BeforeAll
  static void evaluationsOfTwoTrials() {
    StructType schema =
        new StructType()
            .add("algorithm", DataTypes.StringType)
            .add("task", DataTypes.StringType)
            .add("trial_id", DataTypes.StringType)
            .add("env_step", DataTypes.LongType)
            .add("return_mean", DataTypes.DoubleType);
    // Trial a is evaluated from step 100 to 400, trial b from 0 to 500: the task's grid with six
    // points is 0, 100, ..., 500.
    List<Row> rows =
        List.of(
            RowFactory.create("sac", "T", "a", 100L, 10.0),
            RowFactory.create("sac", "T", "a", 200L, 20.0),
            RowFactory.create("sac", "T", "a", 400L, 0.0),
            RowFactory.create("sac", "T", "b", 0L, 0.0),
            RowFactory.create("sac", "T", "b", 500L, 50.0),
            RowFactory.create("sac", "T", "b", 250L, Double.NaN));
    Dataset<Row> evaluations = spark.createDataFrame(rows, schema);
    queries = new TrialCurveQueries(spark, evaluations, 6, 0.1);
  }

  @Test
  void gridRunsFromTheTasksFirstToItsLastEvaluationStep() {
    List<Long> steps =
        queries.grid().orderBy("grid_index").collectAsList().stream()
            .map(r -> r.<Long>getAs("env_step"))
            .toList();
    assertThat(steps).containsExactly(0L, 100L, 200L, 300L, 400L, 500L);
  }

  @Test
  void interpolatesInsideATrialsRangeAndHitsItsEvaluationsAtTheEdges() {
    assertThat(curveOf("a"))
        .containsOnly(
            entry(100L, 10.0), // the trial's first evaluation, exactly on a grid point
            entry(200L, 20.0),
            entry(300L, 10.0), // halfway from 20 at step 200 to 0 at step 400
            entry(400L, 0.0)); // its last evaluation
  }

  @Test
  void neverExtrapolatesBeforeTheFirstOrPastTheLastEvaluation() {
    assertThat(curveOf("a")).doesNotContainKeys(0L, 500L);
  }

  @Test
  void coversTheWholeGridForATrialSpanningIt() {
    // The NaN evaluation at step 250 is ignored: a straight line from 0 to 50.
    assertThat(curveOf("b"))
        .containsOnly(
            entry(0L, 0.0),
            entry(100L, 10.0),
            entry(200L, 20.0),
            entry(300L, 30.0),
            entry(400L, 40.0),
            entry(500L, 50.0));
  }

  @Test
  void finalReturnAndAreaUnderTheCurvePerTrial() {
    Map<String, Row> byTrial = new HashMap<>();
    queries.trialScores().collectAsList().forEach(r -> byTrial.put(r.getAs("trial_id"), r));
    // ceil(10 % of 3 evaluations) = 1: the last one.
    assertThat(byTrial.get("a").<Double>getAs("final_return")).isEqualTo(0.0);
    // Trapezoids: 100 x (10 + 20) / 2 + 200 x (20 + 0) / 2.
    assertThat(byTrial.get("a").<Double>getAs("auc")).isEqualTo(3500.0);
    assertThat(byTrial.get("b").<Double>getAs("auc")).isEqualTo(500 * 25.0);
    assertThat(byTrial.get("b").<Long>getAs("evaluations")).isEqualTo(2L);
  }

  private static Map<Long, Double> curveOf(String trial) {
    Map<Long, Double> curve = new HashMap<>();
    queries
        .interpolatedCurves()
        .where("trial_id = '" + trial + "'")
        .collectAsList()
        .forEach(r -> curve.put(r.getAs("env_step"), r.getAs("value")));
    return curve;
  }
}
