package dev.diffsweep.pipeline.spark;

import static dev.diffsweep.pipeline.testing.StudyTableChecks.assertEpisodesAreWholeAndUnrepeated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diffsweep.pipeline.study.Study;
import dev.diffsweep.pipeline.study.StudyLoader;
import dev.diffsweep.pipeline.testing.DuckDb;
import dev.diffsweep.pipeline.testing.TestStudies;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real studies on local[2,3] with the real trainer on a tiny budget (600 env steps, small networks:
 * about 5 s a trial); DuckDB reads what they leave.
 */
class StudyDriverTest {
  @TempDir Path output;
  private final StringWriter log = new StringWriter();

  private static final String DIFFSAC_GRID = "algorithm-grid { diffsac { diffusion_steps = 2 } }";
  private static final String STUDY =
      TestStudies.tinySacAndDiffSacStudy("driver-test", 2, 600, 200);

  private Study study(String text) {
    return StudyLoader.parse(
        "test.conf", text + "\noutput = \"" + output.toUri() + "\"\n", Path.of("/"));
  }

  private StudyDriver.Result run(Study study) throws Exception {
    return new StudyDriver(
            study, SparkProfileFixtures.localDriver(), new PrintWriter(log, true), Optional.empty())
        .run();
  }

  private Path folder() {
    return output.resolve("driver-test");
  }

  private String trials() {
    return "read_parquet('" + folder().resolve("tables/trials/*.parquet") + "')";
  }

  @Test
  void runsEveryTrialOnceCommitsItAndARerunTrainsNothing() throws Exception {
    StudyDriver.Result first = run(study(STUDY));
    Map<String, String> checksums = checksums(folder().resolve("tables"));
    StudyDriver.Result second = run(study(STUDY));

    assertThat(first).isEqualTo(new StudyDriver.Result(4, 0, 4, 0, "file:" + folder()));
    assertThat(
            DuckDb.query(
                "SELECT status, count(*), sum(env_steps), min(attempts) FROM "
                    + trials()
                    + " GROUP BY status"))
        .containsExactly(List.of("completed", 4L, java.math.BigInteger.valueOf(2400), 1));
    assertEpisodesAreWholeAndUnrepeated(folder(), 4);
    assertThat(
            DuckDb.query(
                "SELECT count(*), count(DISTINCT trial_id || '/' || env_step),"
                    + " count(DISTINCT algorithm || task) FROM "
                    + DuckDb.table(folder(), "evaluations")))
        .containsExactly(List.of(12L, 12L, 2L));
    assertThat(second.committedBefore()).isEqualTo(4);
    assertThat(log.toString()).contains("nothing to train: every trial is committed");
    Map<String, String> after = checksums(folder().resolve("tables"));
    after.keySet().removeIf(file -> file.startsWith("trials"));
    checksums.keySet().removeIf(file -> file.startsWith("trials"));
    assertThat(after).isEqualTo(checksums);
  }

  @Test
  void aTrialThatAlwaysFailsIsMarkedFailedAndTheOthersComplete() throws Exception {
    // A critic learning rate of 1e30 makes the first gradient update's loss NaN, every attempt.
    StudyDriver.Result result =
        run(study(STUDY + "\nalgorithm-grid { diffsac { q_lr = 1e30 } }\n"));

    assertThat(result.completed()).isEqualTo(2);
    assertThat(result.failed()).isEqualTo(2);
    assertThat(
            DuckDb.query(
                "SELECT algorithm, status, attempts, error LIKE 'the run failed: training diverged:"
                    + " % critic loss is NaN%' FROM "
                    + trials()
                    + " ORDER BY algorithm"))
        .containsExactly(
            List.of("diffsac", "failed", 1, true),
            List.of("diffsac", "failed", 1, true),
            java.util.Arrays.asList("sac", "completed", 1, null),
            java.util.Arrays.asList("sac", "completed", 1, null));
    assertThat(
            DuckDb.value(
                "SELECT count(DISTINCT trial_id) FROM " + DuckDb.table(folder(), "episodes")))
        .isEqualTo(2L);
    assertEpisodesAreWholeAndUnrepeated(folder(), 2);
  }

  @Test
  void refusesADifferentStudyOfTheSameNameBeforeTraining() throws Exception {
    run(
        study(
            STUDY
                .replace("seeds = 2", "seeds = 1")
                .replace("[sac, diffsac]", "[sac]")
                .replace(DIFFSAC_GRID, "")));

    assertThatThrownBy(() -> run(study(STUDY)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a different study named 'driver-test' already lives in")
        .hasMessageContaining(
            "'algorithms = [sac]' where this file has 'algorithms = [sac, diffsac]'");
  }

  @Test
  void refusesAnOutputLocationItCannotWrite() throws Exception {
    Path notADirectory = Files.writeString(output.resolve("a-file"), "x");
    Study study =
        StudyLoader.parse(
            "test.conf", STUDY + "\noutput = \"" + notADirectory.toUri() + "\"\n", Path.of("/"));

    assertThatThrownBy(() -> run(study))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "the output location " + notADirectory.toUri().toString().replace("file:///", "file:/"))
        .hasMessageContaining("is not writable");
  }

  @Test
  void aTrainerKilledMidTrialIsRetriedAndResumesWithoutLosingOrRepeatingEpisodes()
      throws Exception {
    killATrainerAfterItsFirstCheckpoint();
  }

  /**
   * The resumed trial also retraces the uninterrupted one to the bit. (It once diverged in CI:
   * DJL's Number overloads let a garbage collection corrupt gradients, see Scalars.)
   */
  @Test
  void aTrainerKilledMidTrialResumesToTheSameRowsAsAnUninterruptedRun() throws Exception {
    String oneTrial = killATrainerAfterItsFirstCheckpoint();
    // The same trial never interrupted, in another study folder: the same rows, to the bit.
    Path uninterrupted = output.resolve("uninterrupted");
    run(
        StudyLoader.parse(
            "test.conf",
            oneTrial + "\noutput = \"" + uninterrupted.toUri() + "\"\n",
            Path.of("/")));
    String episodes =
        "SELECT episode, env_step, return, length, terminated, truncated FROM %s ORDER BY episode";
    assertThat(DuckDb.query(String.format(episodes, DuckDb.table(folder(), "episodes"))))
        .isEqualTo(
            DuckDb.query(
                String.format(
                    episodes, DuckDb.table(uninterrupted.resolve("driver-test"), "episodes"))));
    String evaluations = "SELECT env_step, return_mean, critic_loss FROM %s ORDER BY env_step";
    assertThat(DuckDb.query(String.format(evaluations, DuckDb.table(folder(), "evaluations"))))
        .hasSize(6)
        .isEqualTo(
            DuckDb.query(
                String.format(
                    evaluations,
                    DuckDb.table(uninterrupted.resolve("driver-test"), "evaluations"))));
  }

  /** Runs a one-trial study whose trainer is killed after its first checkpoint; the study file. */
  private String killATrainerAfterItsFirstCheckpoint() throws Exception {
    String oneTrial =
        STUDY
            .replace("[sac, diffsac]", "[sac]")
            .replace(DIFFSAC_GRID, "")
            .replace("seeds = 2", "seeds = 1")
            .replace("steps = 600", "steps = 1200");
    Study study = study(oneTrial);
    String trialId = dev.diffsweep.pipeline.trial.TrialExpansion.expand(study).get(0).id();
    Path checkpoint = folder().resolve("runs").resolve(trialId).resolve("checkpoint");
    Thread killer =
        new Thread(
            () -> {
              try {
                while (!Files.exists(checkpoint)) {
                  Thread.sleep(20);
                }
                ProcessHandle.current()
                    .descendants()
                    .filter(p -> p.info().command().orElse("").endsWith("java"))
                    .forEach(ProcessHandle::destroyForcibly);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    killer.start();

    StudyDriver.Result result = run(study);
    killer.join();

    assertThat(result.completed()).isEqualTo(1);
    assertThat(log.toString()).contains(trialId + ": attempt 1 failed, Spark retries it");
    assertThat(DuckDb.query("SELECT attempts FROM " + trials())).containsExactly(List.of(2));
    assertThat(
            Files.readString(
                folder().resolve("runs").resolve(trialId).resolve("trainer-attempt-2.log")))
        .contains("resuming")
        .contains("from its checkpoint at");
    assertEpisodesAreWholeAndUnrepeated(folder(), 1);
    assertThat(DuckDb.query("SELECT env_step FROM " + DuckDb.table(folder(), "evaluations")))
        .hasSize(6);
    return oneTrial;
  }

  static Map<String, String> checksums(Path root) throws IOException {
    Map<String, String> sums = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        try {
          byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
          sums.put(root.relativize(file).toString(), HexFormat.of().formatHex(digest));
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return sums;
  }
}
