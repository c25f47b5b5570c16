package dev.diffsweep.trainer.env;

import dev.diffsweep.trainer.mujoco.Field;

/**
 * InvertedDoublePendulum-v4: keep the tip of the second pole high. Reward 10 minus a distance
 * penalty on the tip and a velocity penalty on the hinges; the episode ends when the tip drops to
 * height 1 or below.
 */
public final class InvertedDoublePendulum extends MujocoTask {
  static final double ALIVE_BONUS = 10;
  static final double TIP_TARGET_HEIGHT = 2;
  static final double MIN_TIP_HEIGHT = 1;
  static final double CLIP = 10;

  private final int tip;

  public InvertedDoublePendulum() {
    super(
        "InvertedDoublePendulum-v4",
        "inverted_double_pendulum.xml",
        11,
        5,
        1000,
        false,
        ResetNoise.gaussianVelocities(0.1),
        Field.SITE_XPOS,
        Field.QFRC_CONSTRAINT);
    tip = sim.siteId("tip");
  }

  @Override
  protected RewardComponents simulate(double[] action) {
    advance(action);
    double x = tipX();
    double y = tipHeight();
    double distancePenalty = 0.01 * x * x + (y - TIP_TARGET_HEIGHT) * (y - TIP_TARGET_HEIGHT);
    double v1 = qvel(1);
    double v2 = qvel(2);
    double velocityPenalty = 1e-3 * v1 * v1 + 5e-3 * v2 * v2;
    return new RewardComponents(0, 0, ALIVE_BONUS, 0, -distancePenalty - velocityPenalty);
  }

  private double tipX() {
    return value(Field.SITE_XPOS, 3 * tip);
  }

  private double tipHeight() {
    return value(Field.SITE_XPOS, 3 * tip + 2);
  }

  @Override
  protected double[] observation() {
    double[] angles = slice(Field.QPOS, 1, sim.nq());
    double[] sines = new double[angles.length];
    double[] cosines = new double[angles.length];
    for (int i = 0; i < angles.length; i++) {
      sines[i] = Math.sin(angles[i]);
      cosines[i] = Math.cos(angles[i]);
    }
    return concat(
        slice(Field.QPOS, 0, 1),
        sines,
        cosines,
        clip(slice(Field.QVEL, 0, sim.nv()), CLIP),
        clip(slice(Field.QFRC_CONSTRAINT, 0, sim.nv()), CLIP));
  }

  @Override
  protected boolean isTerminal() {
    return tipHeight() <= MIN_TIP_HEIGHT;
  }
}
