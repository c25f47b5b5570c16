package dev.diffsweep.pipeline.spark;

import static dev.diffsweep.pipeline.testing.StudyTableChecks.assertEveryTrialCompletedOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.pipeline.testing.DriverProcess;
import dev.diffsweep.pipeline.testing.Poll;
import dev.diffsweep.pipeline.testing.TestStudies;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver killed with SIGKILL in the middle of a study, then the study run again: the rerun
 * trains only what was not committed, committed results stay byte for byte, and in the end every
 * trial is committed once. The driver runs `diffsweep study` in its own JVM, as bin/diffsweep
 * starts it, with the real trainer on a tiny budget.
 */
class DriverKilledMidStudyTest {
  private static final int TRIALS = 4;

  @TempDir Path output;

  @Test
  void aRerunAfterTheDriverWasKilledTrainsOnlyTheMissingTrials() throws Exception {
    Path file =
        TestStudies.fileIn(output, TestStudies.tinySacAndDiffSacStudy("driver-kill", 2, 800, 200));
    Path folder = output.resolve("driver-kill");

    Process driver = startDriver(file, output.resolve("driver-1.log"));
    assertThat(
            Poll.until(
                () -> !committed(folder).isEmpty() || !driver.isAlive(), Duration.ofMinutes(5)))
        .as("a trial committed within five minutes")
        .isTrue();
    assertThat(driver.isAlive()).as("the driver is still running").isTrue();
    DriverProcess.kill(driver);
    List<String> committedBeforeRerun = committed(folder);
    Map<String, String> committedFiles = tableFiles(folder, committedBeforeRerun);
    assertThat(committedBeforeRerun).isNotEmpty().hasSizeLessThan(TRIALS);

    Path rerunLog = output.resolve("driver-2.log");
    Process rerun = startDriver(file, rerunLog);
    assertThat(rerun.waitFor(5, TimeUnit.MINUTES)).isTrue();

    int before = committedBeforeRerun.size();
    assertThat(rerun.exitValue()).as(Files.readString(rerunLog)).isZero();
    assertThat(Files.readString(rerunLog))
        .contains(
            "%d trials, %d committed before, %d to train"
                .formatted(TRIALS, before, TRIALS - before))
        // The killed driver's lease is taken at once: its process on this host is gone.
        .contains(
            "taking over the lease of a driver that is no longer running: host "
                + java.net.InetAddress.getLocalHost().getHostName()
                + ", process "
                + driver.pid());
    assertThat(tableFiles(folder, committedBeforeRerun)).isEqualTo(committedFiles);
    assertThat(committed(folder)).hasSize(TRIALS);
    assertEveryTrialCompletedOnce(folder, TRIALS);
  }

  private static Process startDriver(Path studyFile, Path log) throws IOException {
    return DriverProcess.start(
        log, "study", studyFile.toString(), "--master", "local[2,3]", "--no-analysis");
  }

  /** Trial ids whose outcome.json says COMPLETED. */
  private static List<String> committed(Path folder) {
    Path runs = folder.resolve("runs");
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    try (Stream<Path> trials = Files.list(runs)) {
      return trials
          .filter(
              run -> {
                try {
                  Path outcome = run.resolve("outcome.json");
                  return Files.exists(outcome)
                      && Files.readString(outcome).contains("\"status\":\"COMPLETED\"");
                } catch (IOException e) {
                  return false;
                }
              })
          .map(run -> run.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Checksums of the episodes and evaluations files of the given trials. */
  private static Map<String, String> tableFiles(Path folder, List<String> trialIds)
      throws IOException {
    Map<String, String> files = new TreeMap<>();
    Map<String, String> all = StudyDriverTest.checksums(folder.resolve("tables"));
    all.forEach(
        (name, sum) -> {
          for (String trialId : trialIds) {
            if (name.contains(File.separator + "trial_id=" + trialId + File.separator)) {
              files.put(name, sum);
            }
          }
        });
    assertThat(files).isNotEmpty();
    return files;
  }
}
