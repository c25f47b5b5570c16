package dev.diffsweep.pipeline.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diffsweep.pipeline.study.Study;
import dev.diffsweep.pipeline.study.StudyLoader;
import dev.diffsweep.pipeline.testing.ContractTrainer;
import dev.diffsweep.pipeline.testing.DuckDb;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real studies on local[2,3] with the contract trainer; DuckDB reads what they leave. */
class StudyDriverTest {
  @TempDir Path output;
  private final StringWriter log = new StringWriter();

  private static final String STUDY =
      """
      name = driver-test
      algorithms = [sac, diffsac]
      tasks = [InvertedPendulum-v4]
      seeds = 2
      steps = 600
      evaluation { every = 200, episodes = 1 }
      grid { sleep_ms = 0 }
      """;

  private Study study(String text) {
    return StudyLoader.parse(
        "test.conf", text + "\noutput = \"" + output.toUri() + "\"\n", Path.of("/"));
  }

  private StudyDriver.Result run(Study study) throws Exception {
    SparkConf conf = SparkSessions.conf(SparkProfileFixtures.local(), "local[2,3]", "test");
    conf.set(StudyDriver.TRAINER_MAIN_KEY, ContractTrainer.class.getName());
    conf.set(StudyDriver.TRAINER_OPTIONS_KEY, "-Xmx128m");
    conf.set("spark.ui.enabled", "false");
    return new StudyDriver(study, conf, new PrintWriter(log, true)).run();
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
    assertThat(
            DuckDb.query(
                "SELECT count(*), count(DISTINCT trial_id || episode) FROM "
                    + DuckDb.table(folder(), "episodes")))
        .containsExactly(List.of(48L, 48L));
    assertThat(
            DuckDb.value(
                "SELECT count(DISTINCT algorithm || task) FROM "
                    + DuckDb.table(folder(), "evaluations")))
        .isEqualTo(2L);
    assertThat(second.committedBefore()).isEqualTo(4);
    assertThat(log.toString()).contains("nothing to train: every trial is committed");
    Map<String, String> after = checksums(folder().resolve("tables"));
    after.keySet().removeIf(file -> file.startsWith("trials"));
    checksums.keySet().removeIf(file -> file.startsWith("trials"));
    assertThat(after).isEqualTo(checksums);
  }

  @Test
  void aTrialThatAlwaysFailsIsMarkedFailedAndTheOthersComplete() throws Exception {
    StudyDriver.Result result =
        run(
            study(
                STUDY.replace(
                    "grid { sleep_ms = 0 }",
                    "grid { sleep_ms = 0 }\nalgorithm-grid { diffsac { nan_at_step = 300 } }")));

    assertThat(result.completed()).isEqualTo(2);
    assertThat(result.failed()).isEqualTo(2);
    assertThat(
            DuckDb.query(
                "SELECT algorithm, status, error FROM " + trials() + " ORDER BY algorithm"))
        .containsExactly(
            List.of("diffsac", "failed", "the run failed: critic loss is NaN"),
            List.of("diffsac", "failed", "the run failed: critic loss is NaN"),
            java.util.Arrays.asList("sac", "completed", null),
            java.util.Arrays.asList("sac", "completed", null));
    assertThat(
            DuckDb.value(
                "SELECT count(DISTINCT trial_id) FROM " + DuckDb.table(folder(), "episodes")))
        .isEqualTo(2L);
  }

  @Test
  void refusesADifferentStudyOfTheSameNameBeforeTraining() throws Exception {
    run(study(STUDY.replace("seeds = 2", "seeds = 1").replace("[sac, diffsac]", "[sac]")));

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
    Study study =
        study(
            STUDY
                .replace("[sac, diffsac]", "[sac]")
                .replace("seeds = 2", "seeds = 1")
                .replace("steps = 600", "steps = 2000")
                .replace("sleep_ms = 0", "sleep_ms = 40"));
    String trialId = dev.diffsweep.pipeline.trial.TrialExpansion.expand(study).get(0).id();
    Path runJson = folder().resolve("runs").resolve(trialId).resolve("run.json");
    Thread killer =
        new Thread(
            () -> {
              try {
                while (!Files.exists(runJson)) {
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
            DuckDb.query(
                "SELECT count(*), count(DISTINCT episode), min(episode), max(episode) FROM "
                    + DuckDb.table(folder(), "episodes")))
        .containsExactly(List.of(40L, 40L, 0L, 39L));
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
