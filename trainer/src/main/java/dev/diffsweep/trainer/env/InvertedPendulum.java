package dev.diffsweep.trainer.env;

import dev.diffsweep.trainer.mujoco.Field;

/** InvertedPendulum-v4: keep the pole upright; +1 per step, the terminal one included. */
public final class InvertedPendulum extends MujocoTask {
  static final double MAX_ABS_ANGLE = 0.2;

  public InvertedPendulum() {
    super(
        "InvertedPendulum-v4",
        "inverted_pendulum.xml",
        4,
        2,
        1000,
        false,
        ResetNoise.uniform(0.01));
  }

  @Override
  protected RewardComponents simulate(double[] action) {
    advance(action);
    return new RewardComponents(0, 0, 1, 0, 0);
  }

  @Override
  protected double[] observation() {
    return concat(slice(Field.QPOS, 0, sim.nq()), slice(Field.QVEL, 0, sim.nv()));
  }

  @Override
  protected boolean isTerminal() {
    double[] observation = observation();
    return !(allFinite(observation) && Math.abs(qpos(1)) <= MAX_ABS_ANGLE);
  }
}
