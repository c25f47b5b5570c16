package dev.diffsweep.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.diffsweep.trainer.agent.registry.AlgorithmRegistry;
import dev.diffsweep.trainer.env.Task;
import dev.diffsweep.trainer.env.TaskRegistry;
import dev.diffsweep.trainer.testing.DuckDbQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoints, resume and the tables, on short runs with small networks. Tables are read back with
 * DuckDB, an independent Parquet reader.
 */
class TrainerRunTest {
  private static final String TASK = "InvertedPendulum-v4";
  private static final long STEPS = 900;
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @TempDir Path temp;

  /**
   * @param agent an algorithm's name, optionally followed by settings of its own ("wpo
   *     kl_bound=0.01")
   */
  private static RunConfig config(Path dir, String agent, long seed) {
    String[] words = agent.split(" ");
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 1; i < words.length; i++) {
      String[] setting = words[i].split("=", 2);
      settings.put(setting[0], setting[1]);
    }
    return config(dir, words[0], seed, settings, STEPS, 300);
  }

  /** With more hyperparameters, another budget and another evaluation and checkpoint interval. */
  private static RunConfig config(
      Path dir, String algorithm, long seed, Map<String, String> more, long steps, long interval) {
    Map<String, String> small = new LinkedHashMap<>();
    small.put("hidden_size", "32");
    if (algorithm.endsWith("ppo")) {
      // Rollouts of 128 steps: several PPO iterations, and checkpoints in mid-rollout.
      small.put("num_steps", "128");
      small.put("num_minibatches", "4");
      small.put("update_epochs", "2");
    } else {
      small.put("learning_starts", "200");
      small.put("batch_size", "32");
    }
    if (algorithm.startsWith("diff")) {
      small.put("diffusion_steps", "2");
    }
    if (algorithm.equals("diffppo")) {
      small.put("denoiser_hidden", "32");
    }
    small.putAll(more);
    return new RunConfig(
        AlgorithmRegistry.get(algorithm).configure(small),
        TASK,
        seed,
        steps,
        dir,
        dir.getFileName().toString(),
        interval,
        2,
        interval,
        "cpu",
        false);
  }

  /** The first task made (the training task) crashes or turns to NaN; the others are sound. */
  private static Supplier<Task> faulty(long crashAfter, long nanRewardAfter) {
    AtomicInteger made = new AtomicInteger();
    return () ->
        made.getAndIncrement() == 0
            ? new FaultyTask(TASK, crashAfter, nanRewardAfter)
            : TaskRegistry.create(TASK);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sac",
        "diffsac",
        "ppo",
        "ppo gradients=native",
        "diffppo",
        "wpo",
        "diffwpo",
        "wpo kl_bound=0.0001",
        "diffwpo kl_bound=0.0001",
        "diffppo autotune=true ent_target_mult=50"
      })
  void runKilledAfterACheckpointResumesToTheSameResults(String agent) throws Exception {
    Path straight = temp.resolve("straight");
    Path interrupted = temp.resolve("interrupted");
    assertThat(new TrainerRun(config(straight, agent, 3), QUIET).run().completed()).isTrue();

    // Crash between the checkpoint at 600 steps and the end: rows after 600 exist only in memory.
    TrainerRun crashing =
        new TrainerRun(config(interrupted, agent, 3), faulty(750, Long.MAX_VALUE), QUIET);
    assertThatThrownBy(crashing::run).hasMessageContaining("simulated crash");
    assertThat(status(interrupted)).isEqualTo("running");
    assertThat(evaluationSteps(interrupted)).containsExactly(300L, 600L);

    RunOutcome resumed = new TrainerRun(config(interrupted, agent, 3), QUIET).run();
    assertThat(resumed.completed()).isTrue();
    assertThat(status(interrupted)).isEqualTo("completed");
    assertThat(query(interrupted, EVALUATION_RESULTS))
        .isEqualTo(query(straight, EVALUATION_RESULTS));
    assertThat(query(interrupted, EPISODE_RESULTS)).isEqualTo(query(straight, EPISODE_RESULTS));
    assertThat(evaluationSteps(interrupted)).containsExactly(300L, 600L, 900L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ppo", "diffppo"})
  void vectorRunKilledAfterACheckpointResumesToTheSameResults(String algorithm) throws Exception {
    Map<String, String> twoCopies = Map.of("num_envs", "2");
    Path straight = temp.resolve("straight");
    Path interrupted = temp.resolve("interrupted");
    assertThat(
            new TrainerRun(config(straight, algorithm, 8, twoCopies, STEPS, 300), QUIET)
                .run()
                .completed())
        .isTrue();

    // Copy 0 (the first task made) crashes at its 376th step, global step 752: after the
    // checkpoint at 600, with both copies in mid-episode (rows after 600 exist only in memory).
    TrainerRun crashing =
        new TrainerRun(
            config(interrupted, algorithm, 8, twoCopies, STEPS, 300),
            faulty(375, Long.MAX_VALUE),
            QUIET);
    assertThatThrownBy(crashing::run).hasMessageContaining("simulated crash");
    assertThat(evaluationSteps(interrupted)).containsExactly(300L, 600L);
    JsonObject runState =
        JsonParser.parseString(Files.readString(interrupted.resolve("checkpoint/run-state.json")))
            .getAsJsonObject();
    assertThat(runState.getAsJsonArray("episodesInProgress"))
        .hasSize(2)
        .allMatch(copy -> !copy.getAsJsonObject().getAsJsonArray("actions").isEmpty());

    RunOutcome resumed =
        new TrainerRun(config(interrupted, algorithm, 8, twoCopies, STEPS, 300), QUIET).run();
    assertThat(resumed.completed()).isTrue();
    assertThat(query(interrupted, EVALUATION_RESULTS))
        .isEqualTo(query(straight, EVALUATION_RESULTS));
    assertThat(query(interrupted, EPISODE_RESULTS)).isEqualTo(query(straight, EPISODE_RESULTS));
    assertThat(evaluationSteps(interrupted)).containsExactly(300L, 600L, 900L);
  }

  @Test
  void threeCopiesCountEveryStepAndKeepTheirEpisodesApart() throws Exception {
    // 901 is no multiple of 3 and neither is the interval 200: the loop steps 3 at a time, so
    // evaluations and checkpoints come at the first count past each multiple of 200, and the
    // run ends at 903, the first count at or past the budget.
    Path dir = temp.resolve("three");
    RunOutcome outcome =
        new TrainerRun(config(dir, "ppo", 5, Map.of("num_envs", "3"), 901, 200), QUIET).run();

    assertThat(outcome.completed()).isTrue();
    assertThat(outcome.envSteps()).isEqualTo(903);
    assertThat(evaluationSteps(dir)).containsExactly(201L, 402L, 600L, 801L, 903L);
    // A part per checkpoint (201, 402, 600, 801) and one at the end; the last checkpoint stays.
    assertThat(parts(dir).stream().filter(p -> p.startsWith(dir.resolve("episodes")))).hasSize(5);
    JsonObject manifest =
        JsonParser.parseString(Files.readString(dir.resolve("checkpoint/manifest.json")))
            .getAsJsonObject();
    assertThat(manifest.get("env_steps").getAsLong()).isEqualTo(801);

    // The rows must split into the three copies' time lines: a row ending at vector step
    // v = env_step / 3 after `length` steps is the episode of a copy whose previous episode ended
    // at v - length, and no copy ends two episodes in one vector step. InvertedPendulum pays 1 per
    // step, so return = length shows that each copy's return was summed apart.
    long[] lastEnd = new long[3];
    boolean[] endedInThisStep = new boolean[3];
    long currentEnd = 0;
    List<List<String>> episodes = query(dir, EPISODE_RESULTS);
    assertThat(episodes).hasSizeGreaterThan(3);
    for (int row = 0; row < episodes.size(); row++) {
      List<String> episode = episodes.get(row);
      assertThat(Long.parseLong(episode.get(0))).isEqualTo(row);
      long envStep = Long.parseLong(episode.get(1));
      int length = Integer.parseInt(episode.get(3));
      assertThat(envStep % 3).isZero();
      assertThat(envStep / 3).isGreaterThanOrEqualTo(currentEnd);
      assertThat(Double.parseDouble(episode.get(2))).isEqualTo(length);
      assertThat(episode.get(4).equals("true") ^ episode.get(5).equals("true")).isTrue();
      long end = envStep / 3;
      if (end != currentEnd) {
        Arrays.fill(endedInThisStep, false);
        currentEnd = end;
      }
      int copy = 0;
      while (copy < 3 && (endedInThisStep[copy] || lastEnd[copy] != end - length)) {
        copy++;
      }
      assertThat(copy)
          .as("a copy whose episode of %d steps ends at vector step %d", length, end)
          .isLessThan(3);
      lastEnd[copy] = end;
      endedInThisStep[copy] = true;
    }
    // Every copy finished episodes.
    assertThat(lastEnd).doesNotContain(0L);
  }

  @Test
  void runStoppedAtARungAndResumedEqualsAnUninterruptedRun() throws Exception {
    Path straight = temp.resolve("straight");
    Path rungs = temp.resolve("rungs");
    assertThat(new TrainerRun(config(straight, "sac", 4), QUIET).run().completed()).isTrue();

    RunOutcome stopped = new TrainerRun(config(rungs, "sac", 4), QUIET).runUntil(600);
    List<Path> partsAtStop = parts(rungs);
    RunOutcome again = new TrainerRun(config(rungs, "sac", 4), QUIET).runUntil(600);

    assertThat(stopped.stopped()).isTrue();
    assertThat(stopped.envSteps()).isEqualTo(600);
    assertThat(status(rungs)).isEqualTo("stopped");
    assertThat(evaluationSteps(rungs)).containsExactly(300L, 600L);
    assertThat(again.stopped()).isTrue();
    assertThat(parts(rungs)).isEqualTo(partsAtStop);

    RunOutcome finished = new TrainerRun(config(rungs, "sac", 4), QUIET).runUntil(900);
    assertThat(finished.completed()).isTrue();
    assertThat(status(rungs)).isEqualTo("completed");
    assertThat(query(rungs, EVALUATION_RESULTS)).isEqualTo(query(straight, EVALUATION_RESULTS));
    assertThat(query(rungs, EPISODE_RESULTS)).isEqualTo(query(straight, EPISODE_RESULTS));
  }

  private static final String EVALUATION_RESULTS =
      "SELECT env_step, return_mean, return_std, episodes, actor_loss, critic_loss, alpha,"
          + " entropy FROM read_parquet('%s/evaluations/*.parquet') ORDER BY env_step";
  private static final String EPISODE_RESULTS =
      "SELECT episode, env_step, return, length, terminated, truncated"
          + " FROM read_parquet('%s/episodes/*.parquet') ORDER BY episode";

  @Test
  void tablesFollowTheContractAndACompletedRunIsNotTrainedAgain() throws Exception {
    Path dir = temp.resolve("run-a");
    assertThat(new TrainerRun(config(dir, "sac", 1), QUIET).run().completed()).isTrue();
    assertThat(
            query(
                dir,
                "SELECT column_name, column_type FROM"
                    + " (DESCRIBE SELECT * FROM read_parquet('%s/episodes/*.parquet'))"))
        .containsExactly(
            List.of("trial_id", "VARCHAR"),
            List.of("episode", "BIGINT"),
            List.of("env_step", "BIGINT"),
            List.of("return", "DOUBLE"),
            List.of("length", "INTEGER"),
            List.of("terminated", "BOOLEAN"),
            List.of("truncated", "BOOLEAN"),
            List.of("wall_time_s", "DOUBLE"));
    assertThat(
            query(
                dir,
                "SELECT column_name, column_type FROM"
                    + " (DESCRIBE SELECT * FROM read_parquet('%s/evaluations/*.parquet'))"))
        .extracting(row -> row.get(0) + " " + row.get(1))
        .containsExactly(
            "trial_id VARCHAR",
            "env_step BIGINT",
            "return_mean DOUBLE",
            "return_std DOUBLE",
            "episodes INTEGER",
            "actor_loss DOUBLE",
            "critic_loss DOUBLE",
            "alpha DOUBLE",
            "entropy DOUBLE",
            "steps_per_s DOUBLE",
            "wall_time_s DOUBLE");
    assertThat(query(dir, "SELECT DISTINCT trial_id FROM read_parquet('%s/episodes/*.parquet')"))
        .containsExactly(List.of("run-a"));
    assertThat(
            query(
                dir,
                "SELECT count(*) = count(DISTINCT episode), max(env_step) <= 900"
                    + " FROM read_parquet('%s/episodes/*.parquet')"))
        .containsExactly(List.of("true", "true"));

    JsonObject runJson =
        JsonParser.parseString(Files.readString(dir.resolve("run.json"))).getAsJsonObject();
    assertThat(runJson.get("status").getAsString()).isEqualTo("completed");
    assertThat(runJson.get("env_steps").getAsLong()).isEqualTo(STEPS);
    assertThat(runJson.getAsJsonObject("hyperparameters").get("batch_size").getAsString())
        .isEqualTo("32");
    assertThat(runJson.getAsJsonObject("versions").keySet())
        .containsExactly("diffsweep", "mujoco", "torch", "djl");
    assertThat(runJson.get("cpu").getAsString()).matches(".+, (avx512f|avx2|avx|sse)");
    assertThat(runJson.get("error").isJsonNull()).isTrue();

    List<Path> partsBefore = parts(dir);
    RunOutcome again = new TrainerRun(config(dir, "sac", 1), QUIET).run();
    assertThat(again.completed()).isTrue();
    assertThat(parts(dir)).isEqualTo(partsBefore);
  }

  /** Runs until the training task crashes after 400 steps, past the checkpoint at step 300. */
  private static void crashAfter400Steps(Path dir, String agent, long seed) {
    TrainerRun crashing =
        new TrainerRun(config(dir, agent, seed), faulty(400, Long.MAX_VALUE), QUIET);
    assertThatThrownBy(crashing::run).hasMessageContaining("simulated crash");
  }

  /**
   * A crashed run's checkpoint is not resumed by a command for another run: another seed, or PPO on
   * the other gradient path (the paths' float round-off differs: resuming on the other one would
   * change numerics mid-run). The refusal names the difference.
   */
  @ParameterizedTest(name = "{0} seed {1}, resumed as {2} seed {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "sac                  | 1 | sac | 2 | seed 1 (this command: 2)",
        "ppo gradients=native | 1 | ppo | 1 | gradients native (this command: torch)"
      })
  void checkpointOfAnotherRunIsRefusedWithTheDifference(
      String crashedAgent, long crashedSeed, String agent, long seed, String difference) {
    Path dir = temp.resolve("run-b");
    crashAfter400Steps(dir, crashedAgent, crashedSeed);
    assertThatThrownBy(() -> new TrainerRun(config(dir, agent, seed), QUIET).run())
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("different run")
        .hasMessageContaining(difference);
  }

  /**
   * A checkpoint written before {@code last_step_denoiser} existed lacks the key; it computed the
   * default, so the default resumes it and the option switched on is another run.
   */
  @Test
  void aCheckpointFromBeforeAnOptionExistedResumesAtTheOptionsDefaultOnly() throws IOException {
    Path dir = temp.resolve("run-earlier-build");
    crashAfter400Steps(dir, "diffwpo", 1);
    Path manifest = dir.resolve("checkpoint/manifest.json");
    JsonObject json = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
    JsonObject hyperparameters =
        json.getAsJsonObject("identity").getAsJsonObject("hyperparameters");
    assertThat(hyperparameters.remove("last_step_denoiser").getAsString()).isEqualTo("false");
    Files.writeString(manifest, json.toString());

    assertThatThrownBy(
            () -> new TrainerRun(config(dir, "diffwpo last_step_denoiser=true", 1), QUIET).run())
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("last_step_denoiser false (this command: true)");
    RunOutcome resumed = new TrainerRun(config(dir, "diffwpo", 1), QUIET).run();
    assertThat(resumed.completed()).isTrue();
  }

  @Test
  void corruptCheckpointIsRefused() throws IOException {
    Path dir = temp.resolve("run-c");
    crashAfter400Steps(dir, "sac", 1);
    Path agentState = dir.resolve("checkpoint/agent.bin");
    byte[] bytes = Files.readAllBytes(agentState);
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(agentState, bytes);
    assertThatThrownBy(() -> new TrainerRun(config(dir, "sac", 1), QUIET).run())
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("corrupt")
        .hasMessageContaining("delete");
  }

  @Test
  void nanLossStopsTheRunAndKeepsTheLastGoodCheckpoint() throws Exception {
    Path dir = temp.resolve("run-d");
    RunOutcome outcome =
        new TrainerRun(config(dir, "sac", 1), faulty(Long.MAX_VALUE, 650), QUIET).run();
    assertThat(outcome.completed()).isFalse();
    assertThat(outcome.error()).contains("critic loss is NaN");
    JsonObject runJson =
        JsonParser.parseString(Files.readString(dir.resolve("run.json"))).getAsJsonObject();
    assertThat(runJson.get("status").getAsString()).isEqualTo("failed");
    assertThat(runJson.get("error").getAsString()).contains("NaN").contains("checkpoint is kept");
    JsonObject manifest =
        JsonParser.parseString(Files.readString(dir.resolve("checkpoint/manifest.json")))
            .getAsJsonObject();
    assertThat(manifest.get("env_steps").getAsLong()).isEqualTo(600);
    assertThat(evaluationSteps(dir)).containsExactly(300L, 600L);
  }

  private static String status(Path dir) {
    return RunMetadata.status(dir);
  }

  private static List<Long> evaluationSteps(Path dir) throws SQLException {
    List<Long> steps = new ArrayList<>();
    for (List<String> row :
        query(dir, "SELECT env_step FROM read_parquet('%s/evaluations/*.parquet') ORDER BY 1")) {
      steps.add(Long.parseLong(row.get(0)));
    }
    return steps;
  }

  private static List<Path> parts(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    }
  }

  /** Rows as strings, via DuckDB. */
  static List<List<String>> query(Path dir, String sqlTemplate) throws SQLException {
    String sql = String.format(sqlTemplate, dir.toString().replace("'", "''"));
    return DuckDbQuery.rows(sql, ResultSet::getString);
  }
}
