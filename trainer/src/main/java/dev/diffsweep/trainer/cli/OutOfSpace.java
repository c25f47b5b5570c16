package dev.diffsweep.trainer.cli;

/**
 * A full disk under any command: one line that says so and how to go on, not a stack trace. Java
 * and Hadoop report it only as "No space left on device" somewhere in the chain of causes (Hadoop's
 * local file system as an {@code FSError}, which is an Error), so the chain is what is checked.
 */
public final class OutOfSpace {
  private static final String REASON = "No space left on device";

  private OutOfSpace() {}

  /** Whether the failure, or anything that caused it, is a full disk. */
  public static boolean causedBy(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(REASON)) {
        return true;
      }
      for (Throwable suppressed : t.getSuppressed()) {
        if (causedBy(suppressed)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The failure of a command whose output lies in {@code where}. */
  public static RunFailedException writing(Object where) {
    return new RunFailedException(
        "no space left on device while writing "
            + where
            + "; free space there (or choose another output) and rerun the same command:"
            + " what was finished is kept");
  }

  /** The line for a full disk whose path the command did not say. */
  static String line() {
    return "diffsweep: no space left on device; free space where this command writes (or choose"
        + " another output) and rerun it: what was finished is kept";
  }

  /**
   * Runs a command line's main: a full disk that surfaces as an Error (which picocli passes on)
   * exits 1 with one line, like every other failure a user can fix.
   */
  public static int exitCodeOf(java.util.function.IntSupplier command) {
    try {
      return command.getAsInt();
    } catch (Error e) {
      if (!causedBy(e)) {
        throw e;
      }
      System.err.println(line());
      return 1;
    }
  }
}
