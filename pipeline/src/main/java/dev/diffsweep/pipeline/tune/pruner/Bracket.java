package dev.diffsweep.pipeline.tune.pruner;

/**
 * How a cohort of trials starts: at which rung, and how many trials it has at most.
 *
 * @param startRung the first rung the cohort trains to (Hyperband's brackets skip low rungs)
 * @param size how many trials start together
 */
public record Bracket(int startRung, int size) {

  public Bracket {
    if (startRung < 0 || size < 1) {
      throw new IllegalArgumentException("need startRung >= 0 and size >= 1");
    }
  }
}
