package dev.diffsweep.trainer.agent.ppo;

import dev.diffsweep.trainer.state.StateMismatchException;
import dev.diffsweep.trainer.state.StatePart;
import dev.diffsweep.trainer.state.StateReader;
import dev.diffsweep.trainer.state.StateWriter;
import java.io.IOException;

/**
 * Gymnasium's NormalizeReward followed by a clip, as CleanRL's PPO wraps its envs: rewards are
 * divided by the running standard deviation of the discounted return G = gamma G (1 - terminated) +
 * r, then clipped to [-clip, clip]. The mean is not subtracted (that would change the optimal
 * policy when episodes end).
 *
 * <p>With several environment copies each copy keeps its own discounted return, as CleanRL's
 * wrapper on each env does (a return runs along one episode). The statistics are shared, where
 * CleanRL's per-env wrappers keep one set each: every reward in a rollout is then divided by the
 * same scale, as every observation is normalised by the same statistics (the ones evaluation
 * applies, frozen).
 */
public final class RewardScaler implements StatePart {
  private static final double EPSILON = 1e-8;

  private final double gamma;
  private final double clip;
  private final RunningMeanStd returns = new RunningMeanStd(1);
  private final double[] discountedReturns;

  public RewardScaler(double gamma, double clip, int copies) {
    this.gamma = gamma;
    this.clip = clip;
    this.discountedReturns = new double[copies];
  }

  /** Updates the statistics with this step of copy {@code copy} and returns its scaled reward. */
  public double scale(int copy, double reward, boolean terminated) {
    discountedReturns[copy] = discountedReturns[copy] * gamma + reward;
    returns.update(new double[] {discountedReturns[copy]});
    if (terminated) {
      discountedReturns[copy] = 0;
    }
    double scaled = reward / Math.sqrt(returns.variance(0) + EPSILON);
    return Math.max(-clip, Math.min(clip, scaled));
  }

  @Override
  public void write(StateWriter out) throws IOException {
    out.writeTag("reward-scaler");
    out.writeDoubles(discountedReturns);
    returns.write(out);
  }

  @Override
  public void read(StateReader in) throws IOException {
    in.expectTag("reward-scaler");
    double[] stored = in.readDoubles();
    if (stored.length != discountedReturns.length) {
      throw new StateMismatchException(
          "stored reward scaler has "
              + stored.length
              + " copies' returns, this one "
              + discountedReturns.length);
    }
    System.arraycopy(stored, 0, discountedReturns, 0, stored.length);
    returns.read(in);
  }
}
