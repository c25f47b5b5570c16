package dev.diffsweep.trainer.run;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import dev.diffsweep.trainer.agent.Agent;
import dev.diffsweep.trainer.agent.ReplayBuffer;
import dev.diffsweep.trainer.state.StateReader;
import dev.diffsweep.trainer.state.StateWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run's latest checkpoint, {@code RUN_DIR/checkpoint/}: {@code manifest.json} (identity, file
 * checksums, the replay segments it needs), {@code run-state.json} (the loop's counters) and {@code
 * agent.bin} (networks, optimisers, temperature, the replay buffer's own state, RNG). The replay
 * rows are append-only segments in {@code RUN_DIR/replay/} ({@link ReplaySegments}). Written to a
 * temporary folder, synced, then swapped in with renames; at every instant either the old or the
 * new checkpoint is complete on disk, with every segment its manifest lists.
 */
public final class Checkpoints {
  /**
   * 3: replay rows in segments beside the checkpoint. 2 (still read): every replay row inside
   * agent.bin; run-state.json holds one episode in progress per env copy (vector envs).
   */
  private static final int FORMAT = 3;

  private static final int INLINE_REPLAY_FORMAT = 2;

  private static final String MANIFEST = "manifest.json";
  private static final String RUN_STATE = "run-state.json";
  private static final String AGENT = "agent.bin";
  private static final Gson GSON =
      new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting().create();

  private final Path current;
  private final Path previous;
  private final Path runDir;
  private final ReplaySegments replay;

  public Checkpoints(Path runDir) {
    this.runDir = runDir;
    this.replay = new ReplaySegments(runDir);
    this.current = runDir.resolve("checkpoint");
    this.previous = runDir.resolve("checkpoint.previous");
  }

  /** Whether a checkpoint exists (also one interrupted mid-swap). */
  public boolean exists() {
    return Files.isDirectory(current) || Files.isDirectory(previous);
  }

  public void save(RunIdentity identity, RunState state, Agent agent) throws IOException {
    Path temporary = runDir.resolve("checkpoint.tmp");
    RunFolders.deleteRecursively(temporary);
    Files.createDirectories(temporary);
    Optional<ReplayBuffer> buffer = agent.replayBuffer();
    List<ReplaySegments.Segment> segments =
        buffer.isPresent() ? replay.persist(buffer.get()) : List.of();
    try (StateWriter out = new StateWriter(Files.newOutputStream(temporary.resolve(AGENT)))) {
      agent.write(out);
    }
    Files.writeString(temporary.resolve(RUN_STATE), GSON.toJson(state));
    JsonObject manifest = new JsonObject();
    manifest.addProperty("format", FORMAT);
    manifest.add("identity", GSON.toJsonTree(identity));
    manifest.addProperty("env_steps", state.envSteps);
    JsonObject checksums = new JsonObject();
    checksums.addProperty(AGENT, ReplaySegments.crc(temporary.resolve(AGENT)));
    checksums.addProperty(RUN_STATE, ReplaySegments.crc(temporary.resolve(RUN_STATE)));
    manifest.add("crc32", checksums);
    manifest.add("replay_segments", GSON.toJsonTree(segments));
    Files.writeString(temporary.resolve(MANIFEST), GSON.toJson(manifest));
    for (String file : List.of(AGENT, RUN_STATE, MANIFEST)) {
      ReplaySegments.sync(temporary.resolve(file));
    }
    if (Files.isDirectory(current)) {
      RunFolders.deleteRecursively(previous);
      Files.move(current, previous, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(temporary, current, StandardCopyOption.ATOMIC_MOVE);
    RunFolders.deleteRecursively(previous);
    replay.deleteAllBut(segments);
  }

  /**
   * Restores {@code agent} and returns the loop state.
   *
   * @throws CheckpointException if the checkpoint belongs to another run than {@code run} or is
   *     damaged
   */
  public RunState load(RunConfig run, Agent agent) {
    Path dir = Files.isDirectory(current) ? current : previous;
    String where = dir.toString();
    String startOver = "; delete " + where + " to start the run over";
    try {
      JsonObject manifest =
          GSON.fromJson(Files.readString(dir.resolve(MANIFEST)), JsonObject.class);
      int format =
          manifest == null || !manifest.has("format") ? -1 : manifest.get("format").getAsInt();
      if (format != FORMAT && format != INLINE_REPLAY_FORMAT) {
        throw new CheckpointException("checkpoint " + where + " has an unknown format" + startOver);
      }
      RunIdentity stored = GSON.fromJson(manifest.get("identity"), RunIdentity.class);
      List<String> differences = run.differencesFrom(stored);
      if (!differences.isEmpty()) {
        throw new CheckpointException(
            "checkpoint "
                + where
                + " was written by a different run: "
                + String.join("; ", differences)
                + ". Use another --out, or delete the checkpoint to start over");
      }
      Map<String, Long> checksums =
          GSON.fromJson(manifest.get("crc32"), new TypeToken<Map<String, Long>>() {}.getType());
      for (String file : List.of(AGENT, RUN_STATE)) {
        long expected = checksums.getOrDefault(file, -1L);
        if (ReplaySegments.crc(dir.resolve(file)) != expected) {
          throw new CheckpointException(
              "checkpoint " + where + " is corrupt: " + file + " fails its checksum" + startOver);
        }
      }
      RunState state =
          GSON.fromJson(
              Files.readString(dir.resolve(RUN_STATE), StandardCharsets.UTF_8), RunState.class);
      try (StateReader in = new StateReader(Files.newInputStream(dir.resolve(AGENT)))) {
        agent.read(in);
      }
      Optional<ReplayBuffer> replayBuffer = agent.replayBuffer();
      if (replayBuffer.isPresent()) {
        ReplayBuffer buffer = replayBuffer.get();
        if (format == INLINE_REPLAY_FORMAT) {
          // Every held row came from agent.bin: the next checkpoint writes them all once.
          replay.adopt(List.of(), buffer.oldestRow());
        } else {
          List<ReplaySegments.Segment> segments =
              GSON.fromJson(
                  manifest.get("replay_segments"),
                  new TypeToken<List<ReplaySegments.Segment>>() {}.getType());
          replay.restore(buffer, segments, startOver);
        }
      }
      return state;
    } catch (CheckpointException e) {
      throw e;
    } catch (IOException | JsonParseException | IllegalStateException | NullPointerException e) {
      throw new CheckpointException(
          "checkpoint " + where + " cannot be read (" + e.getMessage() + ")" + startOver, e);
    }
  }
}
