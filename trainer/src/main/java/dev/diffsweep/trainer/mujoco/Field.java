package dev.diffsweep.trainer.mujoco;

/** The mjData arrays a task can ask {@link Simulation} to copy out after each step. */
public enum Field {
  QPOS(0),
  QVEL(1),
  CINERT(2),
  CVEL(3),
  QFRC_ACTUATOR(4),
  CFRC_EXT(5),
  XIPOS(6),
  SITE_XPOS(7),
  XPOS(8),
  QFRC_CONSTRAINT(9);

  /** The code the C shim knows this field by. */
  final int code;

  Field(int code) {
    this.code = code;
  }
}
