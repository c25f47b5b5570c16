package dev.diffsweep.pipeline.spark;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps a study's report.html current while the study runs: a refresh every interval, and one
 * shortly after a trial commits (a burst of commits within the debounce time makes one refresh).
 * Refreshes run one at a time on a thread of their own, so they never hold up the driver's loop;
 * one that fails logs a line and the next one tries again. {@link #close} drops the refreshes not
 * yet started and waits for the one under way, so that the final analysis comes after it.
 */
public final class LiveReport implements AutoCloseable {
  /** How often the report is refreshed unless the command line says otherwise. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(3);

  private static final Duration DEBOUNCE = Duration.ofSeconds(10);
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  /** One refresh: writes the live report, or throws. */
  public interface Refresh {
    void run() throws Exception;
  }

  private final Refresh refresh;
  private final PrintWriter out;
  private final String label;
  private final long debounceMillis;
  private final ScheduledThreadPoolExecutor executor;
  private final AtomicBoolean commitPending = new AtomicBoolean();
  private final AtomicInteger refreshes = new AtomicInteger();

  /** A study run without a live report. */
  private LiveReport() {
    this.refresh = null;
    this.out = null;
    this.label = null;
    this.debounceMillis = 0;
    this.executor = null;
  }

  /** One that never refreshes, for a study run without a live report. */
  public static LiveReport none() {
    return new LiveReport();
  }

  private LiveReport(
      Refresh refresh, Duration interval, Duration debounce, PrintWriter out, String label) {
    this.refresh = refresh;
    this.out = out;
    this.label = label;
    this.debounceMillis = debounce.toMillis();
    // One thread: two refreshes never run at once.
    executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = Executors.defaultThreadFactory().newThread(runnable);
              thread.setName("diffsweep-live-report");
              thread.setDaemon(true);
              return thread;
            });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(this::refreshQuietly, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts refreshing every {@code interval} (first after one interval); commits are debounced for
   * 10 s, or the interval when that is shorter.
   *
   * @param label names the study in log lines, e.g. "study quickstart"
   */
  public static LiveReport start(
      Refresh refresh, Duration interval, PrintWriter out, String label) {
    return start(
        refresh, interval, interval.compareTo(DEBOUNCE) < 0 ? interval : DEBOUNCE, out, label);
  }

  static LiveReport start(
      Refresh refresh, Duration interval, Duration debounce, PrintWriter out, String label) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(
          "the live report's interval must be positive: " + interval);
    }
    return new LiveReport(refresh, interval, debounce, out, label);
  }

  /** A trial has committed: refresh soon, once for a burst of commits. */
  public void trialCommitted() {
    if (executor != null && commitPending.compareAndSet(false, true)) {
      try {
        executor.schedule(
            () -> {
              commitPending.set(false);
              refreshQuietly();
            },
            debounceMillis,
            TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closed) {
        // The study is over: the final analysis follows.
      }
    }
  }

  /** Refreshes that finished without an error so far. */
  public int refreshes() {
    return refreshes.get();
  }

  private void refreshQuietly() {
    try {
      refresh.run();
      refreshes.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception | LinkageError e) {
      out.printf("[%s] live report refresh failed, the next one retries: %s%n", label, oneLine(e));
      out.flush();
    }
  }

  /**
   * Drops the refreshes not yet started and waits for the one under way; interrupted, it stops that
   * one instead (its process is ended) and keeps the interrupt.
   */
  @Override
  public void close() {
    if (executor == null) {
      return;
    }
    executor.shutdown();
    try {
      while (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
        out.printf("[%s] waiting for the live report's refresh to finish%n", label);
        out.flush();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** A duration such as 90s, 3m, 1h or 500ms. */
  public static Duration parseDuration(String text) {
    Matcher matcher = DURATION.matcher(text.strip());
    if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a positive duration such as 90s, 3m, 1h or 500ms");
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }

  private static String oneLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return e.getClass().getSimpleName()
        + ": "
        + (newline < 0 ? message : message.substring(0, newline) + " ...");
  }
}
