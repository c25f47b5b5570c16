package dev.diffsweep.trainer.env;

/** HumanoidStandup-v4: rise from lying on the floor; never terminates. */
public final class HumanoidStandup extends HumanoidBody {
  static final double CONTROL_COST_WEIGHT = 0.1;
  static final double IMPACT_COST_WEIGHT = 0.5e-6;
  static final double MAX_IMPACT_COST = 10;

  public HumanoidStandup() {
    super("HumanoidStandup-v4", "humanoidstandup.xml");
  }

  @Override
  protected RewardComponents simulate(double[] action) {
    advance(action);
    // v4 divides the height by the physics timestep, not by dt.
    double upward = qpos(2) / sim.timestep();
    double impact = Math.min(IMPACT_COST_WEIGHT * squaredNorm(contactForces()), MAX_IMPACT_COST);
    return new RewardComponents(upward, CONTROL_COST_WEIGHT * squaredNorm(action), 1, impact, 0);
  }
}
