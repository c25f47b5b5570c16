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
  private Consumer<List<TrialRecord>> listener = update -> {};

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

  /**
   * Who hears of every update, before it takes effect (the pipeline: write the rows of the update
   * as one file). If the listener throws, the update does not happen.
   */
  public void onUpdate(Consumer<List<TrialRecord>> newListener) {
    this.listener = newListener;
  }

  public Direction direction() {
    return direction;
  }

  /** Records new trials, queued at their cohort's first rung, as one update. */
  public List<TrialRecord> propose(List<TrialProposal> proposals, int cohort, int startRung) {
    List<TrialRecord> records = new ArrayList<>();
    for (TrialProposal proposal : proposals) {
      boolean repeated =
          byId(proposal.id()).isPresent()
              || records.stream().anyMatch(r -> r.id().equals(proposal.id()));
      if (repeated) {
        throw new IllegalStateException("configuration " + proposal.id() + " was proposed before");
      }
      records.add(TrialRecord.queued(trials.size() + records.size(), proposal, cohort, startRung));
    }
    record(records);
    return records;
  }

  /** Records new versions of trials (later revisions of known trials) as one update. */
  public void record(List<TrialRecord> update) {
    for (TrialRecord version : update) {
      TrialRecord known = trials.get(version.number());
      if (known != null && known.revision() >= version.revision()) {
        throw new IllegalStateException(
            "trial " + version.number() + ": revision " + version.revision() + " is not newer");
      }
    }
    if (update.isEmpty()) {
      return;
    }
    listener.accept(List.copyOf(update));
    for (TrialRecord version : update) {
      trials.put(version.number(), version);
    }
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
