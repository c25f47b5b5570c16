package dev.diffsweep.trainer.agent;

import dev.diffsweep.trainer.env.VectorEnv;
import java.util.ArrayList;
import java.util.List;

/** One environment step as an agent sees it; {@code action} is what the environment received. */
public record Transition(
    double[] observation,
    double[] action,
    double reward,
    double[] nextObservation,
    boolean terminated,
    boolean truncated) {

  /**
   * One vector step as the agent sees it, element i copy i's: from {@code observations[i]} under
   * {@code actions[i]}. A copy whose episode ended leads to its final observation, not to the
   * reset's first.
   */
  public static List<Transition> of(
      double[][] observations, double[][] actions, VectorEnv.Step step) {
    List<Transition> transitions = new ArrayList<>(observations.length);
    for (int copy = 0; copy < observations.length; copy++) {
      transitions.add(
          new Transition(
              observations[copy],
              actions[copy],
              step.rewards()[copy],
              step.done(copy) ? step.finalObservations()[copy] : step.observations()[copy],
              step.terminated()[copy],
              step.truncated()[copy]));
    }
    return transitions;
  }
}
