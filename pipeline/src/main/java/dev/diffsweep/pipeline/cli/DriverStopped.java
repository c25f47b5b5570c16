package dev.diffsweep.pipeline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * A driver ended by Ctrl-C or kill (SIGTERM): Spark's shutdown hook stops the SparkContext, and the
 * job the driver waits on fails with a cancellation trace that says nothing a user can act on. What
 * they need to know is that nothing committed is lost and how to go on.
 *
 * <p>The line is said from a shutdown hook: the JVM may halt once its hooks are done, before the
 * driver's own thread has seen the cancelled job, so a line printed only from that thread can be
 * lost. Whichever of the two comes first says it; the other stays quiet.
 */
final class DriverStopped implements AutoCloseable {
  /** Above Spark's and the file systems' hooks: said before they tear anything down. */
  private static final int PRIORITY = 100;

  private final String line;
  private final PrintWriter err;
  private final AtomicBoolean said = new AtomicBoolean();
  private final Runnable hook = this::say;

  private DriverStopped(String command, Path file, PrintWriter err) {
    this.line =
        "diffsweep: "
            + command
            + " "
            + file
            + " was stopped before it finished: committed trials are kept and unfinished ones"
            + " resume from their last checkpoint; run `diffsweep "
            + command
            + " "
            + file
            + "` again to finish it";
    this.err = err;
  }

  /** Watches a driver run of {@code diffsweep COMMAND FILE} until closed. */
  static DriverStopped watch(String command, Path file, PrintWriter err) {
    DriverStopped stopped = new DriverStopped(command, file, err);
    ShutdownHookManager.get().addShutdownHook(stopped.hook, PRIORITY);
    return stopped;
  }

  /** Whether the JVM is ending (Spark's and our hooks run through Hadoop's hook manager). */
  static boolean shuttingDown() {
    return ShutdownHookManager.get().isShutdownInProgress();
  }

  /** Says the line, once; the exit code of a stopped driver. */
  int say() {
    if (said.compareAndSet(false, true)) {
      err.println(line);
      err.flush();
    }
    return 1;
  }

  @Override
  public void close() {
    if (!ShutdownHookManager.get().isShutdownInProgress()) {
      ShutdownHookManager.get().removeShutdownHook(hook);
    }
  }
}
