package dev.diffsweep.trainer.run;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.diffsweep.trainer.mujoco.Simulation;
import dev.diffsweep.trainer.nn.TorchRuntime;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** run.json (docs/TABLES.md), rewritten atomically (temporary file, then rename). */
public final class RunMetadata {
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

  private RunMetadata() {}

  public static void write(
      Path runDir, RunConfig config, String status, RunState state, String error, String deviceName)
      throws IOException {
    JsonObject json = new JsonObject();
    json.addProperty("trial_id", config.trialId());
    json.addProperty("algorithm", config.algorithm().name());
    json.addProperty("task", config.task());
    json.addProperty("seed", config.seed());
    json.addProperty("total_steps", config.totalSteps());
    json.add("hyperparameters", GSON.toJsonTree(config.algorithm().hyperparameters()));
    json.addProperty("status", status);
    json.addProperty("env_steps", state.envSteps);
    json.addProperty("wall_time_s", state.wallTimeS);
    json.add("final_eval_return", number(state.finalEvalReturn));
    json.add("best_eval_return", number(state.bestEvalReturn));
    json.addProperty("error", error);
    JsonObject versions = new JsonObject();
    versions.addProperty("diffsweep", projectVersion());
    versions.addProperty("mujoco", Simulation.mujocoVersionText());
    versions.addProperty("torch", TorchRuntime.torchVersion());
    versions.addProperty("djl", TorchRuntime.djlVersion());
    json.add("versions", versions);
    json.addProperty("host", hostName());
    json.addProperty("device", deviceName);
    json.addProperty("cpu", HostCpu.describe());
    json.addProperty("eval_every", config.evalEvery());
    json.addProperty("eval_episodes", config.evalEpisodes());
    json.addProperty("checkpoint_every", config.checkpointEvery());
    Path temporary = runDir.resolve(".run.json.tmp");
    Files.writeString(temporary, GSON.toJson(json));
    Files.move(temporary, runDir.resolve("run.json"), StandardCopyOption.ATOMIC_MOVE);
  }

  /** The status recorded in {@code runDir/run.json}, or null when there is none. */
  public static String status(Path runDir) {
    Path file = runDir.resolve("run.json");
    if (!Files.exists(file)) {
      return null;
    }
    try {
      JsonObject json = GSON.fromJson(Files.readString(file), JsonObject.class);
      return json != null && json.has("status") ? json.get("status").getAsString() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The run recorded in {@code runDir/run.json}: what it trained, for comparing with a command
   * pointed at the folder; empty when there is no readable run.json.
   */
  public static java.util.Optional<RunIdentity> identity(Path runDir) {
    Path file = runDir.resolve("run.json");
    try {
      JsonObject json = GSON.fromJson(Files.readString(file), JsonObject.class);
      java.util.Map<String, String> hyperparameters = new java.util.TreeMap<>();
      json.getAsJsonObject("hyperparameters")
          .entrySet()
          .forEach(entry -> hyperparameters.put(entry.getKey(), entry.getValue().getAsString()));
      return java.util.Optional.of(
          new RunIdentity(
              json.get("algorithm").getAsString(),
              json.get("task").getAsString(),
              json.get("seed").getAsLong(),
              json.get("total_steps").getAsLong(),
              json.get("eval_every").getAsLong(),
              json.get("eval_episodes").getAsInt(),
              hyperparameters));
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  private static com.google.gson.JsonElement number(double value) {
    return Double.isFinite(value)
        ? new com.google.gson.JsonPrimitive(value)
        : com.google.gson.JsonNull.INSTANCE;
  }

  private static String projectVersion() {
    String version = RunMetadata.class.getPackage().getImplementationVersion();
    return version == null ? "development build" : version;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
