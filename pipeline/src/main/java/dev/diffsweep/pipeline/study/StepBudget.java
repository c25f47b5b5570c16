package dev.diffsweep.pipeline.study;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Env steps per trial: one number for all trials, optionally a different one per task, and
 * optionally a budget of an algorithm's own (on-policy agents need about ten times the env steps of
 * off-policy ones for the same return, so one study comparing both gives each its budget).
 *
 * @param perAlgorithm an algorithm's own budget, itself a default and per-task entries; a trial of
 *     that algorithm takes its task's entry there, else that default, else the study-wide budget
 */
public record StepBudget(
    long defaultSteps, Map<String, Long> perTask, Map<String, StepBudget> perAlgorithm)
    implements Serializable {
  public StepBudget {
    perTask = Map.copyOf(perTask);
    perAlgorithm = Map.copyOf(perAlgorithm);
  }

  public StepBudget(long defaultSteps, Map<String, Long> perTask) {
    this(defaultSteps, perTask, Map.of());
  }

  /** The study-wide budget of a task (what a tuning study, which has one, uses). */
  public long forTask(String task) {
    return perTask.getOrDefault(task, defaultSteps);
  }

  /** The budget of one trial. */
  public long forTrial(String algorithm, String task) {
    StepBudget own = perAlgorithm.get(algorithm);
    if (own != null) {
      if (own.perTask.containsKey(task)) {
        return own.perTask.get(task);
      }
      if (own.defaultSteps > 0) {
        return own.defaultSteps;
      }
    }
    return forTask(task);
  }

  /** The budget as text for a study's identity: as before for a study without algorithm entries. */
  String describe() {
    String text = defaultSteps + " " + new TreeMap<>(perTask);
    if (perAlgorithm.isEmpty()) {
      return text;
    }
    StringBuilder algorithms = new StringBuilder();
    new TreeMap<>(perAlgorithm)
        .forEach(
            (name, own) -> algorithms.append(' ').append(name).append('=').append(own.describe()));
    return text + algorithms;
  }
}
