package dev.diffsweep.pipeline.spark;

import dev.diffsweep.pipeline.storage.StudyFolder;
import dev.diffsweep.pipeline.storage.StudyLease;
import dev.diffsweep.pipeline.study.Study;
import dev.diffsweep.pipeline.trial.RungOutcome;
import dev.diffsweep.pipeline.trial.RungRun;
import dev.diffsweep.pipeline.trial.Trial;
import dev.diffsweep.pipeline.trial.TuningTrials;
import dev.diffsweep.pipeline.tune.EvaluationPoint;
import dev.diffsweep.pipeline.tune.RunRequest;
import dev.diffsweep.pipeline.tune.RunResult;
import dev.diffsweep.pipeline.tune.RungTrainer;
import dev.diffsweep.pipeline.tune.space.SearchSpace;
import dev.diffsweep.trainer.cli.RunFailedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.SparkSession;

/**
 * The tuner's trial runner on Spark: one Spark job per rung, one task per (configuration, seed),
 * each a trainer JVM that stops at the rung's budget and resumes there at the next rung. Spark
 * starts with the first rung that has something to train, so a finished tuning needs none.
 */
final class SparkTrialRunner implements RungTrainer, AutoCloseable {
  private final Study study;
  private final SearchSpace space;
  private final SparkConf conf;
  private final StudyFolder folder;
  private final Map<String, String> hadoopSettings;
  private final StudyLease lease;
  private final Consumer<String> log;
  private final java.nio.file.Path taskLogFile;
  private SparkTaskLog taskLog;
  private SparkSession spark;
  private int runsTrained;

  /**
   * @param log the tuning's log lines (a retried attempt is one line there; Spark's traces of it go
   *     to the study's {@link SparkTaskLog})
   */
  SparkTrialRunner(
      Study study,
      SearchSpace space,
      SparkConf conf,
      StudyFolder folder,
      Map<String, String> hadoopSettings,
      StudyLease lease,
      Consumer<String> log) {
    this.lease = lease;
    this.log = log;
    this.taskLogFile = java.nio.file.Path.of(folder.root().toUri()).resolve(SparkTaskLog.FILE_NAME);
    this.study = study;
    this.space = space;
    this.conf = conf;
    this.folder = folder;
    this.hadoopSettings = hadoopSettings;
  }

  @Override
  public List<RunResult> run(List<RunRequest> requests) {
    if (lease.lost()) {
      throw new RunFailedException(lease.lostMessage());
    }
    List<RungRun> runs = new ArrayList<>();
    for (RunRequest request : requests) {
      for (int seed : request.seeds()) {
        Trial trial = TuningTrials.trial(study, space, request.proposal(), seed);
        runs.add(new RungRun(trial, request.budget()));
      }
    }
    if (spark == null) {
      taskLog = SparkTaskLog.open(taskLogFile);
      spark = SparkSessions.start(conf);
    }
    ExecutorTrials trials =
        ExecutorTrials.of(spark.sparkContext().getConf(), folder, hadoopSettings);
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    context.setJobDescription(
        "tune " + study.name() + ": " + runs.size() + " runs to " + requests.get(0).budget());
    Map<String, RungOutcome> outcomes = new HashMap<>();
    RetryListener retries = new RetryListener(runs.stream().map(run -> run.trial().id()).toList());
    spark.sparkContext().addSparkListener(retries);
    try {
      for (RungOutcome outcome :
          context.parallelize(runs, runs.size()).map(trials::runToBudget).collect()) {
        outcomes.put(outcome.trialId(), outcome);
        if (outcome.newlyTrained()) {
          runsTrained++;
        }
      }
    } finally {
      spark.sparkContext().removeSparkListener(retries);
    }
    List<RunResult> results = new ArrayList<>();
    for (RunRequest request : requests) {
      results.add(result(request, outcomes));
    }
    return results;
  }

  private RunResult result(RunRequest request, Map<String, RungOutcome> outcomes) {
    List<List<EvaluationPoint>> curves = new ArrayList<>();
    for (int seed : request.seeds()) {
      String trialId = TuningTrials.trial(study, space, request.proposal(), seed).id();
      RungOutcome outcome = outcomes.get(trialId);
      if (outcome == null || outcome.error() != null) {
        String why = outcome == null ? "no result" : outcome.error();
        return RunResult.failed(request.number(), "seed " + seed + " (" + trialId + "): " + why);
      }
      curves.add(outcome.curve());
    }
    return RunResult.trained(request.number(), curves);
  }

  /** Runs that trained in this invocation (not those already at their budget). */
  int runsTrained() {
    return runsTrained;
  }

  @Override
  public void close() {
    if (spark != null) {
      spark.stop();
    }
    if (taskLog != null) {
      taskLog.close();
    }
  }

  /** One log line for each failed attempt of a rung's tasks (task i is run i); Spark retries it. */
  private final class RetryListener extends SparkListener {
    private final List<String> trialIds;
    private volatile int stageId = -1;

    RetryListener(List<String> trialIds) {
      this.trialIds = trialIds;
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart taskStart) {
      if (stageId < 0) {
        stageId = taskStart.stageId(); // a rung is one job of one stage
      }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      if (taskEnd.stageId() == stageId && taskEnd.reason() instanceof TaskFailedReason failure) {
        String reason = failure.toErrorString();
        int newline = reason.indexOf('\n');
        log.accept(
            trialIds.get(taskEnd.taskInfo().index())
                + ": attempt "
                + (taskEnd.taskInfo().attemptNumber() + 1)
                + " failed, Spark retries it: "
                + (newline < 0 ? reason : reason.substring(0, newline) + " ...")
                + " (Spark's trace: "
                + taskLogFile
                + ")");
      }
    }
  }
}
