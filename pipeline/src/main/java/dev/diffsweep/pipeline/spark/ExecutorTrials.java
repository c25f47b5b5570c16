package dev.diffsweep.pipeline.spark;

import dev.diffsweep.pipeline.execution.TrialRunner;
import dev.diffsweep.pipeline.storage.StudyFolder;
import dev.diffsweep.pipeline.trial.RungOutcome;
import dev.diffsweep.pipeline.trial.RungRun;
import dev.diffsweep.pipeline.trial.TrainerLauncher;
import dev.diffsweep.pipeline.trial.Trial;
import dev.diffsweep.pipeline.trial.TrialAttempt;
import dev.diffsweep.pipeline.trial.TrialOutcome;
import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * What an executor needs to run a trial attempt, shipped with each Spark task: the study folder and
 * its Hadoop settings, the attempts Spark allows and how to start a trainer JVM. A study's tasks
 * train whole trials ({@link #run}), a tuning's train them to a rung's budget ({@link
 * #runToBudget}); both with the attempt number and GPU Spark gave the task.
 */
record ExecutorTrials(
    String studyFolder,
    Map<String, String> hadoopSettings,
    int maxAttempts,
    String trainerMain,
    List<String> trainerJavaOptions)
    implements Serializable {

  ExecutorTrials {
    hadoopSettings = Map.copyOf(hadoopSettings);
    trainerJavaOptions = List.copyOf(trainerJavaOptions);
  }

  /** From the running Spark context's settings (a profile's, or --conf). */
  static ExecutorTrials of(
      SparkConf running, StudyFolder folder, Map<String, String> hadoopSettings) {
    String options = running.get(StudyDriver.TRAINER_OPTIONS_KEY, "");
    return new ExecutorTrials(
        folder.root().toString(),
        hadoopSettings,
        SparkSessions.maxAttempts(running),
        running.get(StudyDriver.TRAINER_MAIN_KEY, TrainerLauncher.TRAINER_MAIN),
        options.isBlank() ? List.of() : Arrays.asList(options.strip().split("\\s+")));
  }

  TrialOutcome run(Trial trial) throws IOException, InterruptedException {
    return runner().run(trial, attempt());
  }

  RungOutcome runToBudget(RungRun run) throws IOException, InterruptedException {
    return runner().runToBudget(run.trial(), attempt(), run.budget());
  }

  /** Built here, on the executor: the trainer runs with the executor's java and classpath. */
  private TrialRunner runner() {
    return new TrialRunner(
        StudyFolder.open(studyFolder, hadoopSettings),
        TrainerLauncher.forThisJvm(trainerMain, trainerJavaOptions));
  }

  private TrialAttempt attempt() {
    TaskContext context = TaskContext.get();
    int attempt = context.attemptNumber() + 1;
    return new TrialAttempt(attempt, attempt >= maxAttempts, device(context), host());
  }

  /** gpu:N with the first GPU address Spark assigned to this task, else cpu. */
  private static String device(TaskContext context) {
    ResourceInformation gpu = context.resourcesJMap().get("gpu");
    if (gpu == null || gpu.addresses().length == 0) {
      return "cpu";
    }
    return "gpu:" + gpu.addresses()[0];
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
