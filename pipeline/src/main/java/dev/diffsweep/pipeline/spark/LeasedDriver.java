package dev.diffsweep.pipeline.spark;

import dev.diffsweep.pipeline.storage.StudyFolder;
import dev.diffsweep.pipeline.storage.StudyIntegrity;
import dev.diffsweep.pipeline.storage.StudyLease;
import dev.diffsweep.pipeline.study.Study;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import org.apache.spark.SparkConf;

/**
 * What the study and the tune driver share: a study run under Spark settings that logs to {@code
 * out}, and the guarded start around the driver's own work. The study folder is refused before
 * anything is written when it cannot be reached, holds a damaged committed trial (which would be
 * skipped as done and then fail the analysis, or silently leave its rows out) or cannot be written;
 * then the work and what comes after it (a report, the aggregation job: they write into the folder
 * too) run under the study's lease.
 *
 * @param <R> what the driver's run returns
 */
public abstract sealed class LeasedDriver<R> permits StudyDriver, TuneDriver {
  final Study study;
  final SparkConf conf;
  final PrintWriter out;
  private final String command;
  private final boolean force;

  /**
   * @param command the driver's command, which starts its log lines: {@code [study NAME] ...}
   * @param force take the study's lease over even from a driver that renewed it lately
   */
  LeasedDriver(String command, Study study, SparkConf conf, PrintWriter out, boolean force) {
    this.command = command;
    this.study = study;
    this.conf = conf;
    this.out = out;
    this.force = force;
  }

  /** What runs after the driver's work while the driver still holds the study's lease. */
  @FunctionalInterface
  public interface Afterwards<R> {
    void run(R result) throws IOException;
  }

  /** The driver's own work on its study folder, checked and under the lease. */
  @FunctionalInterface
  interface Work<R, E extends Exception> {
    R run(StudyLease lease) throws IOException, E;
  }

  /** Checks {@code folder}, takes its lease, runs {@code work} then {@code afterwards} under it. */
  final <E extends Exception> R underLease(
      StudyFolder folder, Work<R, E> work, Afterwards<R> afterwards) throws IOException, E {
    folder.checkReachable();
    new StudyIntegrity(folder).refuseIfDamaged();
    folder.checkWritable();
    try (StudyLease lease = StudyLease.acquire(folder, leaseSettings(conf), force, this::log)) {
      R result = work.run(lease);
      afterwards.run(result);
      return result;
    }
  }

  /** One line of the driver's log, with the command and the study's name before it. */
  final void log(String line) {
    out.printf("[%s %s] %s%n", command, study.name(), line);
    out.flush();
  }

  /** The lease's heartbeat and expiry from the Spark settings (a profile's, or --conf). */
  static StudyLease.Settings leaseSettings(SparkConf conf) {
    return new StudyLease.Settings(
        Duration.ofMillis(
            conf.getTimeAsMs(
                StudyLease.HEARTBEAT_KEY, StudyLease.DEFAULT_HEARTBEAT.toMillis() + "ms")),
        Duration.ofMillis(
            conf.getTimeAsMs(StudyLease.EXPIRY_KEY, StudyLease.DEFAULT_EXPIRY.toMillis() + "ms")));
  }
}
