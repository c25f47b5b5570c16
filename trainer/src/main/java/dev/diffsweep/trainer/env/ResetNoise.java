package dev.diffsweep.trainer.env;

/**
 * Gymnasium's v4 reset noise ({@code reset_noise_scale}): the model's reference pose qpos0 plus
 * U(-scale, scale) on every position, and velocities around zero drawn either from the same uniform
 * range or as scale · N(0, 1). Reacher and Pusher have no such scale: they place a target or an
 * object at reset and draw their own state.
 */
public record ResetNoise(double scale, boolean gaussianVelocities) {

  /** U(-scale, scale) on positions and velocities (Hopper, Walker2d, Humanoid, Swimmer, ...). */
  public static ResetNoise uniform(double scale) {
    return new ResetNoise(scale, false);
  }

  /**
   * U(-scale, scale) on positions, scale · N(0, 1) on velocities (HalfCheetah, Ant,
   * InvertedDoublePendulum).
   */
  public static ResetNoise gaussianVelocities(double scale) {
    return new ResetNoise(scale, true);
  }
}
