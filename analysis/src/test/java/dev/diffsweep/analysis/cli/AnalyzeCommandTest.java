package dev.diffsweep.analysis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.analysis.LocalSpark;
import dev.diffsweep.analysis.fixture.SyntheticStudy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AnalyzeCommandTest {
  private static final SparkSession spark = LocalSpark.session();
  @TempDir Path folder;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Object command, String... args) {
    return new CommandLine(command)
        .setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err))
        .execute(args);
  }

  @Test
  void analysesAStudyAndSaysWhereTheReportIs() {
    String study =
        SyntheticStudy.writeIn(
            spark,
            folder,
            new SyntheticStudy.Spec(
                "cli",
                List.of("PPO", "DiffPPO"),
                List.of("Swimmer-v4"),
                3,
                6,
                100,
                0,
                List.of(10)));

    int status =
        run(
            new AnalyzeCommand(),
            study,
            "--bootstrap",
            "100",
            "--threshold-fraction",
            "0.5",
            "--normalization",
            "none",
            "--no-plots");

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("6 trials (completed=6), 6 committed.")
        .contains("Analysed 6 committed trials")
        .contains("Report: " + study + "/report.html");
    assertThat(Path.of(study, "summary")).isDirectory();
    assertThat(Path.of(study, "plots")).doesNotExist();
  }

  @Test
  void aStudyThatCannotBeReadExitsWithTwoAndNamesIt() {
    String missing = folder.resolve("nothing-here").toString();
    assertThat(run(new AnalyzeCommand(), missing)).isEqualTo(2);
    assertThat(err.toString()).contains("no study folder at " + missing);
  }

  @Test
  void aFileOrAFolderThatIsNoStudyExitsWithTwoInOneLineAndWritesNothing() throws Exception {
    Path file = java.nio.file.Files.writeString(folder.resolve("notes.txt"), "x");
    Path notAStudy = java.nio.file.Files.createDirectories(folder.resolve("downloads"));

    int onFile = run(new AnalyzeCommand(), file.toString());
    String fileError = err.toString();
    err.getBuffer().setLength(0);
    int onFolder = run(new AnalyzeCommand(), notAStudy.toString());

    assertThat(onFile).isEqualTo(2);
    assertThat(fileError.strip())
        .isEqualTo(
            "diffsweep analyze: "
                + file
                + " is a file, not a study folder: give the folder a study wrote (with"
                + " study.conf)");
    assertThat(onFolder).isEqualTo(2);
    assertThat(err.toString().strip())
        .doesNotContain("\n")
        .startsWith("diffsweep analyze: " + notAStudy + " is not a study folder");
    assertThat(notAStudy).isEmptyDirectory();
  }

  @Test
  void rejectsAnUnknownNormalization() {
    assertThat(run(new AnalyzeCommand(), "study", "--normalization", "zscore")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown normalization 'zscore'; allowed: min_max, none");
  }

  @Test
  void benchAnalyzeReportsTrialsPointsAndSecondsAsJson() {
    int status =
        run(
            new AnalysisCli(),
            "bench",
            "analyze",
            "--trials",
            "60",
            "--points",
            "5",
            "--bootstrap",
            "50",
            "--json",
            "--dir",
            folder.toString());

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString().strip())
        .matches("\\{\"trials\": 60, \"points\": 5, \"seconds\": [0-9.]+, .*\\}");
  }
}
