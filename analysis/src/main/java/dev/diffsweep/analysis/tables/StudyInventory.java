package dev.diffsweep.analysis.tables;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a study folder holds: every trial the trials table knows (one row each), which of them are
 * committed (completed, with both their episodes and evaluations folders in place) and which trial
 * ids have an evaluations folder at all.
 */
public record StudyInventory(
    List<TrialRecord> trials, Set<String> committedTrialIds, Set<String> trialsWithEvaluations) {

  /** Evaluations folders of trials that are not committed (a commit in progress, a failure). */
  public Set<String> uncommittedEvaluations() {
    Set<String> uncommitted = new HashSet<>(trialsWithEvaluations);
    uncommitted.removeAll(committedTrialIds);
    return uncommitted;
  }

  public List<TrialRecord> committedTrials() {
    return trials.stream().filter(t -> committedTrialIds.contains(t.trialId())).toList();
  }

  /** Trials by status, e.g. {completed=8, running=2}. */
  public Map<String, Long> countByStatus() {
    Map<String, Long> counts = new TreeMap<>();
    for (TrialRecord trial : trials) {
      counts.merge(String.valueOf(trial.status()), 1L, Long::sum);
    }
    return counts;
  }

  /** Trials the table calls completed whose folders have not been committed (yet). */
  public long completedButUncommitted() {
    return trials.stream()
        .filter(t -> TrialRecord.COMPLETED.equals(t.status()))
        .filter(t -> !committedTrialIds.contains(t.trialId()))
        .count();
  }

  /** One sentence on what exists, for the console and the report. */
  public String describe() {
    if (trials.isEmpty()) {
      return "The study has no trials yet (the trials table is empty or missing).";
    }
    StringBuilder text =
        new StringBuilder()
            .append(trials.size())
            .append(" trials (")
            .append(countByStatus().toString().replaceAll("[{}]", ""))
            .append("), ")
            .append(committedTrialIds.size())
            .append(" committed");
    long pending = completedButUncommitted();
    if (pending > 0) {
      text.append(", ").append(pending).append(" completed but not yet committed");
    }
    return text.append('.').toString();
  }
}
