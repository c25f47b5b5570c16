package dev.diffsweep.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.pipeline.storage.StudyLease;
import dev.diffsweep.pipeline.testing.InJvmCommand;
import dev.diffsweep.pipeline.testing.TestStudies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What `diffsweep study` checks before it writes anything to the study folder. Where a check must
 * let the study through, a live lease of another driver on the folder stops it right after (exit 2,
 * nothing trained), so the tests need no Spark.
 */
class StudyCommandTest {
  @TempDir Path output;

  private Path studyFile(String seeds, String steps, String grid) throws Exception {
    return Files.writeString(
        output.resolve("big.conf"),
        """
        name = big
        algorithms = [sac, diffsac]
        tasks = [InvertedPendulum-v4]
        seeds = %s
        steps = %s
        evaluation { every = 1000, episodes = 1 }
        grid { %s }
        output = "%s"
        """
            .formatted(seeds, steps, grid, output.toUri()));
  }

  private InJvmCommand study(Path file, String... options) {
    return run("study", file, options);
  }

  /** Runs {@code diffsweep COMMAND FILE --no-analysis OPTIONS} in this JVM. */
  private InJvmCommand run(String command, Path file, String... options) {
    List<String> args = new ArrayList<>(List.of(command, file.toString(), "--no-analysis"));
    args.addAll(List.of(options));
    return InJvmCommand.run(args.toArray(new String[0]));
  }

  /** The whole message that refuses a study of {@code counts}, over the limit {@code over}. */
  private static String refusal(String counts, String over, Path file) {
    return "diffsweep: study big has "
        + counts
        + " in all, more than "
        + over
        + ": check seeds, steps and the grid in "
        + file
        + ", or rerun with --yes to run it anyway";
  }

  /** The folder held by a live driver elsewhere: a study that passes the checks stops there. */
  private void heldByAnotherDriver() throws Exception {
    Path folder = Files.createDirectories(output.resolve("big"));
    Files.writeString(
        folder.resolve(StudyLease.FILE_NAME),
        "host=other-host\npid=7\nstarted=%s\nrenewed=%s\ntoken=t\n"
            .formatted(Instant.now(), Instant.now()));
  }

  @Test
  void aStudyOverTheTrialLimitIsRefusedBeforeAnythingIsWritten() throws Exception {
    // 2 algorithms x 1000 seeds x 6 x 6 grid points: 72 000 trials.
    Path file =
        studyFile(
            "1000",
            "1000",
            "gamma = [0.9, 0.91, 0.92, 0.93, 0.94, 0.95],"
                + " tau = [0.001, 0.002, 0.003, 0.004, 0.005, 0.006]");

    InJvmCommand refused = study(file);

    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
    assertThat(refused.err().strip())
        .isEqualTo(refusal("72,000 trials and 72,000,000 env steps", "--max-trials 10000", file));
    assertThat(output.resolve("big")).doesNotExist();
  }

  @Test
  void aStudyOverTheEnvStepLimitIsRefusedAndTheLimitsAreOptions() throws Exception {
    Path file = studyFile("100", "1000000000", "gamma = 0.99");

    InJvmCommand refused = study(file);
    InJvmCommand lowered = study(studyFile("2", "1000", "gamma = 0.99"), "--max-trials", "3");

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err())
        .contains("200 trials and 200,000,000,000 env steps in all, more than --max-env-steps");
    assertThat(lowered.exitCode()).isEqualTo(2);
    assertThat(lowered.err()).contains("4 trials").contains("more than --max-trials 3");
    assertThat(output.resolve("big")).doesNotExist();
  }

  @Test
  void yesRunsALargeStudyAnyway() throws Exception {
    Path file = studyFile("100", "1000000000", "gamma = 0.99");
    heldByAnotherDriver();

    InJvmCommand accepted = study(file, "--yes");

    assertThat(accepted.exitCode()).isEqualTo(2);
    assertThat(accepted.err())
        .doesNotContain("--max-env-steps")
        .contains("is in use by another driver (host other-host, process 7");
  }

  @Test
  void aTuningOverTheLimitIsRefusedToo() throws Exception {
    Path file = studyFile("1", "100000000", "gamma = 0.99");
    Files.writeString(
        file,
        Files.readString(file).replace("[sac, diffsac]", "[sac]")
            + TestStudies.randomTauTuning(200, 2, 0.001, 0.01));

    InJvmCommand refused = run("tune", file);

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err().strip())
        .isEqualTo(
            refusal(
                "400 trials and 40,000,000,000 env steps", "--max-env-steps 10000000000", file));
    assertThat(output.resolve("big")).doesNotExist();
  }

  @Test
  void warnsWhenAnOffPolicyAgentWouldNeverTrain() throws Exception {
    Path file = studyFile("1", "1000", "learning_starts = [500, 1000]");
    heldByAnotherDriver();

    InJvmCommand command = study(file);

    assertThat(command.out())
        .contains(
            "[study big] warning: learning_starts 1000 is not below the 1000 env steps of sac on"
                + " InvertedPendulum-v4, so those trials collect experience and never train;"
                + " lower learning_starts or raise steps")
        .contains("learning_starts 1000 is not below the 1000 env steps of diffsac")
        .doesNotContain("learning_starts 500");
  }
}
