package dev.diffsweep.trainer.env;

import dev.diffsweep.trainer.mujoco.Field;
import java.util.SplittableRandom;

/**
 * Pusher-v4: push the object to the goal with the arm. As in v4, the reward is computed from the
 * state before the physics step. Episodes are 100 steps.
 */
public final class Pusher extends MujocoTask {
  static final double NEAR_WEIGHT = 0.5;
  static final double CONTROL_COST_WEIGHT = 0.1;
  static final double MIN_OBJECT_TO_GOAL = 0.17;
  static final double VELOCITY_NOISE = 0.005;

  private final int tipsArm;
  private final int object;
  private final int goal;

  public Pusher() {
    super("Pusher-v4", "pusher.xml", 23, 5, 100, false, /* resetNoise= */ null, Field.XPOS);
    tipsArm = sim.bodyId("tips_arm");
    object = sim.bodyId("object");
    goal = sim.bodyId("goal");
  }

  @Override
  protected RewardComponents simulate(double[] action) {
    double near = distance(object, tipsArm);
    double toGoal = distance(object, goal);
    advance(action);
    return new RewardComponents(
        0, CONTROL_COST_WEIGHT * squaredNorm(action), 0, 0, -toGoal - NEAR_WEIGHT * near);
  }

  private double distance(int bodyA, int bodyB) {
    double sum = 0;
    for (int k = 0; k < 3; k++) {
      double d = value(Field.XPOS, 3 * bodyA + k) - value(Field.XPOS, 3 * bodyB + k);
      sum += d * d;
    }
    return Math.sqrt(sum);
  }

  @Override
  protected double[] observation() {
    return concat(
        slice(Field.QPOS, 0, 7),
        slice(Field.QVEL, 0, 7),
        slice(Field.XPOS, 3 * tipsArm, 3 * tipsArm + 3),
        slice(Field.XPOS, 3 * object, 3 * object + 3),
        slice(Field.XPOS, 3 * goal, 3 * goal + 3));
  }

  @Override
  protected double[][] initialState(SplittableRandom random) {
    double[] qpos = sim.initialQpos();
    double objectX;
    double objectY;
    do {
      objectX = random.nextDouble(-0.3, 0);
      objectY = random.nextDouble(-0.2, 0.2);
    } while (Math.hypot(objectX, objectY) <= MIN_OBJECT_TO_GOAL);
    int nq = sim.nq();
    qpos[nq - 4] = objectX;
    qpos[nq - 3] = objectY;
    qpos[nq - 2] = 0;
    qpos[nq - 1] = 0;
    double[] qvel = uniformQvel(random, VELOCITY_NOISE);
    for (int i = sim.nv() - 4; i < sim.nv(); i++) {
      qvel[i] = 0;
    }
    return new double[][] {qpos, qvel};
  }
}
