package dev.diffsweep.trainer.cli;

import dev.diffsweep.trainer.env.EpisodeSeeds;
import dev.diffsweep.trainer.env.StepResult;
import dev.diffsweep.trainer.env.Task;
import dev.diffsweep.trainer.env.TaskRegistry;
import dev.diffsweep.trainer.env.TaskSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs a uniform-random policy: a smoke test of a task and a first speed reading. */
@Command(
    name = "rollout",
    description = "Random-policy rollout: episodes, mean return, env steps/s.")
final class RolloutCommand implements Callable<Integer> {
  @Option(
      names = "--env",
      required = true,
      description = "Task id (see `envs`), or `all` for every task.")
  String env;

  @Option(names = "--steps", defaultValue = "1000", description = "Env steps per task.")
  int steps;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of resets and actions.")
  long seed;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    if (steps <= 0) {
      throw new IllegalArgumentException("--steps must be positive, got " + steps);
    }
    PrintWriter out = command.commandLine().getOut();
    List<String> ids = env.equals("all") ? TaskRegistry.ids() : List.of(env);
    out.printf(
        "%-28s %8s %9s %12s %12s%n", "task", "steps", "episodes", "mean_return", "steps_per_s");
    for (String id : ids) {
      RolloutStats stats = rollout(id);
      out.printf(
          "%-28s %8d %9d %12.2f %12.0f%n",
          id, steps, stats.episodes, stats.meanReturn(), stats.stepsPerSecond());
      out.flush();
    }
    return 0;
  }

  private record RolloutStats(int episodes, double returnSum, double seconds, int steps) {
    double meanReturn() {
      return episodes == 0 ? Double.NaN : returnSum / episodes;
    }

    double stepsPerSecond() {
      return steps / seconds;
    }
  }

  private RolloutStats rollout(String id) {
    try (Task task = TaskRegistry.create(id)) {
      TaskSpec spec = task.spec();
      SplittableRandom random = new SplittableRandom(seed);
      double[] action = new double[spec.actionSize()];
      int episodes = 0;
      double episodeReturn = 0;
      double returnSum = 0;
      long start = System.nanoTime();
      task.reset(EpisodeSeeds.derive(seed, 0, 0));
      for (int t = 0; t < steps; t++) {
        for (int i = 0; i < action.length; i++) {
          action[i] = random.nextDouble(spec.actionLow()[i], spec.actionHigh()[i]);
        }
        StepResult result = task.step(action);
        episodeReturn += result.reward();
        if (result.done()) {
          episodes++;
          returnSum += episodeReturn;
          episodeReturn = 0;
          task.reset(EpisodeSeeds.derive(seed, 0, episodes));
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new RolloutStats(episodes, returnSum, seconds, steps);
    }
  }
}
