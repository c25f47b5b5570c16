package dev.diffsweep.trainer.env;

import dev.diffsweep.trainer.mujoco.Field;
import dev.diffsweep.trainer.mujoco.Simulation;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * The shared part of every MuJoCo task: action checks, frame skip, the episode step limit and reset
 * noise. A subclass says which arrays it reads, how it builds its observation, how it scores a step
 * and when a state is terminal.
 */
public abstract class MujocoTask implements Task {
  protected final Simulation sim;
  private final TaskSpec spec;
  private final int frameSkip;
  private final boolean needsContactForces;

  /** Null for a task that overrides {@link #initialState}. */
  private final ResetNoise resetNoise;

  private SplittableRandom random = new SplittableRandom(0);
  private int elapsedSteps;
  private boolean episodeRunning;

  /**
   * @param model file name under {@code /models/} on the classpath
   * @param observationSize the length {@link #observation} returns (tests check it)
   * @param needsContactForces run mj_rnePostConstraint after each step so cfrc_ext is filled
   * @param resetNoise how {@link #initialState} draws the start of an episode; null for a task that
   *     draws its own (it overrides {@link #initialState})
   * @param outputs the mjData arrays the subclass reads; QPOS and QVEL are always included
   */
  protected MujocoTask(
      String id,
      String model,
      int observationSize,
      int frameSkip,
      int maxEpisodeSteps,
      boolean needsContactForces,
      ResetNoise resetNoise,
      Field... outputs) {
    this.sim = Simulation.loadResource("/models/" + model);
    try {
      Field[] all = new Field[outputs.length + 2];
      all[0] = Field.QPOS;
      all[1] = Field.QVEL;
      System.arraycopy(outputs, 0, all, 2, outputs.length);
      sim.configureOutput(all);
      double[] range = sim.actuatorCtrlRange();
      double[] low = new double[sim.nu()];
      double[] high = new double[sim.nu()];
      for (int i = 0; i < sim.nu(); i++) {
        low[i] = range[2 * i];
        high[i] = range[2 * i + 1];
      }
      this.frameSkip = frameSkip;
      this.needsContactForces = needsContactForces;
      this.resetNoise = resetNoise;
      this.spec =
          new TaskSpec(id, observationSize, low, high, sim.timestep() * frameSkip, maxEpisodeSteps);
    } catch (RuntimeException e) {
      sim.close();
      throw e;
    }
  }

  @Override
  public TaskSpec spec() {
    return spec;
  }

  @Override
  public double[] reset(long seed) {
    random = new SplittableRandom(seed);
    double[][] state = initialState(random);
    sim.reset(state[0], state[1]);
    elapsedSteps = 0;
    episodeRunning = true;
    return observation();
  }

  @Override
  public StepResult step(double[] action) {
    if (!episodeRunning) {
      throw new IllegalStateException(
          spec.id() + ": the episode has ended (or never started); call reset(seed) first");
    }
    checkAction(action);
    RewardComponents components = simulate(action);
    elapsedSteps++;
    boolean terminated = isTerminal();
    boolean truncated = elapsedSteps >= spec.maxEpisodeSteps();
    episodeRunning = !(terminated || truncated);
    return new StepResult(observation(), components.total(), terminated, truncated, components);
  }

  private void checkAction(double[] action) {
    if (action == null || action.length != spec.actionSize()) {
      throw new IllegalArgumentException(
          spec.id()
              + " expects an action of length "
              + spec.actionSize()
              + ", got "
              + (action == null ? "null" : String.valueOf(action.length)));
    }
    for (int i = 0; i < action.length; i++) {
      if (!Double.isFinite(action[i])) {
        throw new IllegalArgumentException(
            spec.id()
                + " got a non-finite action: element "
                + i
                + " is "
                + action[i]
                + " (check the policy's outputs for NaN)");
      }
    }
  }

  /**
   * Steps the physics once like {@link #advance} and returns the forward velocity it caused: how
   * far {@code x} moved, over the step's duration (how every locomotion task measures progress).
   */
  protected final double advanceMeasuringVelocity(double[] action, DoubleSupplier x) {
    double before = x.getAsDouble();
    advance(action);
    return (x.getAsDouble() - before) / spec().dt();
  }

  /** Steps the physics once, frame skip included. Subclasses call it from {@link #simulate}. */
  protected final void advance(double[] action) {
    sim.step(action, frameSkip, needsContactForces);
  }

  /** Advances the physics with {@link #advance} and scores the step. */
  protected abstract RewardComponents simulate(double[] action);

  /** Builds the observation from the simulation's current output arrays. */
  protected abstract double[] observation();

  /**
   * Whether the current state ends the episode (Gymnasium's "terminated"); by default never, as for
   * the tasks that only end by truncation.
   */
  protected boolean isTerminal() {
    return false;
  }

  /**
   * {qpos, qvel} to start an episode from: by default the reference pose with the task's {@link
   * ResetNoise}, positions drawn first. A task constructed without reset noise overrides this.
   */
  protected double[][] initialState(SplittableRandom random) {
    double scale = resetNoise.scale();
    double[] qpos = noisyInitialQpos(random, scale);
    double[] qvel =
        resetNoise.gaussianVelocities() ? gaussianQvel(random, scale) : uniformQvel(random, scale);
    return new double[][] {qpos, qvel};
  }

  /** qpos0 plus U(-scale, scale) noise on each entry. */
  protected final double[] noisyInitialQpos(SplittableRandom random, double scale) {
    double[] qpos = sim.initialQpos();
    for (int i = 0; i < qpos.length; i++) {
      qpos[i] += uniform(random, scale);
    }
    return qpos;
  }

  /** U(-scale, scale) noise for each velocity. */
  protected final double[] uniformQvel(SplittableRandom random, double scale) {
    double[] qvel = new double[sim.nv()];
    for (int i = 0; i < qvel.length; i++) {
      qvel[i] = uniform(random, scale);
    }
    return qvel;
  }

  /** scale · N(0, 1) noise for each velocity. */
  private double[] gaussianQvel(SplittableRandom random, double scale) {
    double[] qvel = new double[sim.nv()];
    for (int i = 0; i < qvel.length; i++) {
      qvel[i] = scale * random.nextGaussian();
    }
    return qvel;
  }

  protected static double uniform(SplittableRandom random, double scale) {
    return random.nextDouble(-scale, scale);
  }

  protected final double qpos(int i) {
    return sim.output()[sim.offset(Field.QPOS) + i];
  }

  protected final double qvel(int i) {
    return sim.output()[sim.offset(Field.QVEL) + i];
  }

  /** Entry {@code i} of a configured output array. */
  protected final double value(Field field, int i) {
    return sim.output()[sim.offset(field) + i];
  }

  /** A copy of entries [from, to) of a configured output array. */
  protected final double[] slice(Field field, int from, int to) {
    int offset = sim.offset(field);
    return Arrays.copyOfRange(sim.output(), offset + from, offset + to);
  }

  /** Σ a², the quadratic control cost before its weight. */
  protected static double squaredNorm(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v * v;
    }
    return sum;
  }

  protected static double[] clip(double[] values, double limit) {
    double[] clipped = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      clipped[i] = Math.max(-limit, Math.min(limit, values[i]));
    }
    return clipped;
  }

  protected static double[] concat(double[]... parts) {
    int size = 0;
    for (double[] part : parts) {
      size += part.length;
    }
    double[] all = new double[size];
    int at = 0;
    for (double[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  protected static boolean allFinite(double[] values) {
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** A copy of the current qpos, for diagnostics and tests. */
  public double[] positions() {
    return slice(Field.QPOS, 0, sim.nq());
  }

  /** A copy of the current qvel, for diagnostics and tests. */
  public double[] velocities() {
    return slice(Field.QVEL, 0, sim.nv());
  }

  /** The underlying simulation, for tests and benchmarks. */
  public Simulation simulation() {
    return sim;
  }

  /** Frame skip: physics steps per environment step. */
  public int frameSkip() {
    return frameSkip;
  }

  /** Whether each step runs mj_rnePostConstraint (filling cfrc_ext). */
  public boolean needsContactForces() {
    return needsContactForces;
  }

  @Override
  public void close() {
    sim.close();
  }
}
