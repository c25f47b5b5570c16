package dev.diffsweep.pipeline.spark;

import dev.diffsweep.pipeline.execution.TrialRunner;
import dev.diffsweep.pipeline.storage.StudyFolder;
import dev.diffsweep.pipeline.trial.TrainerLauncher;
import dev.diffsweep.pipeline.trial.Trial;
import dev.diffsweep.pipeline.trial.TrialAttempt;
import dev.diffsweep.pipeline.trial.TrialOutcome;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.resource.ResourceInformation;

/** The Spark task of one trial: runs it on the executor with the attempt and GPU Spark gave. */
final class TrialTask implements Function<Trial, TrialOutcome> {
  private final String studyFolder;
  private final Map<String, String> hadoopSettings;
  private final int maxAttempts;
  private final String trainerMain;
  private final List<String> trainerJavaOptions;

  TrialTask(
      String studyFolder,
      Map<String, String> hadoopSettings,
      int maxAttempts,
      String trainerMain,
      List<String> trainerJavaOptions) {
    this.studyFolder = studyFolder;
    this.hadoopSettings = Map.copyOf(hadoopSettings);
    this.maxAttempts = maxAttempts;
    this.trainerMain = trainerMain;
    this.trainerJavaOptions = List.copyOf(trainerJavaOptions);
  }

  @Override
  public TrialOutcome call(Trial trial) throws Exception {
    TaskContext context = TaskContext.get();
    int attempt = context.attemptNumber() + 1;
    TrialAttempt trialAttempt =
        new TrialAttempt(attempt, attempt >= maxAttempts, device(context), host());
    StudyFolder folder = StudyFolder.open(studyFolder, hadoopSettings);
    // Built here, on the executor: the trainer runs with the executor's java and classpath.
    TrainerLauncher launcher = TrainerLauncher.forThisJvm(trainerMain, trainerJavaOptions);
    return new TrialRunner(folder, launcher).run(trial, trialAttempt);
  }

  /** gpu:N with the first GPU address Spark assigned to this task, else cpu. */
  static String device(TaskContext context) {
    ResourceInformation gpu = context.resourcesJMap().get("gpu");
    if (gpu == null || gpu.addresses().length == 0) {
      return "cpu";
    }
    return "gpu:" + gpu.addresses()[0];
  }

  static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
