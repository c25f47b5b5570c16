package dev.diffsweep.pipeline.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The live report's scheduling, with a stand-in refresh. */
class LiveReportTest {
  private final StringWriter log = new StringWriter();
  private final PrintWriter out = new PrintWriter(log, true);

  @Test
  void aBurstOfCommitsMakesOneRefresh() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    LiveReport live =
        LiveReport.start(
            runs::incrementAndGet, Duration.ofHours(1), Duration.ofMillis(300), out, "study t");
    for (int i = 0; i < 5; i++) {
      live.trialCommitted();
    }
    Thread.sleep(1000);
    live.trialCommitted();
    Thread.sleep(1000);
    live.close();

    assertThat(runs).hasValue(2);
    assertThat(live.refreshes()).isEqualTo(2);
  }

  @Test
  void refreshesNeverOverlapAndAFailureIsLoggedOnceAndRetried() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    LiveReport live =
        LiveReport.start(
            () -> {
              if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
              }
              try {
                Thread.sleep(100);
                if (calls.incrementAndGet() == 1) {
                  throw new IllegalStateException("the study folder is busy\nsecond line");
                }
              } finally {
                running.decrementAndGet();
              }
            },
            Duration.ofMillis(50),
            Duration.ofMillis(10),
            out,
            "study t");
    for (int i = 0; i < 20; i++) {
      live.trialCommitted();
      Thread.sleep(25);
    }
    live.close();

    assertThat(overlaps).hasValue(0);
    assertThat(calls.get()).isGreaterThan(2);
    assertThat(live.refreshes()).isEqualTo(calls.get() - 1);
    assertThat(log.toString().lines())
        .containsExactly(
            "[study t] live report refresh failed, the next one retries:"
                + " IllegalStateException: the study folder is busy ...");
  }

  @Test
  void closeWaitsForTheRefreshUnderWayAndDropsThoseNotStarted() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger finished = new AtomicInteger();
    LiveReport live =
        LiveReport.start(
            () -> {
              started.countDown();
              Thread.sleep(500);
              finished.incrementAndGet();
            },
            Duration.ofMillis(20),
            Duration.ofMillis(20),
            out,
            "study t");
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    live.trialCommitted();
    live.close();

    assertThat(finished).hasValue(1);
    live.trialCommitted(); // after the study: ignored
    Thread.sleep(100);
    assertThat(finished).hasValue(1);
  }

  @Test
  void durationsAreReadWithTheirUnit() {
    assertThat(LiveReport.parseDuration("3m")).isEqualTo(Duration.ofMinutes(3));
    assertThat(LiveReport.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(LiveReport.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(LiveReport.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThatThrownBy(() -> LiveReport.parseDuration("3"))
        .hasMessageContaining("not a positive duration");
    assertThatThrownBy(() -> LiveReport.parseDuration("0s"))
        .hasMessageContaining("not a positive duration");
  }
}
