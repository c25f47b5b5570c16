package dev.diffsweep.trainer.env;

/** Hopper-v4: hop forward on one leg. */
public final class Hopper extends PlanarWalker {
  static final double MIN_HEIGHT = 0.7;
  static final double MAX_ABS_ANGLE = 0.2;
  static final double STATE_LIMIT = 100;

  public Hopper() {
    // v4's healthy_z_range is (0.7, inf).
    super("Hopper-v4", "hopper.xml", 11, MIN_HEIGHT, Double.POSITIVE_INFINITY, MAX_ABS_ANGLE);
  }

  /** Also unhealthy: any of qpos[2:] and the unclipped qvel outside (-100, 100). */
  @Override
  protected boolean isTerminal() {
    for (int i = 2; i < sim.nq(); i++) {
      if (!(Math.abs(qpos(i)) < STATE_LIMIT)) {
        return true;
      }
    }
    for (int i = 0; i < sim.nv(); i++) {
      if (!(Math.abs(qvel(i)) < STATE_LIMIT)) {
        return true;
      }
    }
    return super.isTerminal();
  }
}
