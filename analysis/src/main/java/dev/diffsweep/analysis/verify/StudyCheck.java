package dev.diffsweep.analysis.verify;

import java.util.List;

/**
 * What a verification of a study's committed trials found.
 *
 * @param committed the committed trials checked
 * @param damaged the trials whose files are damaged, missing or joined by files not committed
 * @param unrecorded trials committed before commits recorded their files: checked readable only
 */
public record StudyCheck(int committed, List<TrialDamage> damaged, List<String> unrecorded) {
  private static final int TRIALS_NAMED = 5;

  public boolean intact() {
    return damaged.isEmpty();
  }

  /**
   * Why a command refuses the study: the damaged files (the first few trials' in full) and the
   * command that repairs them.
   */
  public String refusal(String study) {
    StringBuilder text =
        new StringBuilder()
            .append(damaged.size())
            .append(damaged.size() == 1 ? " committed trial" : " committed trials")
            .append(" of ")
            .append(study)
            .append(damaged.size() == 1 ? " is" : " are")
            .append(" damaged (");
    for (int i = 0; i < Math.min(TRIALS_NAMED, damaged.size()); i++) {
      TrialDamage trial = damaged.get(i);
      text.append(i == 0 ? "" : "; ")
          .append(trial.trialId())
          .append(": ")
          .append(String.join(", ", trial.problems()));
    }
    if (damaged.size() > TRIALS_NAMED) {
      text.append("; and ").append(damaged.size() - TRIALS_NAMED).append(" more");
    }
    return text.append("). Run `bin/diffsweep verify ")
        .append(study)
        .append(" --repair` to un-commit the damaged trials, then rerun the study to retrain only")
        .append(" them")
        .toString();
  }
}
