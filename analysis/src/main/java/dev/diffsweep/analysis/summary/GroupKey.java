package dev.diffsweep.analysis.summary;

/**
 * The runs that are seeds of one another: an algorithm on a task with one configuration of the
 * hyperparameters that vary in the study (empty when none vary).
 */
public record GroupKey(String algorithm, String task, String config) {
  public String label() {
    return config.isEmpty() ? algorithm : algorithm + " [" + config + "]";
  }
}
