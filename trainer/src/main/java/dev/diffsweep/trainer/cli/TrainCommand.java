package dev.diffsweep.trainer.cli;

import dev.diffsweep.trainer.agent.ConfiguredAlgorithm;
import dev.diffsweep.trainer.env.TaskRegistry;
import dev.diffsweep.trainer.env.UnknownTaskException;
import dev.diffsweep.trainer.run.RunConfig;
import dev.diffsweep.trainer.run.RunOutcome;
import dev.diffsweep.trainer.run.TrainerRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains one agent on one task; rerunning the same command resumes from its checkpoint. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train one agent on one task for a step budget, writing RUN_DIR/run.json, episodes/ and"
          + " evaluations/ (Parquet) and checkpoint/.",
      "Rerunning the same command resumes from the last checkpoint.",
      "Env steps count every env copy's steps. With PPO/DiffPPO's --set num_envs=N the count moves"
          + " N at a time: the run ends (or stops) at the first count at or past --steps (--stop-at),"
          + " and evaluations and"
          + " checkpoints run at the first count at or past each multiple of --eval-every and"
          + " --checkpoint-every (exactly on it when these are multiples of N).",
      "Exit status: 0 completed (or stopped at --stop-at), 1 failed (e.g. a NaN loss), 2 bad input."
    })
final class TrainCommand implements Callable<Integer> {
  @Mixin AlgorithmChoice choice;

  @Option(names = "--env", required = true, description = "Task id (see `envs`).")
  String env;

  @Option(names = "--steps", required = true, description = "Env-step budget.")
  long steps;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Run seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, description = "Run folder.")
  Path out;

  @Option(names = "--run-id", description = "Id in the rows' trial_id (default: --out's name).")
  String runId;

  @Option(
      names = "--eval-every",
      defaultValue = "5000",
      description = "Env steps between evaluations (default ${DEFAULT-VALUE}).")
  long evalEvery;

  @Option(
      names = "--eval-episodes",
      defaultValue = "10",
      description = "Deterministic episodes per evaluation (default ${DEFAULT-VALUE}).")
  int evalEpisodes;

  @Option(
      names = "--checkpoint-every",
      defaultValue = "5000",
      description = "Env steps between checkpoints (default ${DEFAULT-VALUE}).")
  long checkpointEvery;

  @Option(
      names = "--stop-at",
      description =
          "Stop (checkpointed, run.json status `stopped`) at this many env steps of the --steps"
              + " budget; rerun with a larger value or without it to continue (a tuner's rungs).")
  Long stopAt;

  @Option(
      names = "--device",
      defaultValue = "cpu",
      description = "cpu, gpu or gpu:N (default ${DEFAULT-VALUE}).")
  String device;

  @Option(
      names = "--progress",
      negatable = true,
      description = "Progress bar (default: when the output is a terminal).")
  Boolean progress;

  @Override
  public Integer call() throws Exception {
    ConfiguredAlgorithm configured = choice.configure();
    if (!TaskRegistry.contains(env)) {
      throw new UnknownTaskException(env, TaskRegistry.ids());
    }
    Path runDir = out.toAbsolutePath().normalize();
    String trialId = runId != null ? runId : runDir.getFileName().toString();
    boolean showBar = progress != null ? progress : System.console() != null;
    RunConfig config =
        new RunConfig(
            configured,
            env,
            seed,
            steps,
            runDir,
            trialId,
            evalEvery,
            evalEpisodes,
            checkpointEvery,
            device,
            showBar);
    checkRunFolder(runDir);
    TrainerRun run = new TrainerRun(config, System.err);
    RunOutcome outcome = stopAt != null ? run.runUntil(stopAt) : run.run();
    if (!outcome.completed() && !outcome.stopped()) {
      System.err.println("diffsweep: run failed: " + outcome.error());
      return 1;
    }
    return 0;
  }

  /** The run folder must be a folder this process can create and write: bad input otherwise. */
  private void checkRunFolder(Path runDir) {
    if (Files.exists(runDir) && !Files.isDirectory(runDir)) {
      throw new IllegalArgumentException(
          "--out "
              + out
              + " is a file, not a run folder: give a folder (it is created if missing)");
    }
    try {
      Files.createDirectories(runDir);
      Path probe = Files.createTempFile(runDir, ".write-probe", "");
      Files.delete(probe);
    } catch (IOException | UnsupportedOperationException e) {
      throw new IllegalArgumentException(
          "--out "
              + out
              + ": cannot create or write the run folder ("
              + reason(e)
              + "): give a folder you can write");
    }
  }

  private static String reason(Exception e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException exists) {
      return exists.getFile() + " is a file";
    }
    if (e instanceof java.nio.file.FileSystemException fileSystem
        && fileSystem.getReason() != null) {
      return fileSystem.getReason();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
