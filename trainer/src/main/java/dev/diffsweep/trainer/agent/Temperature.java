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

  private final boolean autotune;

  /** The value of a fixed temperature as given: exp(log(0.01)) would be 0.010000000000000004. */
  private final double fixedAlpha;

  private final double targetEntropy;
  private final double learningRate;
  private double logAlpha;
  private double firstMoment;
  private double secondMoment;
  private long steps;

  /** A fixed temperature. */
  public static Temperature fixed(double alpha) {
    return new Temperature(false, alpha, Math.log(alpha), Double.NaN, 0);
  }

  /** A tuned temperature starting at alpha = 1 (log alpha = 0), as CleanRL. */
  public static Temperature tuned(double targetEntropy, double learningRate) {
    return tuned(1.0, targetEntropy, learningRate);
  }

  /** A tuned temperature starting at {@code initialAlpha}. */
  public static Temperature tuned(double initialAlpha, double targetEntropy, double learningRate) {
    return new Temperature(true, Double.NaN, Math.log(initialAlpha), targetEntropy, learningRate);
  }

  private Temperature(
      boolean autotune,
      double fixedAlpha,
      double logAlpha,
      double targetEntropy,
      double learningRate) {
    this.autotune = autotune;
    this.fixedAlpha = fixedAlpha;
    this.logAlpha = logAlpha;
    this.targetEntropy = targetEntropy;
    this.learningRate = learningRate;
  }

  public double alpha() {
    return autotune ? Math.exp(logAlpha) : fixedAlpha;
  }

  public boolean autotune() {
    return autotune;
  }

  public double targetEntropy() {
    return targetEntropy;
  }

  /**
   * One Adam step on log(alpha) given the batch mean of log pi (for the diffusion policy, of the
   * chain log-ratio). dJ/d(log alpha) = -alpha (mean log pi + H_target).
   */
  public void update(double meanLogDensity) {
    if (!autotune) {
      return;
    }
    double gradient = -alpha() * (meanLogDensity + targetEntropy);
    steps++;
    firstMoment = BETA1 * firstMoment + (1 - BETA1) * gradient;
    secondMoment = BETA2 * secondMoment + (1 - BETA2) * gradient * gradient;
    double mHat = firstMoment / (1 - Math.pow(BETA1, steps));
    double vHat = secondMoment / (1 - Math.pow(BETA2, steps));
    logAlpha -= learningRate * mHat / (Math.sqrt(vHat) + EPSILON);
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
