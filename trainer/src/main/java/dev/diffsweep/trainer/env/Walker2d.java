package dev.diffsweep.trainer.env;

/** Walker2d-v4: walk forward on two legs. */
public final class Walker2d extends PlanarWalker {
  static final double MIN_HEIGHT = 0.8;
  static final double MAX_HEIGHT = 2.0;
  static final double MAX_ABS_ANGLE = 1.0;

  public Walker2d() {
    super("Walker2d-v4", "walker2d.xml", 17, MIN_HEIGHT, MAX_HEIGHT, MAX_ABS_ANGLE);
  }
}
