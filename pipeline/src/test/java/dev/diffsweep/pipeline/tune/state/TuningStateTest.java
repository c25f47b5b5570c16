package dev.diffsweep.pipeline.tune.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diffsweep.contract.Direction;
import dev.diffsweep.pipeline.tune.SyntheticProblem;
import dev.diffsweep.pipeline.tune.sampler.RandomSampler;
import dev.diffsweep.pipeline.tune.space.SearchSpace;
import dev.diffsweep.pipeline.tune.space.TrialProposal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TuningStateTest {
  private final SearchSpace space = SyntheticProblem.space();
  private final List<TrialProposal> proposals =
      new RandomSampler(space, 1).propose(3, TuningHistory.empty(Direction.MAXIMIZE));

  @Test
  void aRecordSurvivesTheTripThroughARow() {
    TuningTrial record =
        TuningTrial.queued(4, proposals.get(0), 2, 0)
            .running()
            .withRungValue(12.5)
            .promoted()
            .withRungValue(-3.25)
            .pruned();

    TuningTrialRow row = TuningTrialRow.of(record, space);

    assertThat(row.status()).isEqualTo("pruned");
    assertThat(row.rungValues()).isEqualTo("0:12.5;1:-3.25");
    assertThat(row.params()).containsEntry("algorithm", proposals.get(0).algorithm());
    assertThat(row.toRecord(space)).isEqualTo(record);
  }

  @Test
  void aRowWhoseParametersNoLongerMatchItsIdIsRefused() {
    TuningTrialRow row = TuningTrialRow.of(TuningTrial.queued(0, proposals.get(0), 0, 0), space);
    Map<String, String> changed = new HashMap<>(row.params());
    changed.put("x", "0.0");
    TuningTrialRow tampered =
        new TuningTrialRow(0, row.configId(), changed, 0, 0, "queued", "", Double.NaN, null, 0);

    assertThatThrownBy(() -> tampered.toRecord(space))
        .hasMessageContaining("does not match its parameters");
  }

  @Test
  void theLatestRevisionOfEachTrialWinsWhenRebuilding() {
    TuningTrial queued = TuningTrial.queued(0, proposals.get(0), 0, 0);
    TuningTrial done = queued.running().withRungValue(1.0).completed();
    List<TuningTrialRow> rows = new ArrayList<>();
    rows.add(TuningTrialRow.of(done, space));
    rows.add(TuningTrialRow.of(queued, space));

    TuningState state = TuningState.fromRows(space, Direction.MAXIMIZE, rows);

    assertThat(state.byNumber(0)).isEqualTo(done);
  }

  @Test
  void refusesToProposeAConfigurationTwice() {
    TuningState state = TuningState.empty(Direction.MAXIMIZE);
    state.propose(List.of(proposals.get(0)), 0, 0);

    assertThatThrownBy(() -> state.propose(List.of(proposals.get(1), proposals.get(0)), 1, 0))
        .hasMessageContaining("was proposed before");
    assertThat(state.size()).as("a refused update changes nothing").isEqualTo(1);
  }

  @Test
  void rankingPutsCompletedTrialsFirstThenPrunedOnesThatGotFurther() {
    TuningTrial completedLow =
        TuningTrial.queued(0, proposals.get(0), 0, 0).running().withRungValue(1.0).completed();
    TuningTrial prunedEarlyHigh =
        TuningTrial.queued(1, proposals.get(1), 0, 0).running().withRungValue(100.0).pruned();
    TuningTrial prunedLate =
        TuningTrial.queued(2, proposals.get(2), 0, 0)
            .running()
            .withRungValue(0.0)
            .promoted()
            .withRungValue(5.0)
            .pruned();

    TuningHistory history =
        new TuningHistory(List.of(prunedEarlyHigh, prunedLate, completedLow), Direction.MAXIMIZE);

    assertThat(history.ranked()).containsExactly(completedLow, prunedLate, prunedEarlyHigh);
    assertThat(history.best()).contains(completedLow);
  }
}
