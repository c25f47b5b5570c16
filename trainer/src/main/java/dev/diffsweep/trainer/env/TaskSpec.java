package dev.diffsweep.trainer.env;

/**
 * What an agent needs to know about a task before it starts: sizes, action bounds, the time one
 * step covers and the episode length at which it is truncated.
 */
public record TaskSpec(
    String id,
    int observationSize,
    double[] actionLow,
    double[] actionHigh,
    double dt,
    int maxEpisodeSteps) {

  public int actionSize() {
    return actionLow.length;
  }
}
