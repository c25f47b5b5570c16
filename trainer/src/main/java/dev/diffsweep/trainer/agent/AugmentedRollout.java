package dev.diffsweep.trainer.agent;

import dev.diffsweep.trainer.state.StateMismatchException;
import dev.diffsweep.trainer.state.StateReader;
import dev.diffsweep.trainer.state.StateWriter;
import java.io.IOException;

/**
 * An on-policy rollout of T environment steps, each K augmented transitions of the
 * diffusion-augmented MDP (ALGORITHMS.md section 4): row t K + k is the augmented state (s_t, x_k,
 * k) with action x_{k+1}, its log-density under the acting policy, its log-ratio l_k and value. The
 * bookkeeping lives here:
 *
 * <ul>
 *   <li>reward of row k: -alpha l_k, plus the environment reward on the last step k = K - 1;
 *   <li>discount gamma and trace lambda across environment steps (k = K - 1), 1 and chain_lambda
 *       inside the chain;
 *   <li>terminated and truncated only on environment steps; after a truncation, and after the last
 *       row, the next value is the one supplied for the state that followed.
 * </ul>
 *
 * With K = 1 and alpha = 0 it is an ordinary PPO rollout.
 */
public final class AugmentedRollout {
  private final int capacity;
  private final int steps;
  private final int observationSize;
  private final int actionSize;
  private final float[] observations;
  private final float[] states;
  private final float[] logDensities;
  private final float[] logRatios;
  private final float[] values;
  private final double[] envRewards;
  private final boolean[] terminated;
  private final boolean[] truncated;
  private final double[] followingValues;
  private int size;

  /** What PPO regresses on and weights by, per row. */
  public record Targets(double[] advantages, double[] returns) {}

  public AugmentedRollout(int envSteps, int chainSteps, int observationSize, int actionSize) {
    this.capacity = envSteps;
    this.steps = chainSteps;
    this.observationSize = observationSize;
    this.actionSize = actionSize;
    this.observations = new float[envSteps * observationSize];
    this.states = new float[envSteps * (chainSteps + 1) * actionSize];
    this.logDensities = new float[envSteps * chainSteps];
    this.logRatios = new float[envSteps * chainSteps];
    this.values = new float[envSteps * chainSteps];
    this.envRewards = new double[envSteps];
    this.terminated = new boolean[envSteps];
    this.truncated = new boolean[envSteps];
    this.followingValues = new double[envSteps];
  }

  /**
   * Records one environment step.
   *
   * @param chain x_0 .. x_K, (K + 1) d values
   * @param stepLogDensities log F(x_{k+1} | x_k, s, k) under the acting policy, K values
   * @param stepLogRatios l_k, K values
   * @param stepValues V(s, x_k, k), K values
   * @param reward the (scaled) environment reward
   * @param valueAfter the value of the state after this step when the rollout cannot supply it: the
   *     final observation's at a truncation; ignored otherwise (see {@link #finish})
   */
  public void add(
      float[] observation,
      float[] chain,
      float[] stepLogDensities,
      float[] stepLogRatios,
      float[] stepValues,
      double reward,
      boolean isTerminated,
      boolean isTruncated,
      double valueAfter) {
    if (full()) {
      throw new IllegalStateException("rollout is full");
    }
    System.arraycopy(observation, 0, observations, size * observationSize, observationSize);
    System.arraycopy(chain, 0, states, size * (steps + 1) * actionSize, (steps + 1) * actionSize);
    System.arraycopy(stepLogDensities, 0, logDensities, size * steps, steps);
    System.arraycopy(stepLogRatios, 0, logRatios, size * steps, steps);
    System.arraycopy(stepValues, 0, values, size * steps, steps);
    envRewards[size] = reward;
    terminated[size] = isTerminated;
    truncated[size] = isTruncated && !isTerminated;
    followingValues[size] = valueAfter;
    size++;
  }

  /**
   * The value of the state after the last recorded step (the bootstrap of an unfinished episode).
   */
  public void finish(double valueAfterLast) {
    int last = size - 1;
    if (!terminated[last] && !truncated[last]) {
      followingValues[last] = valueAfterLast;
    }
  }

  public boolean full() {
    return size == capacity;
  }

  public int envSteps() {
    return size;
  }

  public int rows() {
    return size * steps;
  }

  public int chainSteps() {
    return steps;
  }

  public void clear() {
    size = 0;
  }

  /** Soft rewards per row: the environment reward on the chain's last step, minus alpha l_k. */
  public double[] rewards(double alpha) {
    double[] rewards = new double[rows()];
    for (int row = 0; row < rewards.length; row++) {
      boolean envStep = row % steps == steps - 1;
      rewards[row] = (envStep ? envRewards[row / steps] : 0) - alpha * logRatios[row];
    }
    return rewards;
  }

  public Targets targets(double alpha, double gamma, double lambda, double chainLambda) {
    int n = rows();
    double[] rowValues = new double[n];
    double[] nextValues = new double[n];
    double[] discounts = new double[n];
    double[] lambdas = new double[n];
    boolean[] rowTerminated = new boolean[n];
    boolean[] rowDone = new boolean[n];
    for (int row = 0; row < n; row++) {
      int t = row / steps;
      rowValues[row] = values[row];
      if (row % steps < steps - 1) {
        nextValues[row] = values[row + 1];
        discounts[row] = 1;
        lambdas[row] = chainLambda;
      } else {
        boolean lastOrCut = t == size - 1 || truncated[t] || terminated[t];
        nextValues[row] = lastOrCut ? followingValues[t] : values[row + 1];
        discounts[row] = gamma;
        lambdas[row] = lambda;
        rowTerminated[row] = terminated[t];
        rowDone[row] = terminated[t] || truncated[t];
      }
    }
    double[] advantages =
        Gae.advantages(
            rewards(alpha), rowValues, nextValues, discounts, lambdas, rowTerminated, rowDone);
    double[] returns = new double[n];
    for (int row = 0; row < n; row++) {
      returns[row] = advantages[row] + rowValues[row];
    }
    return new Targets(advantages, returns);
  }

  /** Copies row {@code row}'s observation into {@code target} at {@code offset}. */
  public void copyObservation(int row, float[] target, int offset) {
    System.arraycopy(observations, row / steps * observationSize, target, offset, observationSize);
  }

  /** Copies x_k (from) or x_{k+1} (to) of row {@code row}. */
  public void copyState(int row, boolean next, float[] target, int offset) {
    int t = row / steps;
    int k = row % steps + (next ? 1 : 0);
    System.arraycopy(states, (t * (steps + 1) + k) * actionSize, target, offset, actionSize);
  }

  public int step(int row) {
    return row % steps;
  }

  public float logDensity(int row) {
    return logDensities[row];
  }

  public float logRatio(int row) {
    return logRatios[row];
  }

  public float value(int row) {
    return values[row];
  }

  public void write(StateWriter out) throws IOException {
    out.writeTag("augmented-rollout");
    out.writeInt(capacity);
    out.writeInt(steps);
    out.writeInt(observationSize);
    out.writeInt(actionSize);
    out.writeInt(size);
    out.writeFloats(observations, size * observationSize);
    out.writeFloats(states, size * (steps + 1) * actionSize);
    out.writeFloats(logDensities, size * steps);
    out.writeFloats(logRatios, size * steps);
    out.writeFloats(values, size * steps);
    for (int t = 0; t < size; t++) {
      out.writeDouble(envRewards[t]);
      out.writeBoolean(terminated[t]);
      out.writeBoolean(truncated[t]);
      out.writeDouble(followingValues[t]);
    }
  }

  public void read(StateReader in) throws IOException {
    in.expectTag("augmented-rollout");
    int[] stored = {in.readInt(), in.readInt(), in.readInt(), in.readInt()};
    int[] mine = {capacity, steps, observationSize, actionSize};
    if (!java.util.Arrays.equals(stored, mine)) {
      throw new StateMismatchException(
          "stored rollout is (T, K, obs, act) = "
              + java.util.Arrays.toString(stored)
              + ", this one "
              + java.util.Arrays.toString(mine));
    }
    size = in.readInt();
    in.readFloats(observations);
    in.readFloats(states);
    in.readFloats(logDensities);
    in.readFloats(logRatios);
    in.readFloats(values);
    for (int t = 0; t < size; t++) {
      envRewards[t] = in.readDouble();
      terminated[t] = in.readBoolean();
      truncated[t] = in.readBoolean();
      followingValues[t] = in.readDouble();
    }
  }
}
