package dev.diffsweep.trainer.agent;

import dev.diffsweep.trainer.state.StatePart;
import dev.diffsweep.trainer.state.StateReader;
import dev.diffsweep.trainer.state.StateWriter;
import java.io.IOException;

/**
 * The entropy temperature alpha. With automatic tuning (Haarnoja et al. 2018b) log(alpha) follows
 * Adam on J(alpha) = E[-alpha (log pi + H_target)]; its gradient is analytic, so the update is
 * plain Java. One instance per agent, read by every loss: the critic target and the actor loss
 * always see the same alpha.
 */
public final class Temperature implements StatePart {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  /** The value of a fixed temperature as given: exp(log(0.01)) would be 0.010000000000000004. */
  private final double fixedAlpha;

  /** What automatic tuning aims at and how fast; null for a fixed temperature. */
  private final Tuning tuning;

  private double logAlpha;
  private double firstMoment;
  private double secondMoment;
  private long steps;

  private record Tuning(double targetEntropy, double learningRate) {}

  /** A fixed temperature. */
  public static Temperature fixed(double alpha) {
    return new Temperature(alpha, null, Math.log(alpha));
  }

  /** A tuned temperature starting at alpha = 1 (log alpha = 0), as CleanRL. */
  public static Temperature tuned(double targetEntropy, double learningRate) {
    return tuned(1.0, targetEntropy, learningRate);
  }

  /** A tuned temperature starting at {@code initialAlpha}. */
  public static Temperature tuned(double initialAlpha, double targetEntropy, double learningRate) {
    return new Temperature(
        Double.NaN, new Tuning(targetEntropy, learningRate), Math.log(initialAlpha));
  }

  private Temperature(double fixedAlpha, Tuning tuning, double logAlpha) {
    this.fixedAlpha = fixedAlpha;
    this.tuning = tuning;
    this.logAlpha = logAlpha;
  }

  public double alpha() {
    return tuning == null ? fixedAlpha : Math.exp(logAlpha);
  }

  /**
   * One Adam step on log(alpha) given the batch mean of log pi (for the diffusion policy, of the
   * chain log-ratio). dJ/d(log alpha) = -alpha (mean log pi + H_target).
   */
  public void update(double meanLogDensity) {
    if (tuning == null) {
      return;
    }
    double gradient = -alpha() * (meanLogDensity + tuning.targetEntropy());
    steps++;
    firstMoment = BETA1 * firstMoment + (1 - BETA1) * gradient;
    secondMoment = BETA2 * secondMoment + (1 - BETA2) * gradient * gradient;
    double mHat = firstMoment / (1 - Math.pow(BETA1, steps));
    double vHat = secondMoment / (1 - Math.pow(BETA2, steps));
    logAlpha -= tuning.learningRate() * mHat / (Math.sqrt(vHat) + EPSILON);
  }

  @Override
  public void write(StateWriter out) throws IOException {
    out.writeTag("temperature");
    out.writeDouble(logAlpha);
    out.writeDouble(firstMoment);
    out.writeDouble(secondMoment);
    out.writeLong(steps);
  }

  @Override
  public void read(StateReader in) throws IOException {
    in.expectTag("temperature");
    logAlpha = in.readDouble();
    firstMoment = in.readDouble();
    secondMoment = in.readDouble();
    steps = in.readLong();
  }
}
