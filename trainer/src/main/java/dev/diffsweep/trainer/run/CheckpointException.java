package dev.diffsweep.trainer.run;

/**
 * A checkpoint this command cannot resume: written by a different run, or damaged. Bad input: the
 * message says which, and how to start over.
 */
public class CheckpointException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public CheckpointException(String message) {
    super(message);
  }

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
