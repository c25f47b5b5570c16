package dev.diffsweep.trainer.mujoco;

/** An error raised inside MuJoCo (model compilation, simulation) or by our use of it. */
public class MujocoException extends RuntimeException {
  public MujocoException(String message) {
    super(message);
  }

  public MujocoException(String message, Throwable cause) {
    super(message, cause);
  }
}
