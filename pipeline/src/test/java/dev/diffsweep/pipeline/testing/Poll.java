package dev.diffsweep.pipeline.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for what another process or thread does (a file appearing, a driver stopping) by asking
 * again and again, up to a ceiling so that a hang fails the test instead of stalling the build.
 */
public final class Poll {
  private static final Duration DEFAULT_INTERVAL = Duration.ofMillis(20);

  private Poll() {}

  /** {@link #until(BooleanSupplier, Duration, Duration)}, asking every 20 ms. */
  public static boolean until(BooleanSupplier condition, Duration limit) {
    return until(condition, limit, DEFAULT_INTERVAL);
  }

  /**
   * True once {@code condition} holds; false when {@code limit} passed first or the waiting thread
   * was interrupted (its interrupt flag is set again for the caller). A condition that is costly to
   * ask (a remote listing, a whole report read) asks less often, every {@code interval}.
   */
  public static boolean until(BooleanSupplier condition, Duration limit, Duration interval) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
