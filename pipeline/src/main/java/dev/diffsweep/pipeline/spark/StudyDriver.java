package dev.diffsweep.pipeline.spark;

import dev.diffsweep.pipeline.storage.StudyFolder;
import dev.diffsweep.pipeline.storage.StudyLease;
import dev.diffsweep.pipeline.storage.TrialCommit;
import dev.diffsweep.pipeline.storage.TrialsTable;
import dev.diffsweep.pipeline.study.Study;
import dev.diffsweep.pipeline.trial.RunRecord;
import dev.diffsweep.pipeline.trial.StudyProgress;
import dev.diffsweep.pipeline.trial.Trial;
import dev.diffsweep.pipeline.trial.TrialExpansion;
import dev.diffsweep.pipeline.trial.TrialOutcome;
import dev.diffsweep.trainer.cli.RunFailedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a study: claims its folder, skips committed trials, fans the rest out one Spark task per
 * trial, logs their progress and keeps the trials table true while they run.
 */
public final class StudyDriver extends LeasedDriver<StudyDriver.Result> {
  public static final String TRAINER_MAIN_KEY = "spark.diffsweep.trainer.mainClass";
  static final String TRAINER_OPTIONS_KEY = "spark.diffsweep.trainer.javaOptions";
  private static final long POLL_MILLIS = 1000;
  private static final long SUMMARY_NANOS = TimeUnit.SECONDS.toNanos(30);

  /** What a study run did. */
  public record Result(int trials, int committedBefore, int completed, int failed, String folder) {}

  private final Optional<Duration> liveReportEvery;

  /** A driver without a live report. */
  public StudyDriver(Study study, SparkConf conf, PrintWriter out) {
    this(study, conf, out, false, Optional.empty());
  }

  /**
   * @param force take the study's lease over even from a driver that renewed it lately
   */
  public StudyDriver(Study study, SparkConf conf, PrintWriter out, boolean force) {
    this(study, conf, out, force, Optional.empty());
  }

  /**
   * @param liveReportEvery when present, report.html is refreshed this often while the study
   *     trains, and shortly after each commit ({@link LiveReport})
   */
  public StudyDriver(
      Study study, SparkConf conf, PrintWriter out, Optional<Duration> liveReportEvery) {
    this(study, conf, out, false, liveReportEvery);
  }

  /**
   * @param force take the study's lease over even from a driver that renewed it lately
   * @param liveReportEvery when present, report.html is refreshed this often while the study
   *     trains, and shortly after each commit ({@link LiveReport})
   */
  public StudyDriver(
      Study study,
      SparkConf conf,
      PrintWriter out,
      boolean force,
      Optional<Duration> liveReportEvery) {
    super("study", study, conf, out, force);
    this.liveReportEvery = liveReportEvery;
  }

  public Result run() throws IOException, InterruptedException {
    return run(result -> {});
  }

  /**
   * Runs the study, then {@code afterwards} (the aggregation job, which writes into the study
   * folder too) before the lease is released.
   */
  public Result run(Afterwards<Result> afterwards) throws IOException, InterruptedException {
    Map<String, String> hadoopSettings = SparkSessions.hadoopSettings(conf);
    StudyFolder folder = StudyFolder.open(study.folder(), hadoopSettings);
    return underLease(folder, lease -> run(folder, hadoopSettings, lease), afterwards);
  }

  private Result run(StudyFolder folder, Map<String, String> hadoopSettings, StudyLease lease)
      throws IOException, InterruptedException {
    folder.claim(study);
    List<Trial> trials = TrialExpansion.expand(study);
    StudyProgress progress = new StudyProgress(study.name(), trials, out, System::nanoTime);
    TrialCommit commit = new TrialCommit(folder);
    List<Trial> pending = new ArrayList<>();
    for (Trial trial : trials) {
      Optional<TrialOutcome> earlier = commit.outcome(trial.id());
      if (earlier.isPresent() && commit.isCommitted(trial.id())) {
        progress.committedBefore(earlier.get());
      } else {
        pending.add(trial);
      }
    }
    TrialsTable table = new TrialsTable(folder);
    table.write(progress.rows());
    int committedBefore = trials.size() - pending.size();
    out.printf(
        "[study %s] %d trials, %d committed before, %d to train; folder %s%n",
        study.name(), trials.size(), committedBefore, pending.size(), folder.root());
    if (pending.isEmpty()) {
      out.printf("[study %s] nothing to train: every trial is committed%n", study.name());
      return result(trials.size(), committedBefore, progress, folder);
    }
    java.nio.file.Path taskLog = localLogs(folder).resolve(SparkTaskLog.FILE_NAME);
    progress.sparkTracesIn(taskLog.toString());
    SparkTaskLog routed = SparkTaskLog.open(taskLog);
    // The live report closes before the session: its last refresh finishes before this returns,
    // so the final analysis (run(Afterwards), still under the lease) overwrites it, not races it.
    try (SparkSession spark = SparkSessions.start(conf);
        LiveReport live = liveReport(folder)) {
      fanOut(spark, pending, folder, hadoopSettings, progress, table, lease, live);
    } finally {
      routed.close();
    }
    Result result = result(trials.size(), committedBefore, progress, folder);
    out.printf(
        "[study %s] finished: %d completed, %d failed; tables in %s%n",
        study.name(), result.completed(), result.failed(), folder.tablesFolder());
    out.flush();
    return result;
  }

  private void fanOut(
      SparkSession spark,
      List<Trial> pending,
      StudyFolder folder,
      Map<String, String> hadoopSettings,
      StudyProgress progress,
      TrialsTable table,
      StudyLease lease,
      LiveReport live)
      throws IOException, InterruptedException {
    SparkConf running = spark.sparkContext().getConf();
    ExecutorTrials trials =
        ExecutorTrials.of(spark.sparkContext().getConf(), folder, hadoopSettings);
    TrialTaskListener listener =
        new TrialTaskListener(pending.stream().map(Trial::id).toList(), progress);
    spark.sparkContext().addSparkListener(listener);
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    context.setJobDescription("study " + study.name() + ": " + pending.size() + " trials");
    // Cancelling the job (this driver lost its lease) interrupts the tasks, which stop trainers.
    spark.sparkContext().setInterruptOnCancel(true);
    JavaFutureAction<List<TrialOutcome>> outcomes =
        context.parallelize(pending, pending.size()).map(trials::run).collectAsync();
    TrialCommit commit = new TrialCommit(folder);
    long lastSummary = System.nanoTime();
    int completed = progress.completed();
    try {
      while (true) {
        try {
          for (TrialOutcome outcome : outcomes.get(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            progress.finished(outcome);
          }
          break;
        } catch (TimeoutException stillRunning) {
          if (lease.lost()) {
            outcomes.cancel(true);
            throw new RunFailedException(lease.lostMessage());
          }
          poll(folder, commit, progress);
          if (progress.changedSinceRows()) {
            table.write(progress.rows());
          }
          if (progress.completed() > completed) {
            completed = progress.completed();
            live.trialCommitted();
          }
          if (System.nanoTime() - lastSummary > SUMMARY_NANOS) {
            progress.logSummary();
            lastSummary = System.nanoTime();
          }
        }
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "the study's Spark job failed: " + e.getCause(), e.getCause());
    } finally {
      spark.sparkContext().removeSparkListener(listener);
      table.write(progress.rows());
    }
    progress.logSummary();
  }

  /** The live report, or one that never refreshes when the study runs without. */
  private LiveReport liveReport(StudyFolder folder) throws IOException {
    String label = "study " + study.name();
    if (liveReportEvery.isEmpty()) {
      return LiveReport.none();
    }
    Duration every = liveReportEvery.get();
    out.printf(
        "[%s] live report: %s, refreshed every %s and when trials commit%n",
        label, new Path(folder.root(), "report.html"), describe(every));
    return LiveReport.start(
        new LiveAnalysisProcess(
            folder.root().toString(), localLogs(folder), SparkSessions.hadoopSettings(conf)),
        every,
        out,
        label);
  }

  /**
   * Where the driver's own logs go: the study folder when it is local or mounted; for a study on
   * HDFS or S3, a folder of this machine named after the study (logs are appended to, which object
   * stores cannot do).
   */
  static java.nio.file.Path localLogs(StudyFolder folder) throws IOException {
    if (folder.isLocal()) {
      return java.nio.file.Path.of(folder.root().toUri());
    }
    java.nio.file.Path logs = remoteStudyLogs(folder.root().toString());
    java.nio.file.Files.createDirectories(logs);
    return logs;
  }

  /** The local folder of a remote study's driver logs (spark-tasks.log, live-report.log). */
  static java.nio.file.Path remoteStudyLogs(String studyRoot) {
    String name = studyRoot.replaceAll("[^A-Za-z0-9._-]+", "_");
    return java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "diffsweep-logs", name);
  }

  private static String describe(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds == 0) {
      return duration.toMillis() + " ms";
    }
    return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }

  /** Env steps from the running trials' run.json, and outcomes their tasks have left. */
  private static void poll(StudyFolder folder, TrialCommit commit, StudyProgress progress) {
    for (String trialId : progress.running()) {
      try {
        Optional<TrialOutcome> outcome = commit.outcome(trialId);
        if (outcome.isPresent()) {
          progress.finished(outcome.get());
          continue;
        }
        Path runJson = new Path(folder.runFolder(trialId), "run.json");
        if (folder.fileSystem().exists(runJson)) {
          RunRecord run = RunRecord.parse(folder.readString(runJson));
          if (run.envSteps != null) {
            progress.envSteps(trialId, run.envSteps);
          }
        }
      } catch (IOException | RuntimeException e) {
        // A file being replaced right now; the next poll reads it.
      }
    }
  }

  private static Result result(
      int trials, int committedBefore, StudyProgress progress, StudyFolder folder) {
    int completed = 0;
    int failed = 0;
    for (var row : progress.rows()) {
      switch (row.status()) {
        case COMPLETED -> completed++;
        case FAILED -> failed++;
        default -> {}
      }
    }
    return new Result(trials, committedBefore, completed, failed, folder.root().toString());
  }
}
