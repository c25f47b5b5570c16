package dev.diffsweep.pipeline.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for what another process or thread does (a file appearing, a driver stopping) by asking
 * again every 20 ms, up to a ceiling so that a hang fails the test instead of stalling the build.
 */
public final class Poll {
  private static final long INTERVAL_MILLIS = 20;

  private Poll() {}

  /**
   * True once {@code condition} holds; false when {@code limit} passed first or the waiting thread
   * was interrupted (its interrupt flag is set again for the caller).
   */
  public static boolean until(BooleanSupplier condition, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
