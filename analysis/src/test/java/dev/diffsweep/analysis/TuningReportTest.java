package dev.diffsweep.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.diffsweep.analysis.fixture.SyntheticStudy;
import dev.diffsweep.analysis.fixture.SyntheticTuningStudy;
import dev.diffsweep.analysis.fixture.SyntheticTuningStudy.Configuration;
import dev.diffsweep.analysis.stats.BootstrapSettings;
import dev.diffsweep.analysis.stats.InterquartileMean;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's tuning section end to end on synthetic tuning studies, one tuned to maximise and one
 * to minimise the same configurations, and its absence for a grid study. Each direction has a
 * pruned configuration whose rung value beats every completed objective, so ranking one would show;
 * the best_configurations table is read back with DuckDB.
 */
class TuningReportTest {
  private static final AnalysisOptions OPTIONS =
      AnalysisOptions.DEFAULT.withBootstrap(new BootstrapSettings(300, 0.95, 7));
  private static final int SEEDS = 3;

  private static final List<Configuration> CONFIGURATIONS =
      List.of(
          completed(0, "0.0003", "64", 100, 120, 110),
          new Configuration(
              1, "pruned", Map.of("policy_lr", "0.001", "batch_size", "64"), "0:500.0", null),
          completed(2, "0.002", "128", 300, 320, 280),
          completed(3, "0.0001", "128", 10, 20, 15),
          new Configuration(
              4, "failed", Map.of("policy_lr", "0.0005", "batch_size", "128"), "", null),
          new Configuration(
              5, "pruned", Map.of("policy_lr", "0.0002", "batch_size", "64"), "0:2.0;1:1.0", null));

  @TempDir static Path folder;
  private static final SparkSession spark = LocalSpark.session();
  private static Connection duckdb;
  private static String maximized;
  private static String minimized;
  private static String grid;
  private static AnalysisResult gridResult;

  @BeforeAll
  static void analyseTuningAndGridStudies() throws SQLException {
    duckdb = DriverManager.getConnection("jdbc:duckdb:");
    maximized =
        SyntheticTuningStudy.write(
            spark, folder.resolve("max").toString(), "maximize", SEEDS, CONFIGURATIONS);
    minimized =
        SyntheticTuningStudy.write(
            spark, folder.resolve("min").toString(), "minimize", SEEDS, CONFIGURATIONS);
    grid =
        SyntheticStudy.writeIn(
            spark,
            folder,
            new SyntheticStudy.Spec(
                "grid", List.of("sac"), List.of("Hopper-v4"), 3, 10, 100, 0, List.of(10)));
    StudyAnalysis.run(spark, maximized, OPTIONS);
    StudyAnalysis.run(spark, minimized, OPTIONS);
    gridResult = StudyAnalysis.run(spark, grid, OPTIONS);
  }

  @AfterAll
  static void stop() throws SQLException {
    duckdb.close();
  }

  @Test
  void maximizingRanksTheHighestCompletedObjectiveFirst() throws Exception {
    assertThat(rankedNumbers(maximized)).containsExactly(2, 0, 3);
    assertThat(report(maximized))
        .contains("<h2>Tuning</h2>")
        .contains("direction: maximize")
        .contains("Best configuration: #2 (cfg-2)");
  }

  @Test
  void minimizingRanksTheLowestCompletedObjectiveFirst() throws Exception {
    assertThat(rankedNumbers(minimized)).containsExactly(3, 0, 2);
    assertThat(report(minimized))
        .contains("direction: minimize")
        .contains("Best configuration: #3 (cfg-3)");
  }

  @Test
  void prunedAndFailedConfigurationsAreNeverRanked() throws Exception {
    // Configuration 1's rung value (500) beats every objective when maximising, 5's (1.0) when
    // minimising: ranked, either would come first.
    assertThat(rankedNumbers(maximized)).doesNotContain(1, 4, 5);
    assertThat(rankedNumbers(minimized)).doesNotContain(1, 4, 5);
  }

  @Test
  void intervalsOverSeedsContainTheConfigurationsMeanAndReproduceTheTunersObjective()
      throws SQLException {
    int checked =
        DuckDbRows.forEach(
            duckdb,
            "SELECT tune_number, seeds, objective, seed_objective_mean,"
                + " seed_objective_mean_ci_low, seed_objective_mean_ci_high,"
                + " seed_objective_iqm, seed_objective_iqm_ci_low, seed_objective_iqm_ci_high,"
                + " param_policy_lr, param_batch_size FROM "
                + DuckDbRows.output(maximized, "best_configurations")
                + " ORDER BY rank",
            row -> {
              Configuration configuration = CONFIGURATIONS.get(row.getInt(1));
              double[] seedObjectives = configuration.seedObjectives();
              double mean = Arrays.stream(seedObjectives).average().orElseThrow();
              String name = "configuration " + configuration.number();
              assertThat(row.getInt(2)).as(name + " seeds").isEqualTo(SEEDS);
              assertThat(row.getDouble(4)).as(name + " mean").isCloseTo(mean, within(1e-9));
              assertThat(row.getDouble(5)).as(name + " mean CI low").isLessThan(mean);
              assertThat(row.getDouble(6)).as(name + " mean CI high").isGreaterThan(mean);
              // The per-seed objectives recomputed from the evaluations give the tuner's number.
              assertThat(row.getDouble(7))
                  .as(name + " IQM over seeds")
                  .isCloseTo(row.getDouble(3), within(1e-9))
                  .isCloseTo(InterquartileMean.of(seedObjectives), within(1e-9));
              assertThat(row.getDouble(8)).isLessThanOrEqualTo(row.getDouble(7));
              assertThat(row.getDouble(9)).isGreaterThanOrEqualTo(row.getDouble(7));
              assertThat(row.getString(10)).isEqualTo(configuration.parameters().get("policy_lr"));
              assertThat(row.getString(11)).isEqualTo(configuration.parameters().get("batch_size"));
            });
    assertThat(checked).isEqualTo(3);
  }

  @Test
  void theTuningSectionHasTheHistoryAndAPlotPerParameter() throws IOException {
    Path study = Path.of(maximized);
    for (String plot :
        List.of("tuning-history", "tuning-parameter-policy_lr", "tuning-parameter-batch_size")) {
      assertThat(study.resolve("plots/" + plot + ".png")).isNotEmptyFile();
      assertThat(report(maximized)).contains("plots/" + plot + ".svg");
    }
    assertThat(report(maximized))
        .contains("Objective against policy_lr (log scale, as sampled)")
        .contains("Objective against batch_size (categorical)");
    assertThat(study.resolve("csv/best_configurations.csv")).isNotEmptyFile();
  }

  @Test
  void aGridStudyGetsNoTuningSection() throws IOException {
    assertThat(gridResult.tuning()).isEmpty();
    assertThat(report(grid)).doesNotContain("<h2>Tuning</h2>").contains("<h2>Per task</h2>");
    assertThat(Path.of(grid, "best_configurations")).doesNotExist();
    assertThat(Path.of(grid, "plots/tuning-history.png")).doesNotExist();
  }

  private static Configuration completed(
      int number, String policyLr, String batchSize, double... seedLevels) {
    return new Configuration(
        number,
        "completed",
        Map.of("policy_lr", policyLr, "batch_size", batchSize),
        "0:1.0;1:2.0",
        seedLevels);
  }

  private static List<Integer> rankedNumbers(String study) throws SQLException {
    List<Integer> numbers = new ArrayList<>();
    DuckDbRows.forEach(
        duckdb,
        "SELECT tune_number FROM "
            + DuckDbRows.output(study, "best_configurations")
            + " ORDER BY rank",
        row -> numbers.add(row.getInt(1)));
    return numbers;
  }

  private static String report(String study) throws IOException {
    return Files.readString(Path.of(study, "report.html"));
  }
}
