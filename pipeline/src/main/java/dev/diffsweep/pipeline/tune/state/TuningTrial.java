package dev.diffsweep.pipeline.tune.state;

import dev.diffsweep.pipeline.tune.space.TrialProposal;
import java.util.Collections;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the tuner knows about one trial; immutable, each change gives a new record with a
 * higher revision (so a store that appends versions can keep the latest).
 *
 * @param number the order in which trials were proposed, from 0
 * @param cohort the batch it was proposed in (a Hyperband bracket, a generation, a batch of
 *     parallel trials); trials of a cohort move through the rungs together
 * @param rung the rung it trains towards while queued or running, the rung it stopped at otherwise
 * @param rungValues the objective at each rung budget it reached, by rung index
 * @param error why it failed, or null
 */
public record TuningTrial(
    int number,
    TrialProposal proposal,
    int cohort,
    int rung,
    TrialState status,
    SortedMap<Integer, Double> rungValues,
    String error,
    long revision) {

  public TuningTrial {
    rungValues = Collections.unmodifiableSortedMap(new TreeMap<>(rungValues));
  }

  public static TuningTrial queued(int number, TrialProposal proposal, int cohort, int rung) {
    return new TuningTrial(
        number, proposal, cohort, rung, TrialState.QUEUED, new TreeMap<>(), null, 0);
  }

  public String id() {
    return proposal.id();
  }

  /** Whether the objective at its current rung is known (the rung's training is done). */
  public boolean hasValueAtRung() {
    return rungValues.containsKey(rung);
  }

  /**
   * The objective for a completed trial, the value at the rung where it stopped for a pruned one,
   * empty otherwise.
   */
  public OptionalDouble value() {
    if ((status == TrialState.COMPLETED || status == TrialState.PRUNED) && hasValueAtRung()) {
      return OptionalDouble.of(rungValues.get(rung));
    }
    return OptionalDouble.empty();
  }

  public TuningTrial running() {
    return with(rung, TrialState.RUNNING, rungValues, null);
  }

  public TuningTrial withRungValue(double value) {
    SortedMap<Integer, Double> values = new TreeMap<>(rungValues);
    values.put(rung, value);
    return with(rung, status, values, null);
  }

  /** Moves on to train towards the next rung, from its checkpoint. */
  public TuningTrial promoted() {
    return with(rung + 1, TrialState.RUNNING, rungValues, null);
  }

  public TuningTrial completed() {
    return with(rung, TrialState.COMPLETED, rungValues, null);
  }

  public TuningTrial pruned() {
    return with(rung, TrialState.PRUNED, rungValues, null);
  }

  public TuningTrial failed(String why) {
    return with(rung, TrialState.FAILED, rungValues, why);
  }

  private TuningTrial with(
      int newRung, TrialState newStatus, SortedMap<Integer, Double> values, String why) {
    return new TuningTrial(number, proposal, cohort, newRung, newStatus, values, why, revision + 1);
  }
}
