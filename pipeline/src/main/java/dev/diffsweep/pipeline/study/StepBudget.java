package dev.diffsweep.pipeline.study;

import java.io.Serializable;
import java.util.Map;

/** Env steps per trial: one number for all tasks, optionally a different one per task. */
public record StepBudget(long defaultSteps, Map<String, Long> perTask) implements Serializable {
  public StepBudget {
    perTask = Map.copyOf(perTask);
  }

  public long forTask(String task) {
    return perTask.getOrDefault(task, defaultSteps);
  }
}
