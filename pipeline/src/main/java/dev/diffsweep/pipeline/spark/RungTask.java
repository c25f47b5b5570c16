package dev.diffsweep.pipeline.spark;

import dev.diffsweep.pipeline.execution.TrialRunner;
import dev.diffsweep.pipeline.storage.StudyFolder;
import dev.diffsweep.pipeline.trial.RungOutcome;
import dev.diffsweep.pipeline.trial.RungRun;
import dev.diffsweep.pipeline.trial.TrainerLauncher;
import dev.diffsweep.pipeline.trial.TrialAttempt;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/** The Spark task of one seed's run at a tuning rung. */
final class RungTask implements Function<RungRun, RungOutcome> {
  private final String studyFolder;
  private final Map<String, String> hadoopSettings;
  private final int maxAttempts;
  private final String trainerMain;
  private final List<String> trainerJavaOptions;

  RungTask(
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
  public RungOutcome call(RungRun run) throws Exception {
    TaskContext context = TaskContext.get();
    int attempt = context.attemptNumber() + 1;
    TrialAttempt trialAttempt =
        new TrialAttempt(
            attempt, attempt >= maxAttempts, TrialTask.device(context), TrialTask.host());
    StudyFolder folder = StudyFolder.open(studyFolder, hadoopSettings);
    TrainerLauncher launcher = TrainerLauncher.forThisJvm(trainerMain, trainerJavaOptions);
    return new TrialRunner(folder, launcher).runToBudget(run.trial(), trialAttempt, run.budget());
  }
}
