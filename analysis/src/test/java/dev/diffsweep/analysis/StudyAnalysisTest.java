package dev.diffsweep.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.diffsweep.analysis.fixture.SyntheticStudy;
import dev.diffsweep.analysis.stats.BootstrapSettings;
import dev.diffsweep.analysis.stats.InterquartileMean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregation job end to end on a synthetic study with three uncommitted trials; every number
 * checked is recomputed with DuckDB straight from the study's Parquet tables.
 */
class StudyAnalysisTest {
  @TempDir static Path folder;
  private static final SparkSession spark = LocalSpark.session();
  private static AnalysedStudy analysed;
  private static String study;
  private static AnalysisResult result;
  private static Connection duckdb;

  @BeforeAll
  static void analyseAPartlyCommittedStudy() throws Exception {
    analysed =
        AnalysedStudy.write(
            folder,
            SyntheticStudy.Spec.small("partial").withUncommitted(3),
            new BootstrapSettings(500, 0.95, 11),
            Map.of());
    study = analysed.folder();
    result = analysed.result();
    duckdb = DriverManager.getConnection("jdbc:duckdb:");
  }

  @AfterAll
  static void stop() throws SQLException {
    duckdb.close();
  }

  @Test
  void analysesCommittedTrialsOnly() {
    assertThat(result.committedTrials()).isEqualTo(17);
    assertThat(result.description())
        .isEqualTo("20 trials (completed=17, running=3), 17 committed.");
  }

  @Test
  void finalReturnsInTheSummaryMatchADirectComputationFromTheEvaluations() throws SQLException {
    Map<String, List<Double>> direct = new HashMap<>();
    DuckDbRows.forEach(
        duckdb,
        "WITH ev AS (SELECT * FROM read_parquet('"
            + study
            + "/tables/evaluations/*/*/*/*.parquet', hive_partitioning = true,"
            + " hive_types_autocast = false)),"
            + " done AS (SELECT trial_id FROM read_parquet('"
            + study
            + "/tables/trials/*.parquet') WHERE status = 'completed'),"
            + " ranked AS (SELECT algorithm, task, trial_id, return_mean,"
            + "  row_number() OVER (PARTITION BY trial_id ORDER BY env_step DESC) AS k,"
            + "  count(*) OVER (PARTITION BY trial_id) AS n"
            + "  FROM ev WHERE trial_id IN (SELECT trial_id FROM done))"
            + " SELECT algorithm, task, avg(return_mean) AS final_return FROM ranked"
            + " WHERE k <= greatest(1, ceil(0.1 * n)) GROUP BY algorithm, task, trial_id",
        row ->
            direct
                .computeIfAbsent(row.getString(1) + "/" + row.getString(2), k -> new ArrayList<>())
                .add(row.getDouble(3)));
    Map<String, double[]> summary = new HashMap<>();
    DuckDbRows.forEach(
        duckdb,
        "SELECT algorithm, task, trials, final_return_mean, final_return_median,"
            + " final_return_iqm, final_return_iqm_ci_low, final_return_iqm_ci_high"
            + " FROM "
            + DuckDbRows.output(study, "summary"),
        row ->
            summary.put(
                row.getString(1) + "/" + row.getString(2),
                new double[] {
                  row.getInt(3),
                  row.getDouble(4),
                  row.getDouble(5),
                  row.getDouble(6),
                  row.getDouble(7),
                  row.getDouble(8)
                }));

    assertThat(summary).hasSize(4).containsOnlyKeys(direct.keySet());
    direct.forEach(
        (group, finals) -> {
          double[] row = summary.get(group);
          double[] values = finals.stream().mapToDouble(Double::doubleValue).sorted().toArray();
          assertThat(row[0]).as(group + " trials").isEqualTo(values.length);
          assertThat(row[1])
              .as(group + " mean")
              .isCloseTo(finals.stream().mapToDouble(d -> d).average().orElseThrow(), within(1e-9));
          double median =
              values.length % 2 == 1
                  ? values[values.length / 2]
                  : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
          assertThat(row[2]).as(group + " median").isCloseTo(median, within(1e-9));
          assertThat(row[3])
              .as(group + " IQM")
              .isCloseTo(InterquartileMean.of(values), within(1e-9));
          assertThat(row[4]).as(group + " IQM interval").isLessThanOrEqualTo(row[3]);
          assertThat(row[5]).as(group + " IQM interval").isGreaterThanOrEqualTo(row[3]);
        });
  }

  @Test
  void curvesStartAndEndAtTheMeanOfTheFirstAndLastEvaluations() throws SQLException {
    int matched =
        DuckDbRows.forEach(
            duckdb,
            "WITH ev AS (SELECT * FROM read_parquet('"
                + study
                + "/tables/evaluations/*/*/*/*.parquet', hive_partitioning = true,"
                + " hive_types_autocast = false)"
                + "  WHERE trial_id IN (SELECT trial_id FROM read_parquet('"
                + study
                + "/tables/trials/*.parquet') WHERE status = 'completed')),"
                + " edges AS (SELECT algorithm, task, env_step, avg(return_mean) AS direct"
                + "  FROM ev WHERE env_step IN (1000, 20000) GROUP BY ALL)"
                + " SELECT e.algorithm, e.task, e.env_step, e.direct, c.mean, c.iqm_ci_low,"
                + "  c.iqm, c.iqm_ci_high FROM edges e JOIN read_parquet('"
                + study
                + "/curves/*.parquet') c ON c.algorithm = e.algorithm AND c.task = e.task"
                + "  AND c.env_step = e.env_step",
            row -> {
              assertThat(row.getDouble(5)).isCloseTo(row.getDouble(4), within(1e-9));
              assertThat(row.getDouble(6)).isLessThanOrEqualTo(row.getDouble(7));
              assertThat(row.getDouble(8)).isGreaterThanOrEqualTo(row.getDouble(7));
            });
    assertThat(matched).as("first and last grid point of 4 groups").isEqualTo(8);
  }

  @Test
  void curvesHaveOneRowPerGridPointForEveryAlgorithmAndTask() throws SQLException {
    DuckDbRows.forEach(
        duckdb,
        "SELECT count(*), count(DISTINCT algorithm || task), min(trials), max(trials) FROM "
            + DuckDbRows.output(study, "curves"),
        row -> {
          assertThat(row.getLong(1)).isEqualTo(4L * analysed.options().gridPoints());
          assertThat(row.getLong(2)).isEqualTo(4);
          assertThat(row.getInt(3)).isEqualTo(2); // SAC on Hopper lost three of five seeds
          assertThat(row.getInt(4)).isEqualTo(5);
        });
  }

  @Test
  void diffusionAgentsAreComparedWithTheirBase() throws SQLException {
    int count =
        DuckDbRows.forEach(
            duckdb,
            "SELECT base_algorithm, sample_efficiency_ratio, sample_efficiency_ratio_ci_low,"
                + " sample_efficiency_ratio_ci_high, probability_of_improvement FROM "
                + DuckDbRows.output(study, "summary")
                + " WHERE algorithm = 'diffsac'",
            row -> {
              assertThat(row.getString(1)).isEqualTo("sac");
              // The synthetic DiffSAC learns faster and higher than SAC.
              assertThat(row.getDouble(2)).isGreaterThan(1.0);
              assertThat(row.getDouble(3)).isLessThanOrEqualTo(row.getDouble(2));
              assertThat(row.getDouble(4)).isGreaterThanOrEqualTo(row.getDouble(2));
              assertThat(row.getDouble(5)).isBetween(0.5, 1.0);
            });
    assertThat(count).isEqualTo(2);
  }

  @Test
  void writesCsvCopiesPlotsAndASelfContainedReport() throws Exception {
    Path root = Path.of(study);
    for (String table : List.of("curves", "summary", "aggregate", "aggregate_curves")) {
      assertThat(root.resolve("csv/" + table + ".csv")).isNotEmptyFile();
    }
    for (String plot :
        List.of("curve-Hopper-v4", "curve-Walker2d-v4", "aggregate-iqm", "performance-profile")) {
      assertThat(root.resolve("plots/" + plot + ".png")).isNotEmptyFile();
      assertThat(Files.readString(root.resolve("plots/" + plot + ".svg"))).contains("<svg");
    }
    String report = analysed.report();
    assertThat(report)
        .contains("diffsweep study report: partial")
        .contains("Hopper-v4: IQM evaluation return (95% stratified-bootstrap CI)")
        .contains("data:image/png;base64,")
        .contains("500 stratified-bootstrap resamples")
        .contains("Apache Spark</td><td>" + spark.version())
        .contains("completed=17, running=3");
    assertThat(report.split("<img ", -1)).hasSize(1 + 4);
  }
}
