package dev.diffsweep.trainer.run;

import dev.diffsweep.trainer.agent.Agent;
import dev.diffsweep.trainer.env.EpisodeSeeds;
import dev.diffsweep.trainer.env.StepResult;
import dev.diffsweep.trainer.env.Task;

/**
 * N episodes with the agent's deterministic action on a task instance of its own. Every evaluation
 * of a run uses the same N reset seeds (stream 1 of the run seed; training uses stream 0), so
 * successive evaluations differ only by the policy.
 */
public final class Evaluation {
  static final long SEED_STREAM = 1;

  private final Task task;
  private final long runSeed;
  private final int episodes;

  public record Result(double mean, double std, int episodes) {}

  public Evaluation(Task task, long runSeed, int episodes) {
    this.task = task;
    this.runSeed = runSeed;
    this.episodes = episodes;
  }

  public Result run(Agent agent) {
    double[] returns = new double[episodes];
    for (int e = 0; e < episodes; e++) {
      double[] observation = task.reset(EpisodeSeeds.derive(runSeed, SEED_STREAM, e));
      double total = 0;
      while (true) {
        StepResult result = task.step(agent.actDeterministic(observation));
        total += result.reward();
        observation = result.observation();
        if (result.done()) {
          break;
        }
      }
      returns[e] = total;
    }
    double mean = 0;
    for (double r : returns) {
      mean += r / episodes;
    }
    double variance = 0;
    for (double r : returns) {
      variance += (r - mean) * (r - mean) / episodes;
    }
    return new Result(mean, Math.sqrt(variance), episodes);
  }
}
