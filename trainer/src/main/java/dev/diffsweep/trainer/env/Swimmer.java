package dev.diffsweep.trainer.env;

import dev.diffsweep.trainer.mujoco.Field;

/** Swimmer-v4: swim forward through a viscous fluid; never terminates. */
public final class Swimmer extends MujocoTask {
  static final double CONTROL_COST_WEIGHT = 1e-4;

  public Swimmer() {
    super("Swimmer-v4", "swimmer.xml", 8, 4, 1000, false, ResetNoise.uniform(0.1));
  }

  @Override
  protected RewardComponents simulate(double[] action) {
    double xVelocity = advanceMeasuringVelocity(action, () -> qpos(0));
    return new RewardComponents(xVelocity, CONTROL_COST_WEIGHT * squaredNorm(action), 0, 0, 0);
  }

  @Override
  protected double[] observation() {
    return concat(slice(Field.QPOS, 2, sim.nq()), slice(Field.QVEL, 0, sim.nv()));
  }
}
