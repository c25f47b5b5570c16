package dev.diffsweep.trainer.run;

import ai.djl.Device;
import dev.diffsweep.trainer.agent.Agent;
import dev.diffsweep.trainer.agent.AgentContext;
import dev.diffsweep.trainer.agent.NonFiniteLossException;
import dev.diffsweep.trainer.agent.TrainingDiagnostics;
import dev.diffsweep.trainer.agent.Transition;
import dev.diffsweep.trainer.env.Task;
import dev.diffsweep.trainer.env.TaskRegistry;
import dev.diffsweep.trainer.env.TaskSpec;
import dev.diffsweep.trainer.env.VectorEnv;
import dev.diffsweep.trainer.nn.ComputeDevice;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Trains one agent on one task for a step budget: the loop of act, step, observe over the agent's
 * {@link Agent#envCopies} copies of the task, stepped as one vector (one copy for most agents); a
 * deterministic evaluation every {@code evalEvery} env steps and at the end; a checkpoint every
 * {@code checkpointEvery} env steps. Metric rows since the last checkpoint are held in memory and
 * written as part files together with the next checkpoint, so a killed run resumes from its
 * checkpoint and rewrites exactly the rows after it.
 *
 * <p>Env steps count every copy's steps, so with N copies the count advances by N per vector step:
 * an evaluation or checkpoint runs at the first count at or past each multiple of its interval
 * (exactly on it when the interval is a multiple of N), and the run ends at the first count at or
 * past the budget, at most N - 1 steps beyond it.
 */
public final class TrainerRun {
  /** Training episodes of the first (or only) env copy reset with seeds from this stream. */
  static final long TRAINING_SEED_STREAM = 0;

  private final RunConfig config;
  private final Supplier<Task> tasks;
  private final PrintStream log;

  public TrainerRun(RunConfig config, PrintStream log) {
    this(config, () -> TaskRegistry.create(config.task()), log);
  }

  /** With a task source other than the registry (tests use small synthetic tasks). */
  public TrainerRun(RunConfig config, Supplier<Task> tasks, PrintStream log) {
    this.config = config;
    this.tasks = tasks;
    this.log = log;
  }

  /**
   * Runs (or resumes, or recognises as finished) the run.
   *
   * @throws IllegalArgumentException for bad input: an unknown task, a mismatched or corrupt
   *     checkpoint, an unusable device
   */
  public RunOutcome run() throws IOException {
    return runUntil(config.totalSteps());
  }

  /**
   * Trains only up to {@code stopAt} env steps of the budget, then checkpoints and stops with
   * run.json saying {@code stopped}; a later call with a larger {@code stopAt} (or {@link #run})
   * resumes from there, exactly as if it had never stopped. A tuner trains a trial rung by rung
   * this way. A run already at or past {@code stopAt} trains nothing.
   */
  public RunOutcome runUntil(long stopAt) throws IOException {
    if (stopAt <= 0 || stopAt > config.totalSteps()) {
      throw new IllegalArgumentException(
          "--stop-at must be between 1 and --steps (" + config.totalSteps() + "), got " + stopAt);
    }
    Files.createDirectories(config.outDir());
    warnIfNeverTrains();
    if ("completed".equals(RunMetadata.status(config.outDir()))) {
      refuseAnotherRunsFolder();
      Checkpoints existing = new Checkpoints(config.outDir());
      if (existing.exists()) {
        // Refuses a different command pointed at a finished run's folder.
        try (Agent probe = newAgent(TaskRegistry.create(config.task()))) {
          existing.load(config, probe);
        }
      }
      log.println("diffsweep: run in " + config.outDir() + " had already completed");
      return new RunOutcome(true, config.totalSteps(), Double.NaN, null);
    }
    Device device = ComputeDevice.select(config.device());
    try (VectorEnv training = new VectorEnv(tasks, config.seed(), TrainerRun::trainingSeedStream);
        Task evaluationTask = tasks.get();
        Agent agent = newAgent(training.spec(), device)) {
      training.growTo(agent.envCopies());
      noteScheduleOffTheCopiesGrid(training.size(), stopAt);
      return new Loop(
              training,
              new Evaluation(evaluationTask, config.seed(), config.evalEpisodes()),
              agent,
              device)
          .run(stopAt);
    }
  }

  /**
   * A completed run folder belongs to the run that completed there: a command for another run
   * (another seed, algorithm, task, budget or hyperparameters) is refused, not told "already
   * completed". A run too short to checkpoint leaves only its run.json to say which run it was.
   */
  private void refuseAnotherRunsFolder() {
    RunIdentity wanted = config.identity();
    RunIdentity existing = RunMetadata.identity(config.outDir()).orElse(null);
    if (existing == null) {
      return;
    }
    List<String> differences = config.differencesFrom(existing);
    if (!differences.isEmpty()) {
      throw new IllegalArgumentException(
          String.format(
              "%s holds a completed run of %s on %s, seed %d, which is not this one (%s);"
                  + " give this run (%s on %s, seed %d) its own --out",
              config.outDir(),
              existing.algorithm(),
              existing.task(),
              existing.seed(),
              String.join(", ", differences),
              wanted.algorithm(),
              wanted.task(),
              wanted.seed()));
    }
  }

  /** An off-policy agent that would start learning at or after the end of its budget. */
  private void warnIfNeverTrains() {
    String learningStarts = config.algorithm().hyperparameters().get("learning_starts");
    if (learningStarts == null) {
      return;
    }
    double starts = Double.parseDouble(learningStarts);
    if (starts >= config.totalSteps()) {
      log.printf(
          "diffsweep: warning: learning_starts %s is not below --steps %d, so %s only collects"
              + " experience and never trains; lower learning_starts or raise --steps%n",
          learningStarts, config.totalSteps(), config.algorithm().name());
    }
  }

  /**
   * Says which of the step counts are no multiples of the number of env copies: the loop reaches
   * only multiples of it, so those evaluations, checkpoints or the end come up to N - 1 steps late
   * and their rows sit off the grid that other runs' rows are on.
   */
  private void noteScheduleOffTheCopiesGrid(int copies, long stopAt) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("--steps", config.totalSteps());
    if (stopAt != config.totalSteps()) {
      counts.put("--stop-at", stopAt);
    }
    counts.put("--eval-every", config.evalEvery());
    counts.put("--checkpoint-every", config.checkpointEvery());
    List<String> offGrid = new ArrayList<>();
    counts.forEach(
        (option, count) -> {
          if (count % copies != 0) {
            offGrid.add(option + " " + count);
          }
        });
    if (!offGrid.isEmpty()) {
      log.printf(
          "diffsweep: with %d env copies the env-step count moves %d at a time, and %s: no"
              + " multiples of %d, so these happen at the first count at or past each multiple%n",
          copies, copies, String.join(", ", offGrid), copies);
    }
  }

  /**
   * The seed stream of training copy {@code copy}: copy 0 keeps the stream a one-env run has always
   * used; the others skip the evaluation's stream, so training never starts from an evaluation
   * episode's initial state.
   */
  static long trainingSeedStream(int copy) {
    return copy == 0 ? TRAINING_SEED_STREAM : Evaluation.SEED_STREAM + copy;
  }

  private Agent newAgent(Task task) {
    try (task) {
      return newAgent(task.spec(), Device.cpu());
    }
  }

  private Agent newAgent(TaskSpec spec, Device device) {
    return config
        .algorithm()
        .create(spec, new AgentContext(device, config.seed(), config.totalSteps()));
  }

  /** The state of one invocation's training loop. */
  private final class Loop {
    private final VectorEnv training;
    private final Evaluation evaluation;
    private final Agent agent;
    private final String deviceName;
    private final Checkpoints checkpoints;
    private final MetricsTables tables;
    private final List<EpisodeRow> pendingEpisodes = new ArrayList<>();
    private final List<EvaluationRow> pendingEvaluations = new ArrayList<>();
    private RunState state = new RunState();
    private long clockOrigin;
    private double[][] observations;

    Loop(VectorEnv training, Evaluation evaluation, Agent agent, Device device) throws IOException {
      this.training = training;
      this.evaluation = evaluation;
      this.agent = agent;
      this.deviceName = device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
      this.checkpoints = new Checkpoints(config.outDir());
      this.tables = new MetricsTables(config.outDir());
    }

    RunOutcome run(long stopAt) throws IOException {
      boolean resumed = checkpoints.exists();
      if (resumed) {
        state = checkpoints.load(config, agent);
        if (state.envSteps >= stopAt) {
          log.printf(
              "diffsweep: run in %s is at %d env steps already; nothing to train%n",
              config.outDir(), state.envSteps);
          return RunOutcome.stopped(state.envSteps, state.finalEvalReturn);
        }
        observations = replayEpisodesInProgress();
      } else {
        observations = training.reset();
        state.episodesInProgress = new RunState.EpisodeInProgress[training.size()];
        for (int copy = 0; copy < training.size(); copy++) {
          state.episodesInProgress[copy] = newEpisode(copy);
        }
      }
      try {
        return trainFrom(resumed, stopAt);
      } catch (IOException e) {
        return failedToWrite(e);
      }
    }

    private RunOutcome trainFrom(boolean resumed, long stopAt) throws IOException {
      // Parts after the checkpoint hold rows this invocation writes again.
      tables.deletePartsFrom(state.partsWritten);
      clockOrigin = System.nanoTime() - (long) (state.wallTimeS * 1e9);
      RunMetadata.write(config.outDir(), config, "running", state, null, deviceName);
      if (resumed) {
        log.printf(
            "diffsweep: resuming %s from its checkpoint at %d env steps%n",
            config.outDir(), state.envSteps);
      }
      try (ProgressReporter progress =
          new ProgressReporter(
              config.algorithm().name() + " " + config.task(),
              config.totalSteps(),
              state.envSteps,
              config.progress(),
              log)) {
        train(progress, stopAt);
      } catch (NonFiniteLossException e) {
        state.wallTimeS = elapsed();
        String error =
            "training diverged: " + e.getMessage() + "; the last good checkpoint is kept";
        RunMetadata.write(
            config.outDir(), config, "failed", lastCheckpointState(), error, deviceName);
        return new RunOutcome(false, state.envSteps, state.finalEvalReturn, error);
      }
      if (state.envSteps < config.totalSteps()) {
        if (lastCheckpoint == null || lastCheckpoint.envSteps < state.envSteps) {
          checkpoint();
        }
        RunMetadata.write(config.outDir(), config, "stopped", state, null, deviceName);
        log.printf(
            "diffsweep: stopped at %d of %d env steps as asked; rerun to continue%n",
            state.envSteps, config.totalSteps());
        return RunOutcome.stopped(state.envSteps, state.finalEvalReturn);
      }
      state.wallTimeS = elapsed();
      tables.writePart(state.partsWritten++, pendingEpisodes, pendingEvaluations);
      RunMetadata.write(config.outDir(), config, "completed", state, null, deviceName);
      log.printf(
          "diffsweep: %s on %s completed %d env steps in %.0f s; final evaluation return %.1f;"
              + " output in %s%n",
          config.algorithm().name(),
          config.task(),
          state.envSteps,
          state.wallTimeS,
          state.finalEvalReturn,
          config.outDir());
      return new RunOutcome(true, state.envSteps, state.finalEvalReturn, null);
    }

    private void train(ProgressReporter progress, long stopAt) throws IOException {
      int copies = training.size();
      while (state.envSteps < stopAt) {
        long before = state.envSteps;
        double[][] actions = agent.act(observations);
        VectorEnv.Step step = training.step(actions);
        agent.observe(Transition.of(observations, actions, step));
        state.envSteps += copies;
        for (int copy = 0; copy < copies; copy++) {
          state.episodesInProgress[copy].add(actions[copy], step.rewards()[copy]);
          if (step.done(copy)) {
            finishEpisode(copy, step.terminated()[copy], step.truncated()[copy]);
          }
        }
        observations = step.observations();
        if (crossedMultiple(before, config.evalEvery())
            || before < config.totalSteps() && state.envSteps >= config.totalSteps()) {
          evaluate(progress);
        }
        if (crossedMultiple(before, config.checkpointEvery())
            && state.envSteps < config.totalSteps()) {
          checkpoint();
        }
        progress.stepTo(state.envSteps);
      }
    }

    /** Whether the last vector step took the count from {@code before} to or past a multiple. */
    private boolean crossedMultiple(long before, long interval) {
      return before / interval != state.envSteps / interval;
    }

    /** Rows count episodes of all copies together; env_step is the count after the vector step. */
    private void finishEpisode(int copy, boolean terminated, boolean truncated) {
      RunState.EpisodeInProgress episode = state.episodesInProgress[copy];
      pendingEpisodes.add(
          new EpisodeRow(
              config.trialId(),
              state.episodesCompleted,
              state.envSteps,
              episode.episodeReturn,
              episode.length,
              terminated,
              truncated,
              elapsed()));
      state.episodesCompleted++;
      state.episodesInProgress[copy] = newEpisode(copy);
    }

    /** The episode the copy has just started (the vector env resets a copy when it is done). */
    private RunState.EpisodeInProgress newEpisode(int copy) {
      RunState.EpisodeInProgress episode = new RunState.EpisodeInProgress();
      episode.episode = training.episodeInProgress(copy);
      return episode;
    }

    private void evaluate(ProgressReporter progress) {
      Evaluation.Result result = evaluation.run(agent);
      double now = elapsed();
      double stepsPerS =
          (state.envSteps - state.lastEvalEnvStep) / Math.max(1e-9, now - state.lastEvalWallTimeS);
      TrainingDiagnostics diagnostics = agent.diagnostics();
      pendingEvaluations.add(
          new EvaluationRow(
              config.trialId(),
              state.envSteps,
              result.mean(),
              result.std(),
              result.episodes(),
              diagnostics.actorLoss(),
              diagnostics.criticLoss(),
              diagnostics.alpha(),
              diagnostics.entropy(),
              stepsPerS,
              now));
      state.lastEvalEnvStep = state.envSteps;
      state.lastEvalWallTimeS = now;
      state.finalEvalReturn = result.mean();
      state.bestEvalReturn =
          Double.isNaN(state.bestEvalReturn)
              ? result.mean()
              : Math.max(state.bestEvalReturn, result.mean());
      progress.evaluated(state.envSteps, result.mean(), stepsPerS);
    }

    /** Part files first, then the checkpoint that records them (see MetricsTables). */
    private void checkpoint() throws IOException {
      state.wallTimeS = elapsed();
      tables.writePart(state.partsWritten, pendingEpisodes, pendingEvaluations);
      state.partsWritten++;
      checkpoints.save(config.identity(), state, agent);
      pendingEpisodes.clear();
      pendingEvaluations.clear();
      RunMetadata.write(config.outDir(), config, "running", state, null, deviceName);
      lastCheckpoint = copyOf(state);
    }

    private RunState lastCheckpoint;

    /**
     * A write into the run folder failed (a full disk, a lost mount). Nothing half-written stays:
     * the temporary files go, and so do the parts the last checkpoint does not cover (a resumed run
     * writes their rows again); run.json says failed and why, so the same command, once the cause
     * is fixed, resumes from that checkpoint.
     */
    private RunOutcome failedToWrite(IOException cause) {
      state.wallTimeS = elapsed();
      RunState kept = lastCheckpointState();
      String fix =
          String.valueOf(cause.getMessage()).contains("No space left")
              ? "free space there (or give --out on another disk)"
              : "fix that";
      String error =
          String.format(
              "cannot write %s: %s; %s and rerun the same command: it resumes from %s",
              cause instanceof FileSystemException f && f.getFile() != null
                  ? f.getFile()
                  : "into the run folder " + config.outDir(),
              cause instanceof FileSystemException f && f.getReason() != null
                  ? f.getReason()
                  : cause.getMessage(),
              fix,
              lastCheckpoint != null
                  ? "its checkpoint at " + kept.envSteps + " env steps"
                  : "the start (no checkpoint was written yet)");
      try {
        RunFolders.deleteTemporaries(config.outDir());
        tables.deletePartsFrom(kept.partsWritten);
        RunMetadata.write(config.outDir(), config, "failed", kept, error, deviceName);
      } catch (IOException again) {
        error += " (tidying the run folder failed too: " + again.getMessage() + ")";
      }
      return new RunOutcome(false, kept.envSteps, state.finalEvalReturn, error);
    }

    /** What run.json reports after a failure: the counters of the checkpoint that stays. */
    private RunState lastCheckpointState() {
      RunState reported = lastCheckpoint != null ? copyOf(lastCheckpoint) : new RunState();
      reported.wallTimeS = state.wallTimeS;
      return reported;
    }

    /** Puts every copy back into its episode in progress at the checkpoint. */
    private double[][] replayEpisodesInProgress() {
      RunState.EpisodeInProgress[] episodes = state.episodesInProgress;
      if (episodes.length != training.size()) {
        throw new CheckpointException(
            "checkpoint has "
                + episodes.length
                + " env copies' episodes in progress, the agent trains on "
                + training.size());
      }
      double[][] reached = new double[episodes.length][];
      for (int copy = 0; copy < episodes.length; copy++) {
        reached[copy] =
            training.resumeEpisode(
                copy, episodes[copy].episode, episodes[copy].actions.toArray(new double[0][]));
      }
      lastCheckpoint = copyOf(state);
      return reached;
    }

    private double elapsed() {
      return (System.nanoTime() - clockOrigin) / 1e9;
    }
  }

  private static RunState copyOf(RunState source) {
    RunState copy = new RunState();
    copy.envSteps = source.envSteps;
    copy.episodesCompleted = source.episodesCompleted;
    copy.episodesInProgress = new RunState.EpisodeInProgress[source.episodesInProgress.length];
    for (int i = 0; i < copy.episodesInProgress.length; i++) {
      copy.episodesInProgress[i] = source.episodesInProgress[i].copy();
    }
    copy.partsWritten = source.partsWritten;
    copy.wallTimeS = source.wallTimeS;
    copy.lastEvalEnvStep = source.lastEvalEnvStep;
    copy.lastEvalWallTimeS = source.lastEvalWallTimeS;
    copy.finalEvalReturn = source.finalEvalReturn;
    copy.bestEvalReturn = source.bestEvalReturn;
    return copy;
  }
}
