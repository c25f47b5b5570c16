package dev.diffsweep.trainer.env;

import dev.diffsweep.trainer.mujoco.Field;

/**
 * Hopper-v4 and Walker2d-v4: planar walkers rewarded for forward speed and for staying healthy
 * (torso height and angle in range), which is also their termination rule.
 */
public abstract class PlanarWalker extends MujocoTask {
  static final double HEALTHY_REWARD = 1.0;
  static final double CONTROL_COST_WEIGHT = 1e-3;
  static final double VELOCITY_CLIP = 10;

  private final double minHeight;
  private final double maxHeight;
  private final double maxAbsAngle;

  /**
   * A walker that is healthy while its torso height lies in ({@code minHeight}, {@code maxHeight})
   * and its pitch in (-{@code maxAbsAngle}, {@code maxAbsAngle}): v4's healthy_z_range and
   * healthy_angle_range.
   */
  protected PlanarWalker(
      String id,
      String model,
      int observationSize,
      double minHeight,
      double maxHeight,
      double maxAbsAngle) {
    super(id, model, observationSize, 4, 1000, false, ResetNoise.uniform(5e-3));
    this.minHeight = minHeight;
    this.maxHeight = maxHeight;
    this.maxAbsAngle = maxAbsAngle;
  }

  @Override
  protected RewardComponents simulate(double[] action) {
    double xVelocity = advanceMeasuringVelocity(action, () -> qpos(0));
    // v4 pays the healthy reward on every step, the terminal one included.
    return new RewardComponents(
        xVelocity, CONTROL_COST_WEIGHT * squaredNorm(action), HEALTHY_REWARD, 0, 0);
  }

  @Override
  protected double[] observation() {
    return concat(
        slice(Field.QPOS, 1, sim.nq()), clip(slice(Field.QVEL, 0, sim.nv()), VELOCITY_CLIP));
  }

  /** An unhealthy walker's episode ends. */
  @Override
  protected boolean isTerminal() {
    double z = torsoHeight();
    return !(z > minHeight && z < maxHeight && Math.abs(torsoAngle()) < maxAbsAngle);
  }

  /** Torso height, qpos[1]. */
  protected final double torsoHeight() {
    return qpos(1);
  }

  /** Torso pitch, qpos[2]. */
  protected final double torsoAngle() {
    return qpos(2);
  }
}
