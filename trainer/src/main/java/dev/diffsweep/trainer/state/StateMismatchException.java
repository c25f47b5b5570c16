package dev.diffsweep.trainer.state;

import java.io.IOException;

/** Saved state that does not fit what reads it (another agent, other sizes, a damaged file). */
public class StateMismatchException extends IOException {
  private static final long serialVersionUID = 1L;

  public StateMismatchException(String message) {
    super(message);
  }
}
