package dev.diffsweep.trainer.agent;

import java.util.List;

/** An agent that trains on one copy of the environment: a vector step is one single step. */
public interface SingleCopyAgent extends Agent {

  /** An exploration action (may be random, e.g. before learning starts). */
  double[] act(double[] observation);

  /** Records a step; may run gradient updates. */
  void observe(Transition transition);

  @Override
  default double[][] act(double[][] observations) {
    requireOneCopy(observations.length);
    return new double[][] {act(observations[0])};
  }

  @Override
  default void observe(List<Transition> transitions) {
    requireOneCopy(transitions.size());
    observe(transitions.get(0));
  }

  private static void requireOneCopy(int copies) {
    if (copies != 1) {
      throw new IllegalArgumentException("this agent trains on one env copy, got " + copies);
    }
  }
}
