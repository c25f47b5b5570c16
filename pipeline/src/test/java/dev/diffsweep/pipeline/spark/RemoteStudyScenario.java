package dev.diffsweep.pipeline.spark;

import static dev.diffsweep.pipeline.testing.StudyTableChecks.assertEveryTrialCompletedOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.pipeline.testing.DriverProcess;
import dev.diffsweep.pipeline.testing.DuckDb;
import dev.diffsweep.pipeline.testing.Poll;
import dev.diffsweep.pipeline.testing.TestStudies;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * A two-trial study on a remote Hadoop file system (HDFS, S3) run as a user runs it: the driver in
 * its own JVM, killed with SIGKILL once a trial's checkpoint reached the study's file system, then
 * run again. The rerun resumes both trials, commits them, runs the analysis on the remote study,
 * and every episodes and evaluations row is there exactly once. The Parquet is read back from the
 * remote file system.
 */
final class RemoteStudyScenario {
  static final int TRIALS = 2;

  private final FileSystem fileSystem;
  private final String studyRoot;
  private final List<String> properties;
  private final Path work;

  /**
   * @param fileSystem the test's own client of the remote file system
   * @param output the study's output location (a URI of that file system)
   * @param properties what the driver JVM needs to reach it (spark.hadoop.* as -D)
   * @param work a local folder for the study file, logs and copies read back
   */
  RemoteStudyScenario(FileSystem fileSystem, String output, List<String> properties, Path work) {
    this.fileSystem = fileSystem;
    this.studyRoot = output + "/remote-study";
    this.properties = properties;
    this.work = work;
  }

  void run() throws Exception {
    try {
      runStudy();
    } finally {
      // The driver's local logs of the remote study (spark-tasks.log, live-report.log...).
      deleteRecursively(StudyDriver.remoteStudyLogs(studyRoot));
    }
  }

  private static void deleteRecursively(Path folder) throws IOException {
    if (Files.exists(folder)) {
      try (var paths = Files.walk(folder)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  private void runStudy() throws Exception {
    Path file = work.resolve("study.conf");
    // The budget of DriverKilledMidStudyTest, with a checkpoint (at each evaluation) the kill
    // can come after.
    Files.writeString(
        file,
        TestStudies.tinySacStudy("remote-study", 2, 800, 200)
            + "output = \""
            + studyRoot.substring(0, studyRoot.lastIndexOf('/'))
            + "\"\n");

    Path firstLog = work.resolve("driver-1.log");
    Process driver =
        DriverProcess.start(
            firstLog,
            properties,
            "study",
            file.toString(),
            "--master",
            "local[2,3]",
            "--no-analysis");
    assertThat(
            Poll.until(
                () -> remoteCheckpoints() > 0 || !driver.isAlive(),
                Duration.ofMinutes(5),
                Duration.ofMillis(200)))
        .as(() -> "a checkpoint within five minutes; driver log:\n" + read(firstLog))
        .isTrue();
    assertThat(driver.isAlive()).as(read(firstLog)).isTrue();
    DriverProcess.kill(driver);
    int committedBefore = committed().size();
    assertThat(committedBefore).as("killed mid-study").isLessThan(TRIALS);

    Path rerunLog = work.resolve("driver-2.log");
    Process rerun =
        DriverProcess.start(
            rerunLog,
            properties,
            "study",
            file.toString(),
            "--master",
            "local[2,3]",
            "--live-report-every",
            // Early enough that a refresh runs even when the rerun has little left to train.
            "1s");
    // A hang guard, generous for loaded machines: the rerun waits for a live refresh and runs the
    // final analysis, each a Spark job reading the remote study (about a minute each on 2 busy
    // cores).
    assertThat(rerun.waitFor(12, TimeUnit.MINUTES)).as(read(rerunLog)).isTrue();
    String log = read(rerunLog);
    assertThat(rerun.exitValue()).as(log).isZero();
    assertThat(log)
        .contains(
            "%d trials, %d committed before, %d to train"
                .formatted(TRIALS, committedBefore, TRIALS - committedBefore));
    assertThat(committed()).hasSize(TRIALS);
    // The live report's analysis JVM read the remote study with the driver's Hadoop settings.
    assertThat(log).contains("live report:").doesNotContain("live report refresh failed");
    Path liveLog = StudyDriver.remoteStudyLogs(studyRoot).resolve(LiveAnalysisProcess.LOG);
    assertThat(liveLog).as("a live refresh ran").exists();
    assertThat(read(liveLog)).doesNotContain("diffsweep analyze:");
    // A trial the kill interrupted resumed from the checkpoint found on the study's file system.
    assertThat(trainerLogs()).contains("from its checkpoint at");
    // The analysis ran on the remote study and wrote its report there.
    assertThat(fileSystem.exists(new org.apache.hadoop.fs.Path(studyRoot, "report.html")))
        .as(log)
        .isTrue();

    Path copy = work.resolve("read-back");
    copyTables(copy);
    assertEveryTrialCompletedOnce(copy, TRIALS);
    // Each evaluation once, of both trials.
    assertThat(
            DuckDb.query(
                "SELECT count(*) = count(DISTINCT (trial_id, env_step)), count(DISTINCT trial_id)"
                    + " FROM "
                    + DuckDb.table(copy, "evaluations")))
        .containsExactly(List.of(true, (long) TRIALS));
  }

  /** Checkpoints uploaded so far (a manifest under runs/ID/checkpoints/STEPS/). */
  private int remoteCheckpoints() {
    try {
      int count = 0;
      RemoteIterator<LocatedFileStatus> files =
          fileSystem.listFiles(new org.apache.hadoop.fs.Path(studyRoot, "runs"), true);
      while (files.hasNext()) {
        org.apache.hadoop.fs.Path path = files.next().getPath();
        if (path.getName().equals("manifest.json")
            && path.getParent().getParent().getName().equals("checkpoints")) {
          count++;
        }
      }
      return count;
    } catch (IOException notYet) {
      return 0;
    }
  }

  private List<String> committed() throws IOException {
    List<String> trials = new ArrayList<>();
    org.apache.hadoop.fs.Path runs = new org.apache.hadoop.fs.Path(studyRoot, "runs");
    for (FileStatus run : fileSystem.listStatus(runs)) {
      org.apache.hadoop.fs.Path outcome =
          new org.apache.hadoop.fs.Path(run.getPath(), "outcome.json");
      if (fileSystem.exists(outcome) && text(outcome).contains("\"status\":\"COMPLETED\"")) {
        trials.add(run.getPath().getName());
      }
    }
    return trials;
  }

  private String trainerLogs() throws IOException {
    StringBuilder logs = new StringBuilder();
    RemoteIterator<LocatedFileStatus> files =
        fileSystem.listFiles(new org.apache.hadoop.fs.Path(studyRoot, "runs"), true);
    while (files.hasNext()) {
      org.apache.hadoop.fs.Path path = files.next().getPath();
      if (path.getName().startsWith("trainer-attempt-")) {
        logs.append(text(path));
      }
    }
    return logs.toString();
  }

  /** The study's tables, read back from the remote file system into {@code into}. */
  private void copyTables(Path into) throws IOException {
    org.apache.hadoop.fs.Path tables = new org.apache.hadoop.fs.Path(studyRoot, "tables");
    RemoteIterator<LocatedFileStatus> files = fileSystem.listFiles(tables, true);
    String prefix = fileSystem.makeQualified(tables).toUri().getPath();
    while (files.hasNext()) {
      org.apache.hadoop.fs.Path path = files.next().getPath();
      String relative = path.toUri().getPath().substring(prefix.length() + 1);
      Path target = into.resolve("tables").resolve(relative);
      Files.createDirectories(target.getParent());
      try (InputStream in = fileSystem.open(path)) {
        Files.copy(in, target);
      }
    }
  }

  private String text(org.apache.hadoop.fs.Path file) throws IOException {
    try (InputStream in = fileSystem.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }
}
