package dev.diffsweep.trainer.env;

import dev.diffsweep.trainer.mujoco.Field;

/** Humanoid-v4: walk forward; forward speed is that of the centre of mass. */
public final class Humanoid extends HumanoidBody {
  static final double FORWARD_WEIGHT = 1.25;
  static final double CONTROL_COST_WEIGHT = 0.1;
  static final double HEALTHY_REWARD = 5.0;
  static final double MIN_HEIGHT = 1.0;
  static final double MAX_HEIGHT = 2.0;

  private final double[] bodyMass;
  private final double totalMass;

  public Humanoid() {
    super("Humanoid-v4", "humanoid.xml");
    bodyMass = sim.bodyMass();
    double sum = 0;
    for (double m : bodyMass) {
      sum += m;
    }
    totalMass = sum;
  }

  @Override
  protected RewardComponents simulate(double[] action) {
    double xVelocity = advanceMeasuringVelocity(action, this::centreOfMassX);
    return new RewardComponents(
        FORWARD_WEIGHT * xVelocity,
        CONTROL_COST_WEIGHT * squaredNorm(action),
        HEALTHY_REWARD,
        0,
        0);
  }

  /** x of the mass-weighted mean of the bodies' inertial frames (xipos). */
  double centreOfMassX() {
    double weighted = 0;
    for (int body = 0; body < bodyMass.length; body++) {
      weighted += bodyMass[body] * value(Field.XIPOS, 3 * body);
    }
    return weighted / totalMass;
  }

  @Override
  protected boolean isTerminal() {
    double z = qpos(2);
    return !(z > MIN_HEIGHT && z < MAX_HEIGHT);
  }
}
