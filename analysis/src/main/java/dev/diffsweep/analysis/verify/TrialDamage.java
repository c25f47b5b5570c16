package dev.diffsweep.analysis.verify;

import java.util.List;

/**
 * A committed trial whose files are not what its commit recorded.
 *
 * @param problems one phrase per damaged, missing or extra file, naming it relative to the study
 */
public record TrialDamage(String trialId, List<String> problems) {
  /** The line {@code verify} prints for this trial. */
  public String line() {
    return "damaged trial " + trialId + ": " + String.join("; ", problems);
  }
}
