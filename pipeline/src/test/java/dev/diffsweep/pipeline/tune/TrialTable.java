package dev.diffsweep.pipeline.tune;

import dev.diffsweep.contract.Direction;
import dev.diffsweep.pipeline.tune.space.SearchSpace;
import dev.diffsweep.pipeline.tune.state.TuningState;
import dev.diffsweep.pipeline.tune.state.TuningTrial;
import dev.diffsweep.pipeline.tune.state.TuningTrialRow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An in-memory trials table: appends each update's rows, as the pipeline writes one file per
 * update. It can be told to die at an update, before writing it, as a killed driver would.
 */
final class TrialTable implements Consumer<List<TuningTrial>> {
  private final SearchSpace space;
  private final List<TuningTrialRow> rows = new ArrayList<>();
  private int updatesBeforeDying = Integer.MAX_VALUE;
  private int updates;

  TrialTable(SearchSpace space) {
    this.space = space;
  }

  TrialTable dyingAtUpdate(int update) {
    this.updatesBeforeDying = update;
    return this;
  }

  int updates() {
    return updates;
  }

  @Override
  public void accept(List<TuningTrial> update) {
    if (updates == updatesBeforeDying) {
      throw new IllegalStateException("driver killed");
    }
    updates++;
    update.forEach(record -> rows.add(TuningTrialRow.of(record, space)));
  }

  /** A new state whose updates go to this table. */
  TuningState emptyState(Direction direction) {
    TuningState state = TuningState.empty(direction);
    state.onUpdate(this);
    return state;
  }

  /** The state rebuilt from the rows, its updates going on into this table. */
  TuningState rebuild(Direction direction) {
    TuningState state = TuningState.fromRows(space, direction, rows);
    state.onUpdate(this);
    return state;
  }
}
