package dev.diffsweep.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diffsweep.analysis.fixture.SyntheticStudy;
import dev.diffsweep.analysis.stats.BootstrapSettings;
import dev.diffsweep.analysis.tables.StudyReadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Studies that are empty, unfinished, broken or ablations. */
class StudyEdgeCasesTest {
  private static final AnalysisOptions OPTIONS =
      AnalysisOptions.DEFAULT.withBootstrap(new BootstrapSettings(200, 0.95, 5));
  private static final SyntheticStudy.Spec TINY =
      new SyntheticStudy.Spec(
          "tiny", List.of("sac"), List.of("Hopper-v4"), 3, 5, 100, 0, List.of(10));

  private static final SparkSession spark = LocalSpark.session();
  @TempDir Path folder;

  @Test
  void aStudyWithoutCommittedTrialsReportsWhatExists() throws IOException {
    String study =
        SyntheticStudy.write(
            spark, folder.resolve("unfinished").toString(), TINY.withUncommitted(3));

    AnalysisResult result = StudyAnalysis.run(spark, study, OPTIONS);

    assertThat(result.committedTrials()).isZero();
    assertThat(result.results()).isEmpty();
    assertThat(result.description()).isEqualTo("3 trials (running=3), 0 committed.");
    String report = Files.readString(Path.of(result.reportPath()));
    assertThat(report).contains("No committed trials yet").contains("running");
    assertThat(folder.resolve("unfinished/summary")).doesNotExist();
  }

  @Test
  void aStudyFolderWithoutTrialsYetGetsAReportSayingSo() throws IOException {
    // What a driver leaves before its first trials-table write: study.conf only.
    Path claimed = Files.createDirectories(folder.resolve("claimed"));
    Files.writeString(claimed.resolve("study.conf"), "name = claimed\n");

    AnalysisResult result = StudyAnalysis.run(spark, claimed.toString(), OPTIONS);

    assertThat(result.description())
        .isEqualTo("The study has no trials yet (the trials table is empty or missing).");
    assertThat(Files.readString(Path.of(result.reportPath()))).contains("No committed trials yet");
  }

  @Test
  void aFolderThatIsNoStudyIsRefusedAndNothingIsWrittenThere() throws IOException {
    Path notAStudy = Files.createDirectories(folder.resolve("photos"));
    Files.writeString(notAStudy.resolve("cat.jpg"), "not a study");

    assertThatThrownBy(() -> StudyAnalysis.run(spark, notAStudy.toString(), OPTIONS))
        .isInstanceOf(StudyReadException.class)
        .hasMessage(
            notAStudy
                + " is not a study folder (no study.conf or tables/ in it), so nothing was"
                + " written there: give the folder a study wrote, e.g. work/studies/NAME");
    try (var files = Files.list(notAStudy)) {
      assertThat(files).containsExactly(notAStudy.resolve("cat.jpg"));
    }
  }

  @Test
  void aMissingStudyFolderIsNamed() {
    String missing = folder.resolve("no-such-study").toString();
    assertThatThrownBy(() -> StudyAnalysis.run(spark, missing, OPTIONS))
        .isInstanceOf(StudyReadException.class)
        .hasMessage("no study folder at " + missing);
  }

  @Test
  void aMalformedParquetFileIsNamedInTheError() throws IOException {
    String study = SyntheticStudy.write(spark, folder.resolve("broken").toString(), TINY);
    Path victim;
    try (Stream<Path> files = Files.walk(Path.of(study, "tables/evaluations"))) {
      victim =
          files
              .filter(p -> p.getFileName().toString().endsWith(".parquet"))
              .findFirst()
              .orElseThrow();
    }
    Files.writeString(victim, "this is not parquet");
    Files.deleteIfExists(victim.resolveSibling("." + victim.getFileName() + ".crc"));

    assertThatThrownBy(() -> StudyAnalysis.run(spark, study, OPTIONS))
        .isInstanceOf(StudyReadException.class)
        .hasMessageContaining("malformed Parquet file")
        .hasMessageContaining(victim.getFileName().toString());
  }

  @Test
  void anAblationStudyPlotsReturnAgainstTheAblatedParameter() throws IOException {
    SyntheticStudy.Spec ablation =
        new SyntheticStudy.Spec(
            "ablation",
            List.of("sac", "diffsac"),
            List.of("Hopper-v4"),
            3,
            8,
            100,
            0,
            List.of(2, 5, 10));
    String study = SyntheticStudy.writeIn(spark, folder, ablation);

    AnalysisResult result = StudyAnalysis.run(spark, study, OPTIONS);

    var summary = result.results().orElseThrow().summary();
    assertThat(summary.rows().stream().map(r -> summary.<String>get(r, "config")))
        .containsExactlyInAnyOrder(
            "diffusion_steps=10", "diffusion_steps=2", "diffusion_steps=5", "");
    // Each DiffSAC configuration is compared with the one SAC configuration.
    assertThat(
            summary.rows().stream()
                .filter(r -> "diffsac".equals(summary.get(r, "algorithm")))
                .map(r -> summary.<String>get(r, "base_algorithm")))
        .containsOnly("sac")
        .hasSize(3);
    assertThat(Path.of(study, "plots/ablation-diffusion_steps-Hopper-v4.png")).isNotEmptyFile();
    assertThat(Path.of(study, "plots/ablation-diffusion_steps-Hopper-v4.svg")).isNotEmptyFile();
  }

  /**
   * The base's Hopper trials have not committed yet (as in a running study): across tasks the pair
   * is compared on Walker2d alone, not the Diff* agent's two tasks against its base's one.
   */
  @Test
  void acrossTasksAPairIsComparedOnlyOnTheTasksBothHaveRun() throws IOException {
    SyntheticStudy.Spec spec = SyntheticStudy.Spec.small("unshared").withUncommitted(5);
    String study = SyntheticStudy.writeIn(spark, folder, spec);

    AnalysisResult result = StudyAnalysis.run(spark, study, OPTIONS.withPlots(false));

    var comparison = result.results().orElseThrow().comparison();
    var across =
        comparison.rows().stream()
            .filter(r -> "all tasks".equals(comparison.get(r, "task")))
            .findFirst()
            .orElseThrow();
    var walker2d =
        comparison.rows().stream()
            .filter(r -> "Walker2d-v4".equals(comparison.get(r, "task")))
            .findFirst()
            .orElseThrow();
    assertThat(comparison.<Integer>get(across, "seeds")).isEqualTo(5);
    assertThat(comparison.<Integer>get(across, "base_seeds")).isEqualTo(5);
    assertThat(comparison.<Double>get(across, "probability_of_improvement"))
        .isEqualTo(comparison.<Double>get(walker2d, "probability_of_improvement"));
  }

  @Test
  void theStudyFilesOwnPairsReplaceTheCataloguesAndGetAVerdictEach() throws IOException {
    SyntheticStudy.Spec pairs =
        new SyntheticStudy.Spec(
            "pairs",
            List.of("sac", "wpo", "diffsac"),
            List.of("Hopper-v4"),
            3,
            8,
            100,
            0,
            List.of(4));
    String study = SyntheticStudy.writeIn(spark, folder, pairs);
    Files.writeString(Path.of(study, "compare.conf"), "wpo = sac\n");

    AnalysisResult result = StudyAnalysis.run(spark, study, OPTIONS.withPlots(false));

    var comparison = result.results().orElseThrow().comparison();
    assertThat(
            comparison.rows().stream()
                .map(
                    r ->
                        comparison.get(r, "task")
                            + ": "
                            + comparison.get(r, "algorithm")
                            + " vs "
                            + comparison.get(r, "base_algorithm")))
        .containsExactly("Hopper-v4: wpo vs sac", "all tasks: wpo vs sac");
    assertThat(result.verdictLines().get(0)).startsWith("Hopper-v4: wpo vs sac: ");
    assertThat(Files.readString(Path.of(result.reportPath())))
        .contains("<h2>Diff* against its base</h2>");
  }

  @Test
  void aStudyWithoutAPairSaysSoInsteadOfAnEmptyTable() throws IOException {
    String study = SyntheticStudy.write(spark, folder.resolve("alone").toString(), TINY);

    AnalysisResult result = StudyAnalysis.run(spark, study, OPTIONS.withPlots(false));

    assertThat(result.results().orElseThrow().comparison().rows()).isEmpty();
    assertThat(result.verdictLines()).singleElement().asString().startsWith("no comparison:");
  }

  @Test
  void anUnreadableRecordOfPairsNamesTheFileAndTheFix() throws IOException {
    String study = SyntheticStudy.write(spark, folder.resolve("badpairs").toString(), TINY);
    Files.writeString(Path.of(study, "compare.conf"), "diffsac sac\n");

    assertThatThrownBy(() -> StudyAnalysis.run(spark, study, OPTIONS))
        .isInstanceOf(StudyReadException.class)
        .hasMessageContaining("compare.conf")
        .hasMessageContaining("line 1 is not 'variant = base'")
        .hasMessageContaining("compare block");
  }
}
