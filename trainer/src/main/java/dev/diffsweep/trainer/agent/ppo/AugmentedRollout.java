package dev.diffsweep.trainer.agent.ppo;

import dev.diffsweep.trainer.state.StateMismatchException;
import dev.diffsweep.trainer.state.StatePart;
import dev.diffsweep.trainer.state.StateReader;
import dev.diffsweep.trainer.state.StateWriter;
import java.io.IOException;

/**
 * An on-policy rollout of T environment steps from each of N copies of the environment (a vector
 * env), each env step K augmented transitions of the diffusion-augmented MDP (docs/ALGORITHMS.md,
 * sections 6.1 and 6.2). Env steps are stored time-major, as CleanRL's (num_steps, num_envs)
 * buffers: env step t of copy c is slot t N + c, and row slot K + k is the augmented state (s_t,
 * x_k, k) with action x_{k+1}, its log-density under the acting policy, its log-ratio l_k and
 * value. The bookkeeping lives here:
 *
 * <ul>
 *   <li>reward of row k: -alpha l_k, plus the environment reward on the last step k = K - 1;
 *   <li>discount gamma and trace lambda across environment steps (k = K - 1), 1 and chain_lambda
 *       inside the chain;
 *   <li>terminated and truncated only on environment steps; after a truncation, and after a copy's
 *       last row, the next value is the one supplied for the state that followed;
 *   <li>GAE runs along each copy's own time line: a copy's advantages never see another copy's
 *       rewards or values.
 * </ul>
 *
 * With N = 1, K = 1 and alpha = 0 it is an ordinary single-env PPO rollout.
 */
public final class AugmentedRollout implements StatePart {
  private final int capacity;
  private final int copies;
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

  /**
   * @param stepsPerCopy T, env steps of each copy
   * @param copies N, the copies of the environment
   */
  public AugmentedRollout(
      int stepsPerCopy, int copies, int chainSteps, int observationSize, int actionSize) {
    int envSteps = Math.multiplyExact(stepsPerCopy, copies);
    this.capacity = envSteps;
    this.copies = copies;
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
   * Records one environment step of copy {@code copy}. Steps arrive a vector step at a time, copies
   * in order (0, 1, .., N - 1, 0, 1, ..), which is what places them on their copy's time line.
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
      int copy,
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
    if (copy != size % copies) {
      throw new IllegalArgumentException(
          "expected a step of copy " + size % copies + " (copies in order), got copy " + copy);
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
   * The value of the state after each copy's last recorded step (the bootstrap of an unfinished
   * episode), index c for copy c; ignored for a copy whose last step ended its episode.
   */
  public void finish(double[] valuesAfterLast) {
    if (valuesAfterLast.length != copies || size % copies != 0) {
      throw new IllegalStateException(
          "finish wants one value per copy after whole vector steps; have "
              + valuesAfterLast.length
              + " values for "
              + copies
              + " copies and "
              + size
              + " env steps");
    }
    for (int copy = 0; copy < copies; copy++) {
      int last = size - copies + copy;
      if (!terminated[last] && !truncated[last]) {
        followingValues[last] = valuesAfterLast[copy];
      }
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
    double[] rewards = rewards(alpha);
    double[] advantages = new double[rows()];
    for (int copy = 0; copy < copies; copy++) {
      int[] timeLine = rowsOf(copy);
      int n = timeLine.length;
      double[] copyRewards = new double[n];
      double[] rowValues = new double[n];
      double[] nextValues = new double[n];
      double[] discounts = new double[n];
      double[] lambdas = new double[n];
      boolean[] rowTerminated = new boolean[n];
      boolean[] rowDone = new boolean[n];
      for (int i = 0; i < n; i++) {
        int row = timeLine[i];
        int slot = row / steps;
        copyRewards[i] = rewards[row];
        rowValues[i] = values[row];
        if (row % steps < steps - 1) {
          nextValues[i] = values[row + 1];
          discounts[i] = 1;
          lambdas[i] = chainLambda;
        } else {
          int nextSlot = slot + copies;
          boolean lastOrCut = nextSlot >= size || truncated[slot] || terminated[slot];
          nextValues[i] = lastOrCut ? followingValues[slot] : values[nextSlot * steps];
          discounts[i] = gamma;
          lambdas[i] = lambda;
          rowTerminated[i] = terminated[slot];
          rowDone[i] = terminated[slot] || truncated[slot];
        }
      }
      double[] copyAdvantages =
          Gae.advantages(
              copyRewards, rowValues, nextValues, discounts, lambdas, rowTerminated, rowDone);
      for (int i = 0; i < n; i++) {
        advantages[timeLine[i]] = copyAdvantages[i];
      }
    }
    double[] returns = new double[advantages.length];
    for (int row = 0; row < returns.length; row++) {
      returns[row] = advantages[row] + values[row];
    }
    return new Targets(advantages, returns);
  }

  /** The rows of one copy in time order: its slots c, c + N, c + 2N, .., K rows each. */
  private int[] rowsOf(int copy) {
    int slots = copy < size ? (size - 1 - copy) / copies + 1 : 0;
    int[] rows = new int[slots * steps];
    for (int t = 0; t < slots; t++) {
      for (int k = 0; k < steps; k++) {
        rows[t * steps + k] = (t * copies + copy) * steps + k;
      }
    }
    return rows;
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

  @Override
  public void write(StateWriter out) throws IOException {
    out.writeTag("augmented-rollout");
    out.writeInt(capacity / copies);
    out.writeInt(copies);
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

  @Override
  public void read(StateReader in) throws IOException {
    in.expectTag("augmented-rollout");
    int[] stored = {in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt()};
    int[] mine = {capacity / copies, copies, steps, observationSize, actionSize};
    if (!java.util.Arrays.equals(stored, mine)) {
      throw new StateMismatchException(
          "stored rollout is (T, N, K, obs, act) = "
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
