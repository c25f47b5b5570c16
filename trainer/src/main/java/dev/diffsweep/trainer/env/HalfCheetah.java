package dev.diffsweep.trainer.env;

import dev.diffsweep.trainer.mujoco.Field;

/** HalfCheetah-v4: run forward; never terminates. */
public final class HalfCheetah extends MujocoTask {
  static final double FORWARD_WEIGHT = 1.0;
  static final double CONTROL_COST_WEIGHT = 0.1;

  public HalfCheetah() {
    super(
        "HalfCheetah-v4",
        "half_cheetah.xml",
        17,
        5,
        1000,
        false,
        ResetNoise.gaussianVelocities(0.1));
  }

  @Override
  protected RewardComponents simulate(double[] action) {
    double xVelocity = advanceMeasuringVelocity(action, () -> qpos(0));
    return new RewardComponents(
        FORWARD_WEIGHT * xVelocity, CONTROL_COST_WEIGHT * squaredNorm(action), 0, 0, 0);
  }

  @Override
  protected double[] observation() {
    return concat(slice(Field.QPOS, 1, sim.nq()), slice(Field.QVEL, 0, sim.nv()));
  }
}
