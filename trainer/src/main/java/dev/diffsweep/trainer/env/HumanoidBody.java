package dev.diffsweep.trainer.env;

import dev.diffsweep.trainer.mujoco.Field;

/**
 * What Humanoid-v4 and HumanoidStandup-v4 share: the 376-long observation (qpos[2:], qvel, cinert,
 * cvel, qfrc_actuator, cfrc_ext) and the reset noise.
 */
public abstract class HumanoidBody extends MujocoTask {
  protected HumanoidBody(String id, String model) {
    super(
        id,
        model,
        376,
        5,
        1000,
        true,
        ResetNoise.uniform(1e-2),
        Field.CINERT,
        Field.CVEL,
        Field.QFRC_ACTUATOR,
        Field.CFRC_EXT,
        Field.XIPOS);
  }

  @Override
  protected double[] observation() {
    int nbody = sim.nbody();
    return concat(
        slice(Field.QPOS, 2, sim.nq()),
        slice(Field.QVEL, 0, sim.nv()),
        slice(Field.CINERT, 0, 10 * nbody),
        slice(Field.CVEL, 0, 6 * nbody),
        slice(Field.QFRC_ACTUATOR, 0, sim.nv()),
        slice(Field.CFRC_EXT, 0, 6 * nbody));
  }

  /** cfrc_ext of every body, world first (6 per body). */
  public double[] contactForces() {
    return slice(Field.CFRC_EXT, 0, 6 * sim.nbody());
  }
}
