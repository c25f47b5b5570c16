package dev.diffsweep.pipeline.tune.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A read-only snapshot of all trials so far, what samplers and pruners decide from.
 *
 * @param trials every proposed trial, by number
 */
public record TuningHistory(List<TrialRecord> trials, Direction direction) {

  public TuningHistory {
    trials = trials.stream().sorted(Comparator.comparingInt(TrialRecord::number)).toList();
  }

  public static TuningHistory empty(Direction direction) {
    return new TuningHistory(List.of(), direction);
  }

  public int size() {
    return trials.size();
  }

  public boolean containsId(String id) {
    return trials.stream().anyMatch(trial -> trial.id().equals(id));
  }

  public List<TrialRecord> completed() {
    return trials.stream().filter(t -> t.status() == TrialStatus.COMPLETED).toList();
  }

  /** Queued and running trials: proposed, result unknown. */
  public List<TrialRecord> pending() {
    return trials.stream().filter(t -> !t.status().isFinished()).toList();
  }

  /** The trial's value as a loss (lower is better); only for trials with a {@code value()}. */
  public double loss(TrialRecord trial) {
    return direction.loss(trial.value().orElseThrow());
  }

  /**
   * Completed and pruned trials, best first: completed ones by their objective, then pruned ones,
   * those that got further first and among equals by their value at the rung where they stopped (as
   * Optuna ranks pruned trials). Ties keep proposal order.
   */
  public List<TrialRecord> ranked() {
    List<TrialRecord> ranked = new ArrayList<>();
    ranked.addAll(completed().stream().sorted(Comparator.comparingDouble(this::loss)).toList());
    ranked.addAll(
        trials.stream()
            .filter(t -> t.status() == TrialStatus.PRUNED && t.value().isPresent())
            .sorted(
                Comparator.comparingInt(TrialRecord::rung)
                    .reversed()
                    .thenComparingDouble(this::loss))
            .toList());
    return ranked;
  }

  public Optional<TrialRecord> best() {
    return completed().stream().min(Comparator.comparingDouble(this::loss));
  }
}
