package dev.diffsweep.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.analysis.fixture.SyntheticStudy;
import dev.diffsweep.analysis.stats.BootstrapSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live report of a study still running: a running trial's parts under runs/ID/evaluations are
 * drawn, marked running, and change no statistic.
 */
class LiveReportTest {
  private static final AnalysisOptions OPTIONS =
      AnalysisOptions.DEFAULT.withBootstrap(new BootstrapSettings(200, 0.95, 5));

  private static final SparkSession spark = LocalSpark.session();
  @TempDir Path folder;

  @Test
  void aRunningTrialsPartialCurveIsDrawnMarkedRunningAndLeavesTheStatisticsAlone()
      throws IOException {
    String study =
        SyntheticStudy.writeIn(spark, folder, SyntheticStudy.Spec.small("live").withUncommitted(1));
    AnalysisResult without = StudyAnalysis.run(spark, study, OPTIONS);
    Map<String, String> tablesWithout = csvTables(study);
    String finalReport = Files.readString(Path.of(study, "report.html"));
    int hopperDashes = dashedStrokes(study, "Hopper-v4");
    int walkerDashes = dashedStrokes(study, "Walker2d-v4");
    String running = runningTrialIds(study).get(0);
    writeRunParts(study, running, 3);

    AnalysisResult live = StudyAnalysis.run(spark, study, OPTIONS, ReportMode.LIVE);

    assertThat(live.committedTrials()).isEqualTo(without.committedTrials()).isEqualTo(19);
    assertThat(csvTables(study))
        .containsKeys("summary.csv", "comparison.csv", "curves.csv", "aggregate.csv")
        .isEqualTo(tablesWithout);
    String report = Files.readString(Path.of(study, "report.html"));
    assertThat(report)
        .contains("<meta http-equiv=\"refresh\" content=\"60\">")
        .containsPattern("live: 1 running, 19 committed, updated at \\d{4}-\\d\\d-\\d\\dT")
        .contains("<h2>Running trials</h2>")
        .contains("<td class=\"t\">" + running + "</td>")
        .contains("Dashed lines, marked (running)");
    // The running trial (sac, Hopper-v4, seed 0) adds dashed strokes (its line and its legend
    // entry) to its task's plot only. (The SVG draws text as glyph outlines, so its label cannot
    // be searched, and the grid lines are dashed too: hence the counts.)
    assertThat(dashedStrokes(study, "Hopper-v4")).isGreaterThan(hopperDashes);
    assertThat(dashedStrokes(study, "Walker2d-v4")).isEqualTo(walkerDashes);
    assertThat(finalReport).doesNotContain("http-equiv=\"refresh\"").doesNotContain("live: ");
    try (Stream<Path> files = Files.list(Path.of(study))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no temporary report left behind")
          .noneMatch(name -> name.startsWith(".report.html.") && !name.endsWith(".html.crc"));
    }
  }

  @Test
  void beforeAnythingIsCommittedTheRunningCurvesAreTheReportsPlots() throws IOException {
    String study =
        SyntheticStudy.writeIn(
            spark,
            folder,
            new SyntheticStudy.Spec(
                    "early", List.of("sac"), List.of("Hopper-v4"), 3, 5, 100, 0, List.of(10))
                .withUncommitted(3));
    writeRunParts(study, runningTrialIds(study).get(1), 3);
    writeRunParts(study, runningTrialIds(study).get(2), 1);

    AnalysisResult live = StudyAnalysis.run(spark, study, OPTIONS, ReportMode.LIVE);

    assertThat(live.results()).isEmpty();
    String report = Files.readString(Path.of(study, "report.html"));
    assertThat(report)
        .contains("live: 3 running, 0 committed")
        .contains("sac</td><td class=\"t\"></td><td>2</td><td>1</td><td>100</td>")
        .contains("Hopper-v4: evaluation return of the running trials (none committed yet)");
    assertThat(Path.of(study, "plots", "curve-Hopper-v4.svg")).exists();
    assertThat(report).contains("<img alt=\"Hopper-v4: evaluation return of the running trials");
  }

  /**
   * Writes {@code count} evaluations of a trial as its trainer would, with a hidden temporary part
   * and a marker file beside them that the reader must skip (both are not Parquet).
   */
  private static void writeRunParts(String study, String trialId, int count) throws IOException {
    Path evaluations = Path.of(study, "runs", trialId, "evaluations");
    spark
        .sql(
            "SELECT '"
                + trialId
                + "' AS trial_id, CAST(id * 100 AS BIGINT) AS env_step,"
                + " CAST(5000 + id AS DOUBLE) AS return_mean, 1.0D AS return_std, 1 AS episodes"
                + " FROM range(1, "
                + (count + 1)
                + ")")
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(evaluations.toString());
    Files.writeString(evaluations.resolve(".part-00001.parquet"), "half a part");
    Files.writeString(evaluations.resolve("_part-00002.parquet"), "not a part");
  }

  private static int dashedStrokes(String study, String task) throws IOException {
    String svg = Files.readString(Path.of(study, "plots", "curve-" + task + ".svg"));
    return svg.split("stroke-dasharray", -1).length - 1;
  }

  private static List<String> runningTrialIds(String study) {
    return spark
        .read()
        .parquet(study + "/tables/trials")
        .where("status = 'running'")
        .orderBy("seed")
        .select("trial_id")
        .collectAsList()
        .stream()
        .map((Row row) -> row.getString(0))
        .toList();
  }

  private static Map<String, String> csvTables(String study) throws IOException {
    Map<String, String> tables = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of(study, "csv"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
        tables.put(file.getFileName().toString(), Files.readString(file));
      }
    }
    return tables;
  }
}
