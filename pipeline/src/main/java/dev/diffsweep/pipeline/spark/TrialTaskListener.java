package dev.diffsweep.pipeline.spark;

import dev.diffsweep.pipeline.trial.StudyProgress;
import java.util.List;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Turns Spark's task events into trial states: task i of the study's job is trial i, and each
 * attempt Spark starts or loses is the trial's.
 */
final class TrialTaskListener extends SparkListener {
  private final List<String> trialIds;
  private final StudyProgress progress;
  private volatile int stageId = -1;

  TrialTaskListener(List<String> trialIds, StudyProgress progress) {
    this.trialIds = List.copyOf(trialIds);
    this.progress = progress;
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart taskStart) {
    if (stageId < 0) {
      stageId = taskStart.stageId(); // the study runs one job of one stage
    }
    if (taskStart.stageId() == stageId) {
      progress.started(
          trialIds.get(taskStart.taskInfo().index()), taskStart.taskInfo().attemptNumber() + 1);
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (taskEnd.stageId() == stageId && taskEnd.reason() instanceof TaskFailedReason failure) {
      progress.attemptFailed(
          trialIds.get(taskEnd.taskInfo().index()),
          taskEnd.taskInfo().attemptNumber() + 1,
          failure.toErrorString());
    }
  }
}
