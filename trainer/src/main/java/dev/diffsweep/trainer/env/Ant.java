package dev.diffsweep.trainer.env;

import dev.diffsweep.trainer.mujoco.Field;

/**
 * Ant-v4 with its defaults: observation without contact forces (27), reward without the contact
 * cost. Contact forces are still computed after each step, as Gymnasium does, and {@link
 * #contactCost()} reports what the cost would be.
 */
public final class Ant extends MujocoTask {
  static final double HEALTHY_REWARD = 1.0;
  static final double CONTROL_COST_WEIGHT = 0.5;
  static final double CONTACT_COST_WEIGHT = 5e-4;
  static final double MIN_HEIGHT = 0.2;
  static final double MAX_HEIGHT = 1.0;

  private final int torso;

  public Ant() {
    super(
        "Ant-v4",
        "ant.xml",
        27,
        5,
        1000,
        true,
        ResetNoise.gaussianVelocities(0.1),
        Field.XPOS,
        Field.CFRC_EXT);
    torso = sim.bodyId("torso");
  }

  @Override
  protected RewardComponents simulate(double[] action) {
    double xVelocity = advanceMeasuringVelocity(action, () -> value(Field.XPOS, 3 * torso));
    return new RewardComponents(
        xVelocity, CONTROL_COST_WEIGHT * squaredNorm(action), HEALTHY_REWARD, 0, 0);
  }

  /** 5e-4 · Σ clip(cfrc_ext, ±1)², the v4 contact cost (not part of the default reward). */
  public double contactCost() {
    return CONTACT_COST_WEIGHT * squaredNorm(clip(contactForces(), 1));
  }

  /** cfrc_ext of every body, world first (6 per body). */
  public double[] contactForces() {
    return slice(Field.CFRC_EXT, 0, 6 * sim.nbody());
  }

  @Override
  protected double[] observation() {
    return concat(slice(Field.QPOS, 2, sim.nq()), slice(Field.QVEL, 0, sim.nv()));
  }

  @Override
  protected boolean isTerminal() {
    double[] state = concat(slice(Field.QPOS, 0, sim.nq()), slice(Field.QVEL, 0, sim.nv()));
    double z = qpos(2);
    return !(allFinite(state) && z >= MIN_HEIGHT && z <= MAX_HEIGHT);
  }
}
