package dev.diffsweep.pipeline.cli;

import dev.diffsweep.trainer.cli.RunFailedException;
import java.nio.file.Path;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * A driver ended by Ctrl-C or kill (SIGTERM): Spark's shutdown hook stops the SparkContext, and the
 * job the driver waits on fails with a cancellation trace that says nothing a user can act on. What
 * they need to know is that nothing committed is lost and how to go on.
 */
final class DriverStopped {
  private DriverStopped() {}

  /** Whether the JVM is ending (Spark's and our hooks run through Hadoop's hook manager). */
  static boolean whileShuttingDown() {
    return ShutdownHookManager.get().isShutdownInProgress();
  }

  static RunFailedException rerunToFinish(String command, Path file) {
    return new RunFailedException(
        command
            + " "
            + file
            + " was stopped before it finished: committed trials are kept and unfinished ones"
            + " resume from their last checkpoint; run `diffsweep "
            + command
            + " "
            + file
            + "` again to finish it");
  }
}
