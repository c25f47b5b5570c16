package dev.diffsweep.pipeline.tune.state;

import dev.diffsweep.contract.Direction;
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
  private final SortedMap<Integer, TuningTrial> trials = new TreeMap<>();
  private Consumer<List<TuningTrial>> listener = update -> {};

  private TuningState(Direction direction) {
    this.direction = direction;
  }

  public static TuningState empty(Direction direction) {
    return new TuningState(direction);
  }

  /** A state from stored versions of records; of several versions of a trial the latest counts. */
  public static TuningState fromRecords(Direction direction, Collection<TuningTrial> versions) {
    TuningState state = new TuningState(direction);
    for (TuningTrial version : versions) {
      TuningTrial known = state.trials.get(version.number());
      if (known == null || known.revision() < version.revision()) {
        state.trials.put(version.number(), version);
      }
    }
    state.checkIdsDistinct();
    return state;
  }

  /** A state from the rows a store kept (see {@link TuningTrialRow}). */
  public static TuningState fromRows(
      SearchSpace space, Direction direction, Collection<TuningTrialRow> rows) {
    List<TuningTrial> versions = new ArrayList<>();
    for (TuningTrialRow row : rows) {
      versions.add(row.toRecord(space));
    }
    return fromRecords(direction, versions);
  }

  /**
   * Who hears of every update, before it takes effect (the pipeline: write the rows of the update
   * as one file). If the listener throws, the update does not happen.
   */
  public void onUpdate(Consumer<List<TuningTrial>> newListener) {
    this.listener = newListener;
  }

  public Direction direction() {
    return direction;
  }

  /** Records new trials, queued at their cohort's first rung, as one update. */
  public List<TuningTrial> propose(List<TrialProposal> proposals, int cohort, int startRung) {
    List<TuningTrial> records = new ArrayList<>();
    for (TrialProposal proposal : proposals) {
      boolean repeated =
          byId(proposal.id()).isPresent()
              || records.stream().anyMatch(r -> r.id().equals(proposal.id()));
      if (repeated) {
        throw new IllegalStateException("configuration " + proposal.id() + " was proposed before");
      }
      records.add(TuningTrial.queued(trials.size() + records.size(), proposal, cohort, startRung));
    }
    record(records);
    return records;
  }

  /** Records new versions of trials (later revisions of known trials) as one update. */
  public void record(List<TuningTrial> update) {
    for (TuningTrial version : update) {
      TuningTrial known = trials.get(version.number());
      if (known != null && known.revision() >= version.revision()) {
        throw new IllegalStateException(
            "trial " + version.number() + ": revision " + version.revision() + " is not newer");
      }
    }
    if (update.isEmpty()) {
      return;
    }
    listener.accept(List.copyOf(update));
    for (TuningTrial version : update) {
      trials.put(version.number(), version);
    }
  }

  public TuningHistory history() {
    return new TuningHistory(List.copyOf(trials.values()), direction);
  }

  public int size() {
    return trials.size();
  }

  public Optional<TuningTrial> byId(String id) {
    return trials.values().stream().filter(t -> t.id().equals(id)).findFirst();
  }

  public TuningTrial byNumber(int number) {
    return trials.get(number);
  }

  /** The trials of one cohort, by number. */
  public List<TuningTrial> cohort(int cohort) {
    return trials.values().stream().filter(t -> t.cohort() == cohort).toList();
  }

  /** How many cohorts were started (cohort indices are 0..count-1). */
  public int cohortCount() {
    return trials.values().stream().mapToInt(TuningTrial::cohort).max().orElse(-1) + 1;
  }

  private void checkIdsDistinct() {
    long distinct = trials.values().stream().map(TuningTrial::id).distinct().count();
    if (distinct != trials.size()) {
      throw new IllegalStateException("stored trials repeat a configuration id");
    }
  }
}
