package dev.diffsweep.trainer.agent;

/**
 * The latest training signals an evaluation row records; NaN until the agent has trained. {@code
 * entropy} is the agent's entropy estimate (-E[log pi], or -E[chain log-ratio] for a diffusion
 * policy, a lower bound of the true entropy).
 */
public record TrainingDiagnostics(
    double actorLoss, double criticLoss, double alpha, double entropy) {
  public static final TrainingDiagnostics NONE =
      new TrainingDiagnostics(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}
