package dev.diffsweep.pipeline.tune.pruner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.contract.Direction;
import dev.diffsweep.pipeline.tune.state.TuningHistory;
import dev.diffsweep.pipeline.tune.state.TuningTrial;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MedianPrunerTest {
  private final RungSchedule rungs = RungSchedule.every(1_000, 4_000, 500);

  @Test
  void prunesTrialsWorseThanTheMedianOfCompletedTrialsAtTheSameRung() {
    MedianPruner pruner = new MedianPruner(rungs, 5, 0);
    TuningHistory history = historyWithCompleted(1, 2, 3, 4, 5);

    var judged = RungValues.atRung(100, 1, 2.5, 3, 4);

    assertThat(pruner.survivors(1, judged, history)).containsExactlyInAnyOrder(101, 102);
  }

  @Test
  void prunesNothingBeforeEnoughTrialsHaveCompleted() {
    MedianPruner pruner = new MedianPruner(rungs, 5, 0);
    TuningHistory history = historyWithCompleted(1, 2, 3, 4);

    var judged = RungValues.atRung(100, 1, -10, 3);

    assertThat(pruner.survivors(1, judged, history)).containsExactlyInAnyOrder(100, 101);
  }

  @Test
  void prunesNothingDuringWarmup() {
    MedianPruner pruner = new MedianPruner(rungs, 1, 2_500);
    TuningHistory history = historyWithCompleted(1, 2, 3, 4, 5);

    var judged = RungValues.atRung(100, 1, -10);

    assertThat(rungs.budget(1)).isLessThan(2_500);
    assertThat(pruner.survivors(1, judged, history)).containsExactly(100);
  }

  /** Completed trials that had value v at every rung up to the last. */
  private TuningHistory historyWithCompleted(double... values) {
    List<TuningTrial> completed = new ArrayList<>();
    for (TuningTrial trial : RungValues.atRung(0, rungs.lastRung(), values)) {
      completed.add(trial.completed());
    }
    return new TuningHistory(completed, Direction.MAXIMIZE);
  }
}
