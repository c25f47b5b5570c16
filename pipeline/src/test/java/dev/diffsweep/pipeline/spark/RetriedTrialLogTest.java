package dev.diffsweep.pipeline.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.pipeline.testing.DriverProcess;
import dev.diffsweep.pipeline.testing.Poll;
import dev.diffsweep.pipeline.testing.TestStudies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose trainer is killed after its first checkpoint is retried and completes. `diffsweep
 * study` and `diffsweep tune` run in their own JVM with the shipped log4j2 configuration, as
 * bin/diffsweep starts them: what they print is what a user sees. Spark's traces of the failed
 * attempt go to the study's spark-tasks.log; the terminal gets one line for it.
 */
class RetriedTrialLogTest {
  private static final String STUDY =
      TestStudies.tinySacStudy("retry-test", 1, 1200, 200) + "output = \"%s\"\n";

  @TempDir Path output;

  @Test
  void aRetriedTrialIsOneLineOnTheTerminalAndItsSparkTracesGoToTheStudyLog() throws Exception {
    String terminal = runKillingTheTrainerOnce("study", STUDY);

    assertThat(terminal).contains("finished: 1 completed, 0 failed");
    assertThat(theRetryIsOneLineAndItsTracesAreInTheStudyLog(terminal))
        .contains("TrialAttemptFailedException");
  }

  @Test
  void aTuningsRetriedRunIsOneLineTooAndItsSparkTracesGoToTheStudyLog() throws Exception {
    String terminal =
        runKillingTheTrainerOnce("tune", STUDY + TestStudies.randomTauTuning(1, 1, 0.004, 0.006));

    assertThat(terminal).contains("best configuration: ");
    theRetryIsOneLineAndItsTracesAreInTheStudyLog(terminal);
  }

  /**
   * Asserts that the terminal shows the failed attempt as one line pointing at the study's Spark
   * log and that the log holds Spark's trace; returns the log for more checks.
   */
  private String theRetryIsOneLineAndItsTracesAreInTheStudyLog(String terminal) throws IOException {
    Path studyLog = output.resolve("retry-test").resolve(SparkTaskLog.FILE_NAME);
    assertThat(terminal)
        .contains(": attempt 1 failed, Spark retries it: ")
        .contains("(Spark's trace: " + studyLog + ")")
        .doesNotContain("\tat ")
        .doesNotContain("Lost task");
    assertThat(lines(terminal, "attempt 1 failed")).isEqualTo(1);
    String sparkLog = Files.readString(studyLog);
    assertThat(sparkLog).contains("Lost task 0.0 in stage").contains("\tat ");
    return sparkLog;
  }

  /**
   * Runs the command on the study text in its own JVM, kills its trainer once the run has a
   * checkpoint, and returns everything the command printed (stdout and stderr).
   */
  private String runKillingTheTrainerOnce(String command, String study) throws Exception {
    Path file = Files.writeString(output.resolve("retry.conf"), study.formatted(output.toUri()));
    Path log = output.resolve(command + ".log");
    Process driver =
        DriverProcess.start(
            log, command, file.toString(), "--master", "local[1,3]", "--no-analysis");
    Path runs = output.resolve("retry-test").resolve("runs");
    Poll.until(() -> anyCheckpoint(runs) || !driver.isAlive(), Duration.ofMinutes(3));
    driver
        .descendants()
        .filter(p -> p.info().command().orElse("").endsWith("java"))
        .forEach(ProcessHandle::destroyForcibly);
    assertThat(driver.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String printed = Files.readString(log);
    assertThat(driver.exitValue()).as(printed).isZero();
    return printed;
  }

  /** The run folders' names come from the trial (or sampled configuration): any checkpoint. */
  private static boolean anyCheckpoint(Path runs) {
    try (Stream<Path> folders = Files.list(runs)) {
      return folders.anyMatch(run -> Files.exists(run.resolve("checkpoint")));
    } catch (IOException e) {
      return false;
    }
  }

  private static long lines(String text, String containing) {
    return text.lines().filter(line -> line.contains(containing)).count();
  }
}
