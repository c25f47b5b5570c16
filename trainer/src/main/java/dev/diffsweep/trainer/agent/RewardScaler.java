package dev.diffsweep.trainer.agent;

import dev.diffsweep.trainer.state.StateReader;
import dev.diffsweep.trainer.state.StateWriter;
import java.io.IOException;

/**
 * Gymnasium's NormalizeReward followed by a clip, as CleanRL's PPO wraps its envs: rewards are
 * divided by the running standard deviation of the discounted return G = gamma G (1 - terminated) +
 * r, then clipped to [-clip, clip]. The mean is not subtracted (that would change the optimal
 * policy when episodes end).
 */
public final class RewardScaler {
  private static final double EPSILON = 1e-8;

  private final double gamma;
  private final double clip;
  private final RunningMeanStd returns = new RunningMeanStd(1);
  private double discountedReturn;

  public RewardScaler(double gamma, double clip) {
    this.gamma = gamma;
    this.clip = clip;
  }

  /** Updates the statistics with this step and returns its scaled reward. */
  public double scale(double reward, boolean terminated) {
    discountedReturn = discountedReturn * gamma + reward;
    returns.update(new double[] {discountedReturn});
    if (terminated) {
      discountedReturn = 0;
    }
    double scaled = reward / Math.sqrt(returns.variance(0) + EPSILON);
    return Math.max(-clip, Math.min(clip, scaled));
  }

  public void write(StateWriter out) throws IOException {
    out.writeTag("reward-scaler");
    out.writeDouble(discountedReturn);
    returns.write(out);
  }

  public void read(StateReader in) throws IOException {
    in.expectTag("reward-scaler");
    discountedReturn = in.readDouble();
    returns.read(in);
  }
}
