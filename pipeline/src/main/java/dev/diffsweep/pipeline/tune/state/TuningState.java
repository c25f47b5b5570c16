package dev.diffsweep.pipeline.tune.state;

import dev.diffsweep.pipeline.tune.space.SearchSpace;
import dev.diffsweep.pipeline.tune.space.TrialProposal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The tuner's book of trials: every proposal, rung result and final state. Each change is handed to
 * a listener before the tuner acts on it, so a store (the study's trials table) always holds enough
 * to rebuild this state after a crash: {@link #fromRows} gives back a state from which the tuner
 * continues without training a finished trial again.
 */
public final class TuningState {
  private final Direction direction;
  private final SortedMap<Integer, TrialRecord> trials = new TreeMap<>();
  private Consumer<TrialRecord> listener = record -> {};

  private TuningState(Direction direction) {
    this.direction = direction;
  }

  public static TuningState empty(Direction direction) {
    return new TuningState(direction);
  }

  /** A state from stored versions of records; of several versions of a trial the latest counts. */
  public static TuningState fromRecords(Direction direction, Collection<TrialRecord> versions) {
    TuningState state = new TuningState(direction);
    for (TrialRecord version : versions) {
      TrialRecord known = state.trials.get(version.number());
      if (known == null || known.revision() < version.revision()) {
        state.trials.put(version.number(), version);
      }
    }
    state.checkIdsDistinct();
    return state;
  }

  /** A state from the rows a store kept (see {@link TrialRow}). */
  public static TuningState fromRows(
      SearchSpace space, Direction direction, Collection<TrialRow> rows) {
    List<TrialRecord> versions = new ArrayList<>();
    for (TrialRow row : rows) {
      versions.add(row.toRecord(space));
    }
    return fromRecords(direction, versions);
  }

  /** Who hears of every change (the pipeline: write the trial's row). */
  public void onRecord(Consumer<TrialRecord> newListener) {
    this.listener = newListener;
  }

  public Direction direction() {
    return direction;
  }

  /** Records a new trial, queued at its cohort's first rung. */
  public TrialRecord propose(TrialProposal proposal, int cohort, int startRung) {
    if (byId(proposal.id()).isPresent()) {
      throw new IllegalStateException("configuration " + proposal.id() + " was proposed before");
    }
    TrialRecord record = TrialRecord.queued(trials.size(), proposal, cohort, startRung);
    record(record);
    return record;
  }

  /** Records a trial's new version (a later revision of a known trial, or a new trial). */
  public void record(TrialRecord version) {
    TrialRecord known = trials.get(version.number());
    if (known != null && known.revision() >= version.revision()) {
      throw new IllegalStateException(
          "trial " + version.number() + ": revision " + version.revision() + " is not newer");
    }
    trials.put(version.number(), version);
    listener.accept(version);
  }

  public TuningHistory history() {
    return new TuningHistory(List.copyOf(trials.values()), direction);
  }

  public int size() {
    return trials.size();
  }

  public Optional<TrialRecord> byId(String id) {
    return trials.values().stream().filter(t -> t.id().equals(id)).findFirst();
  }

  public TrialRecord byNumber(int number) {
    return trials.get(number);
  }

  /** The trials of one cohort, by number. */
  public List<TrialRecord> cohort(int cohort) {
    return trials.values().stream().filter(t -> t.cohort() == cohort).toList();
  }

  /** How many cohorts were started (cohort indices are 0..count-1). */
  public int cohortCount() {
    return trials.values().stream().mapToInt(TrialRecord::cohort).max().orElse(-1) + 1;
  }

  private void checkIdsDistinct() {
    long distinct = trials.values().stream().map(TrialRecord::id).distinct().count();
    if (distinct != trials.size()) {
      throw new IllegalStateException("stored trials repeat a configuration id");
    }
  }
}
