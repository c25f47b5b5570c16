package dev.diffsweep.trainer.bench;

import dev.diffsweep.trainer.agent.Agent;
import dev.diffsweep.trainer.agent.Transition;
import dev.diffsweep.trainer.env.TaskSpec;
import dev.diffsweep.trainer.env.VectorEnv;
import java.util.Random;

/**
 * Drives an agent through its own {@link Agent#act} and {@link Agent#observe} on random experience
 * in a task's sizes: Gaussian observations and rewards, episodes that never end. The agent trains
 * on its own schedule (after learning_starts, at a rollout's end), so what this times is the
 * training path a run takes, without the physics.
 */
public final class SyntheticExperience {
  private final TaskSpec spec;
  private final Random random;

  public SyntheticExperience(TaskSpec spec, long seed) {
    this.spec = spec;
    this.random = new Random(seed);
  }

  /** Runs {@code vectorSteps} steps; returns the seconds spent in observe, where training runs. */
  public double steps(Agent agent, int vectorSteps) {
    double observing = 0;
    for (int i = 0; i < vectorSteps; i++) {
      observing += step(agent);
    }
    return observing;
  }

  private double step(Agent agent) {
    int copies = agent.envCopies();
    double[][] observations = new double[copies][];
    double[][] next = new double[copies][];
    double[] rewards = new double[copies];
    for (int copy = 0; copy < copies; copy++) {
      observations[copy] = gaussians(spec.observationSize());
      next[copy] = gaussians(spec.observationSize());
      rewards[copy] = random.nextGaussian();
    }
    double[][] actions = agent.act(observations);
    boolean[] never = new boolean[copies];
    VectorEnv.Step step = new VectorEnv.Step(next, rewards, never, never, next);
    long start = System.nanoTime();
    agent.observe(Transition.of(observations, actions, step));
    return (System.nanoTime() - start) / 1e9;
  }

  private double[] gaussians(int count) {
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = random.nextGaussian();
    }
    return values;
  }
}
