package dev.diffsweep.pipeline.tune.state;

import dev.diffsweep.contract.Direction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A read-only snapshot of all trials so far, what samplers and pruners decide from.
 *
 * @param trials every proposed trial, by number
 */
public record TuningHistory(List<TuningTrial> trials, Direction direction) {

  public TuningHistory {
    trials = trials.stream().sorted(Comparator.comparingInt(TuningTrial::number)).toList();
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

  public List<TuningTrial> completed() {
    return trials.stream().filter(t -> t.status() == TrialState.COMPLETED).toList();
  }

  /** Queued and running trials: proposed, result unknown. */
  public List<TuningTrial> pending() {
    return trials.stream().filter(t -> !t.status().isFinished()).toList();
  }

  /** The trial's value as a loss (lower is better); only for trials with a {@code value()}. */
  public double loss(TuningTrial trial) {
    return direction.loss(trial.value().orElseThrow());
  }

  /**
   * Completed and pruned trials, best first: completed ones by their objective, then pruned ones,
   * those that got further first and among equals by their value at the rung where they stopped (as
   * Optuna ranks pruned trials). Ties keep proposal order.
   */
  public List<TuningTrial> ranked() {
    List<TuningTrial> ranked = new ArrayList<>();
    ranked.addAll(completed().stream().sorted(Comparator.comparingDouble(this::loss)).toList());
    ranked.addAll(
        trials.stream()
            .filter(t -> t.status() == TrialState.PRUNED && t.value().isPresent())
            .sorted(
                Comparator.comparingInt(TuningTrial::rung)
                    .reversed()
                    .thenComparingDouble(this::loss))
            .toList());
    return ranked;
  }

  public Optional<TuningTrial> best() {
    return completed().stream().min(Comparator.comparingDouble(this::loss));
  }
}
