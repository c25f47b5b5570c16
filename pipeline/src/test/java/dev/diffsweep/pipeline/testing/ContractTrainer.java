package dev.diffsweep.pipeline.testing;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * A trainer that keeps the run-folder contract of docs/TABLES.md exactly (run.json, parts written
 * with the checkpoint that covers them, resume, exit codes) but learns nothing: episodes have a
 * fixed length and a return computed from (seed, episode). It lets the pipeline's fan-out, retry,
 * resume and commit be tested in seconds and independently of the agents. Settings: {@code
 * episode_length}, {@code checkpoint_episodes}, {@code sleep_ms} per episode, {@code nan_at_step}
 * (the run fails like a NaN loss once it reaches that step).
 */
public final class ContractTrainer {
  private static final MessageType EPISODES =
      MessageTypeParser.parseMessageType(
          "message episodes { required binary trial_id (STRING); required int64 episode;"
              + " required int64 env_step; required double return; required int32 length;"
              + " required boolean terminated; required boolean truncated;"
              + " required double wall_time_s; }");
  private static final MessageType EVALUATIONS =
      MessageTypeParser.parseMessageType(
          "message evaluations { required binary trial_id (STRING); required int64 env_step;"
              + " required double return_mean; required double return_std; required int32 episodes;"
              + " required double actor_loss; required double critic_loss; required double alpha;"
              + " required double entropy; required double steps_per_s; required double wall_time_s; }");
  private static final Gson GSON =
      new GsonBuilder().serializeNulls().serializeSpecialFloatingPointValues().create();

  /** What a checkpoint holds: where the run stands. */
  record State(long episode, long envStep, int part, double wallTimeS, double best, double last) {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args));
  }

  static int run(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    Map<String, String> settings = new TreeMap<>();
    for (int i = 1; i < args.length; i += 2) {
      if (args[i].equals("--set")) {
        String[] pair = args[i + 1].split("=", 2);
        settings.put(pair[0], pair[1]);
      } else {
        options.put(args[i], args[i + 1]);
      }
    }
    String algorithm = options.get("--algo");
    if (!args[0].equals("train") || !List.of("sac", "diffsac").contains(algorithm)) {
      System.err.println("unknown algorithm " + algorithm);
      return 2;
    }
    Path runFolder = Path.of(options.get("--out"));
    String trialId = options.get("--run-id");
    int seed = Integer.parseInt(options.get("--seed"));
    long totalSteps = Long.parseLong(options.get("--steps"));
    int episodeLength = Integer.parseInt(settings.getOrDefault("episode_length", "50"));
    int checkpointEpisodes = Integer.parseInt(settings.getOrDefault("checkpoint_episodes", "4"));
    long sleepMs = Long.parseLong(settings.getOrDefault("sleep_ms", "10"));
    long nanAtStep = Long.parseLong(settings.getOrDefault("nan_at_step", "-1"));
    long evalInterval = Long.parseLong(options.getOrDefault("--eval-every", "1000"));

    Files.createDirectories(runFolder);
    Path runJson = runFolder.resolve("run.json");
    if (Files.exists(runJson) && Files.readString(runJson).contains("\"status\":\"completed\"")) {
      System.out.println("run " + trialId + " completed before; nothing to train");
      return 0;
    }
    Path checkpoint = runFolder.resolve("checkpoint").resolve("state.json");
    State state =
        Files.exists(checkpoint)
            ? GSON.fromJson(Files.readString(checkpoint), State.class)
            : new State(0, 0, 0, 0, Double.NEGATIVE_INFINITY, Double.NaN);
    System.out.println("training " + trialId + " from env step " + state.envStep());
    long started = System.nanoTime();
    double clockAtStart = state.wallTimeS();
    List<Object[]> episodes = new ArrayList<>();
    List<Object[]> evaluations = new ArrayList<>();
    while (state.envStep() < totalSteps) {
      int length = (int) Math.min(episodeLength, totalSteps - state.envStep());
      long envStep = state.envStep() + length;
      double wall = clockAtStart + (System.nanoTime() - started) / 1e9;
      if (nanAtStep >= 0 && envStep >= nanAtStep) {
        writeRunJson(runJson, trialId, options, settings, "failed", state, "critic loss is NaN");
        System.err.println("critic loss is NaN at env step " + envStep);
        return 1;
      }
      double episodeReturn = seed * 1000 + state.episode();
      episodes.add(new Object[] {state.episode(), envStep, episodeReturn, length, wall});
      double best = state.best();
      double last = state.last();
      if (envStep / evalInterval > state.envStep() / evalInterval || envStep == totalSteps) {
        last = episodeReturn;
        best = Math.max(best, last);
        evaluations.add(new Object[] {envStep, last, wall});
      }
      Thread.sleep(sleepMs);
      state = new State(state.episode() + 1, envStep, state.part(), wall, best, last);
      if (episodes.size() == checkpointEpisodes || envStep == totalSteps) {
        writePart(runFolder.resolve("episodes"), state.part(), EPISODES, trialId, episodes);
        writePart(
            runFolder.resolve("evaluations"), state.part(), EVALUATIONS, trialId, evaluations);
        state = new State(state.episode(), envStep, state.part() + 1, wall, best, last);
        writeCheckpoint(runFolder, state);
        String status = envStep == totalSteps ? "completed" : "running";
        writeRunJson(runJson, trialId, options, settings, status, state, null);
        episodes.clear();
        evaluations.clear();
      }
    }
    return 0;
  }

  private static void writePart(
      Path folder, int part, MessageType schema, String trialId, List<Object[]> rows)
      throws IOException {
    Files.createDirectories(folder);
    String name = String.format("part-%05d.parquet", part);
    Path temporary = folder.resolve("." + name + ".tmp");
    Files.deleteIfExists(temporary);
    SimpleGroupFactory factory = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(temporary)).withType(schema).build()) {
      for (Object[] row : rows) {
        Group group = factory.newGroup().append("trial_id", trialId);
        if (schema == EPISODES) {
          group
              .append("episode", (long) row[0])
              .append("env_step", (long) row[1])
              .append("return", (double) row[2])
              .append("length", (int) row[3])
              .append("terminated", false)
              .append("truncated", true)
              .append("wall_time_s", (double) row[4]);
        } else {
          group
              .append("env_step", (long) row[0])
              .append("return_mean", (double) row[1])
              .append("return_std", 0.0)
              .append("episodes", 1)
              .append("actor_loss", 0.5)
              .append("critic_loss", 0.25)
              .append("alpha", 0.2)
              .append("entropy", -1.0)
              .append("steps_per_s", 1000.0)
              .append("wall_time_s", (double) row[2]);
        }
        writer.write(group);
      }
    }
    Files.move(
        temporary,
        folder.resolve(name),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  private static void writeCheckpoint(Path runFolder, State state) throws IOException {
    Path temporary = runFolder.resolve("checkpoint.tmp");
    Files.createDirectories(temporary);
    Files.writeString(temporary.resolve("state.json"), GSON.toJson(state));
    Path checkpoint = runFolder.resolve("checkpoint");
    Path old = runFolder.resolve("checkpoint.old");
    if (Files.exists(checkpoint)) {
      Files.move(checkpoint, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(temporary, checkpoint, StandardCopyOption.ATOMIC_MOVE);
    if (Files.exists(old)) {
      Files.delete(old.resolve("state.json"));
      Files.delete(old);
    }
  }

  private static void writeRunJson(
      Path file,
      String trialId,
      Map<String, String> options,
      Map<String, String> settings,
      String status,
      State state,
      String error)
      throws IOException {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("trial_id", trialId);
    run.put("algorithm", options.get("--algo"));
    run.put("task", options.get("--env"));
    run.put("seed", Integer.parseInt(options.get("--seed")));
    run.put("total_steps", Long.parseLong(options.get("--steps")));
    run.put("hyperparameters", settings);
    run.put("status", status);
    run.put("env_steps", state.envStep());
    run.put("wall_time_s", state.wallTimeS());
    run.put("final_eval_return", Double.isNaN(state.last()) ? null : state.last());
    run.put("best_eval_return", Double.isInfinite(state.best()) ? null : state.best());
    run.put("error", error);
    run.put(
        "versions", Map.of("diffsweep", "test", "mujoco", "2.2.2", "torch", "none", "djl", "none"));
    run.put("host", "localhost");
    run.put("device", options.getOrDefault("--device", "cpu"));
    Path temporary = file.resolveSibling(".run.json.tmp");
    Files.writeString(temporary, GSON.toJson(run), StandardCharsets.UTF_8);
    Files.move(
        temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
