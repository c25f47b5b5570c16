package dev.diffsweep.trainer.cli;

/**
 * A run that started and could not finish for a reason the message explains in one line (not a bug
 * of ours): the command line prints the message and exits with status 1, no stack trace.
 */
public class RunFailedException extends RuntimeException {
  public RunFailedException(String message) {
    super(message);
  }
}
