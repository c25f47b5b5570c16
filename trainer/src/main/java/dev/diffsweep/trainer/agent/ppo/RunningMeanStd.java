package dev.diffsweep.trainer.agent.ppo;

import dev.diffsweep.trainer.state.StatePart;
import dev.diffsweep.trainer.state.StateReader;
import dev.diffsweep.trainer.state.StateWriter;
import java.io.IOException;

/**
 * Running mean and (population) variance per component, merged batch by batch with Chan et al.'s
 * parallel formula, starting from count 1e-4 as Gymnasium's RunningMeanStd (so the first update is
 * not a division by zero and an unseen component normalises to itself).
 */
public final class RunningMeanStd implements StatePart {
  private static final double INITIAL_COUNT = 1e-4;

  private final double[] mean;
  private final double[] variance;
  private double count = INITIAL_COUNT;

  public RunningMeanStd(int size) {
    this.mean = new double[size];
    this.variance = new double[size];
    java.util.Arrays.fill(variance, 1.0);
  }

  /** Adds one sample. */
  public void update(double[] sample) {
    double total = count + 1;
    for (int i = 0; i < mean.length; i++) {
      double delta = sample[i] - mean[i];
      mean[i] += delta / total;
      // Chan et al. with a batch of one (batch variance 0).
      variance[i] = (variance[i] * count + delta * delta * count / total) / total;
    }
    count = total;
  }

  /** (x - mean) / sqrt(var + epsilon), clipped to [-clip, clip]. */
  public float[] normalize(double[] sample, double epsilon, double clip) {
    float[] normalized = new float[mean.length];
    for (int i = 0; i < mean.length; i++) {
      double z = (sample[i] - mean[i]) / Math.sqrt(variance[i] + epsilon);
      normalized[i] = (float) Math.max(-clip, Math.min(clip, z));
    }
    return normalized;
  }

  public double mean(int i) {
    return mean[i];
  }

  public double variance(int i) {
    return variance[i];
  }

  public double count() {
    return count;
  }

  @Override
  public void write(StateWriter out) throws IOException {
    out.writeTag("running-mean-std");
    out.writeDouble(count);
    out.writeDoubles(mean);
    out.writeDoubles(variance);
  }

  @Override
  public void read(StateReader in) throws IOException {
    in.expectTag("running-mean-std");
    count = in.readDouble();
    double[] storedMean = in.readDoubles();
    double[] storedVariance = in.readDoubles();
    if (storedMean.length != mean.length || storedVariance.length != variance.length) {
      throw new dev.diffsweep.trainer.state.StateMismatchException(
          "stored statistics have " + storedMean.length + " components, these " + mean.length);
    }
    System.arraycopy(storedMean, 0, mean, 0, mean.length);
    System.arraycopy(storedVariance, 0, variance, 0, variance.length);
  }
}
