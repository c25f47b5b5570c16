package dev.diffsweep.trainer.env;

import dev.diffsweep.trainer.mujoco.Field;
import java.util.SplittableRandom;

/**
 * Reacher-v4: bring the fingertip to a random target. As in v4, the reward is computed from the
 * state before the physics step. Episodes are 50 steps.
 */
public final class Reacher extends MujocoTask {
  static final double ARM_NOISE = 0.1;
  static final double TARGET_RADIUS = 0.2;
  static final double VELOCITY_NOISE = 0.005;

  private final int fingertip;
  private final int target;

  public Reacher() {
    super("Reacher-v4", "reacher.xml", 11, 2, 50, false, /* resetNoise= */ null, Field.XPOS);
    fingertip = sim.bodyId("fingertip");
    target = sim.bodyId("target");
  }

  @Override
  protected RewardComponents simulate(double[] action) {
    double distance = norm(fingertipToTarget());
    advance(action);
    return new RewardComponents(0, squaredNorm(action), 0, 0, -distance);
  }

  private double[] fingertipToTarget() {
    double[] delta = new double[3];
    for (int k = 0; k < 3; k++) {
      delta[k] = value(Field.XPOS, 3 * fingertip + k) - value(Field.XPOS, 3 * target + k);
    }
    return delta;
  }

  private static double norm(double[] v) {
    return Math.sqrt(squaredNorm(v));
  }

  @Override
  protected double[] observation() {
    double[] arm = slice(Field.QPOS, 0, 2);
    return concat(
        new double[] {Math.cos(arm[0]), Math.cos(arm[1]), Math.sin(arm[0]), Math.sin(arm[1])},
        slice(Field.QPOS, 2, sim.nq()),
        slice(Field.QVEL, 0, 2),
        fingertipToTarget());
  }

  @Override
  protected double[][] initialState(SplittableRandom random) {
    double[] qpos = noisyInitialQpos(random, ARM_NOISE);
    double goalX;
    double goalY;
    do {
      goalX = uniform(random, TARGET_RADIUS);
      goalY = uniform(random, TARGET_RADIUS);
    } while (Math.hypot(goalX, goalY) >= TARGET_RADIUS);
    qpos[sim.nq() - 2] = goalX;
    qpos[sim.nq() - 1] = goalY;
    double[] qvel = uniformQvel(random, VELOCITY_NOISE);
    qvel[sim.nv() - 2] = 0;
    qvel[sim.nv() - 1] = 0;
    return new double[][] {qpos, qvel};
  }
}
