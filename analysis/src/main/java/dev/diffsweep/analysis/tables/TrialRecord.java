package dev.diffsweep.analysis.tables;

import java.util.Map;

/** One row of the {@code trials} table, as far as the analysis needs it. */
public record TrialRecord(
    String trialId,
    String study,
    String algorithm,
    String task,
    int seed,
    Map<String, String> hyperparameters,
    String status,
    Long totalSteps,
    String codeVersion,
    String mujocoVersion,
    String torchVersion,
    String device) {

  public static final String COMPLETED = "completed";

  /**
   * When the trials table holds several rows of one trial (one file per driver update), the row
   * with the furthest-along status wins.
   */
  int statusRank() {
    return switch (status == null ? "" : status) {
      case COMPLETED -> 5;
      case "pruned" -> 4;
      case "failed" -> 3;
      case "running" -> 2;
      case "queued" -> 1;
      default -> 0;
    };
  }
}
