package dev.diffsweep.pipeline.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.analysis.AnalysisOptions;
import dev.diffsweep.analysis.StudyAnalysis;
import dev.diffsweep.analysis.stats.BootstrapSettings;
import dev.diffsweep.pipeline.testing.DriverProcess;
import dev.diffsweep.pipeline.testing.Poll;
import dev.diffsweep.pipeline.testing.TestStudies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a study while it trains, as a user watching it sees it: `diffsweep study` in its
 * own JVM with a 5 s live report. SAC's trial is short and commits; DiffSAC's budget is far longer
 * than the test, so it is still training whatever the machine's speed when a refresh draws its
 * curve from the parts its trainer has written. Then the driver is killed and the final analysis of
 * the same folder replaces the page with one that does not reload.
 */
class LiveStudyReportTest {
  private static final Pattern LIVE_HEADER =
      Pattern.compile("live: (\\d+) running, (\\d+) committed");
  private static final String RUNNING_CURVES_TABLE = "<th>evaluations so far</th>";

  @TempDir Path output;

  @Test
  void aRefreshDrawsARunningTrialsCurveAndTheFinalReportReplacesIt() throws Exception {
    Path file =
        TestStudies.fileIn(
            output,
            TestStudies.tinySacAndDiffSacStudy("live", 1, 600, 200)
                .replace("steps = 600", "steps { default = 600, diffsac = 1000000 }"));
    Path report = output.resolve("live").resolve("report.html");
    Path log = output.resolve("driver.log");

    Process driver =
        DriverProcess.start(
            log, "study", file.toString(), "--master", "local[2,3]", "--live-report-every", "5s");
    Set<String> headersSeen = new TreeSet<>();
    AtomicReference<String> runningReport = new AtomicReference<>();
    Poll.until(
        () -> {
          String html = readIfThere(report);
          Matcher header = LIVE_HEADER.matcher(html);
          if (header.find()) {
            headersSeen.add(header.group());
            if (html.contains(RUNNING_CURVES_TABLE) && !header.group(1).equals("0")) {
              runningReport.set(html);
            }
          }
          return runningReport.get() != null || !driver.isAlive();
        },
        Duration.ofMinutes(5),
        Duration.ofMillis(100));
    assertThat(driver.isAlive())
        .as("the driver still runs the DiffSAC trial; its log:%n%s", Files.readString(log))
        .isTrue();
    DriverProcess.kill(driver);

    assertThat(runningReport.get())
        .as(
            "a live report drawing a running trial; headers seen %s; driver log:%n%s",
            headersSeen, Files.readString(log))
        .isNotNull()
        .contains("<meta http-equiv=\"refresh\" content=\"60\">")
        .contains("<h2>Running trials</h2>")
        .containsPattern("<td class=\"t\">diffsac-InvertedPendulum-v4-s0-[0-9a-f]+</td>");
    assertThat(Files.readString(log)).contains("live report: file:" + report);

    try (SparkSession spark = SparkSessions.start(SparkProfileFixtures.localDriver())) {
      StudyAnalysis.run(
          spark,
          report.getParent().toUri().toString(),
          AnalysisOptions.DEFAULT.withBootstrap(new BootstrapSettings(200, 0.95, 1)));
    }
    assertThat(Files.readString(report))
        .doesNotContain("http-equiv=\"refresh\"")
        .doesNotContain("live: ")
        .contains("Diff* against its base");
  }

  /** The report's text, or "" while there is none or it is being replaced. */
  private static String readIfThere(Path report) {
    try {
      return Files.exists(report) ? Files.readString(report) : "";
    } catch (IOException replacedWhileReading) {
      return "";
    }
  }
}
