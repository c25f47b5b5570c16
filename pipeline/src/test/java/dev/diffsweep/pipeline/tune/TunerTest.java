package dev.diffsweep.pipeline.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diffsweep.contract.Direction;
import dev.diffsweep.pipeline.tune.pruner.NoPruner;
import dev.diffsweep.pipeline.tune.pruner.RungSchedule;
import dev.diffsweep.pipeline.tune.pruner.SuccessiveHalving;
import dev.diffsweep.pipeline.tune.sampler.RandomSampler;
import dev.diffsweep.pipeline.tune.sampler.TpeSampler;
import dev.diffsweep.pipeline.tune.space.SearchSpace;
import dev.diffsweep.pipeline.tune.state.TrialState;
import dev.diffsweep.pipeline.tune.state.TuningState;
import dev.diffsweep.pipeline.tune.state.TuningTrial;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TunerTest {
  private static final long EVALUATION_EVERY = 1_000;
  private final SearchSpace space = SyntheticProblem.space();

  @Test
  void successiveHalvingTrainsTheBestThirdOnFromTheirCheckpoints() {
    Tuner tuner = halvingTuner(9, 9, 3, 9_000);
    SyntheticTraining training = new SyntheticTraining(EVALUATION_EVERY);

    TuningState state = tuner.run(TuningState.empty(Direction.MAXIMIZE), training);

    List<TuningTrial> trials = state.history().trials();
    List<TuningTrial> bestAtFirstRung =
        trials.stream()
            .sorted(Comparator.comparingDouble((TuningTrial t) -> -t.rungValues().get(0)))
            .limit(3)
            .toList();
    assertThat(trials.stream().filter(t -> t.status() == TrialState.PRUNED && t.rung() == 0))
        .hasSize(6)
        .doesNotContainAnyElementsOf(bestAtFirstRung);
    assertThat(trials.stream().filter(t -> t.rungValues().containsKey(1)))
        .extracting(TuningTrial::number)
        .containsExactlyInAnyOrderElementsOf(
            bestAtFirstRung.stream().map(TuningTrial::number).toList());
    assertThat(trials.stream().filter(t -> t.status() == TrialState.PRUNED && t.rung() == 1))
        .hasSize(2);
    assertThat(trials.stream().filter(t -> t.status() == TrialState.COMPLETED))
        .singleElement()
        .satisfies(best -> assertThat(best.rung()).isEqualTo(2));
    // 9 trials to 1k steps, 3 on from 1k to 3k, 1 on from 3k to 9k; two seeds each.
    assertThat(training.trained()).hasSize(9 + 3 + 1);
    assertThat(training.resumedFrom())
        .containsExactlyElementsOf(concat(repeat(0L, 18), repeat(1_000L, 6), repeat(3_000L, 2)));
  }

  @Test
  void aKilledTuningResumesFromItsRowsWithoutRepeatingAndEndsAsAnUninterruptedOne() {
    TrialTable complete = new TrialTable(space);
    List<TuningTrial> uninterrupted =
        halvingTuner(12, 4, 2, 4_000)
            .run(complete.emptyState(Direction.MAXIMIZE), new SyntheticTraining(EVALUATION_EVERY))
            .history()
            .trials();

    for (int update = 0; update < complete.updates(); update++) {
      int killedAt = update;
      TrialTable table = new TrialTable(space).dyingAtUpdate(killedAt);
      Map<String, Long> checkpoints = new HashMap<>();
      TuningState first = table.emptyState(Direction.MAXIMIZE);
      assertThatThrownBy(
              () ->
                  halvingTuner(12, 4, 2, 4_000)
                      .run(first, new SyntheticTraining(EVALUATION_EVERY, checkpoints)))
          .hasMessage("driver killed");

      table.dyingAtUpdate(Integer.MAX_VALUE);
      TuningState stored = table.rebuild(Direction.MAXIMIZE);
      List<TuningTrial> storedTrials = stored.history().trials();
      SyntheticTraining second = new SyntheticTraining(EVALUATION_EVERY, checkpoints);
      TuningState resumed = halvingTuner(12, 4, 2, 4_000).run(stored, second);

      for (String trained : second.trained()) {
        int number = Integer.parseInt(trained.split("@")[0]);
        int rung = Integer.parseInt(trained.split("@")[1]);
        storedTrials.stream()
            .filter(before -> before.number() == number)
            .forEach(
                before -> {
                  assertThat(before.status().isFinished())
                      .as("killed at update %d: trial %d retrained", killedAt, number)
                      .isFalse();
                  assertThat(before.rungValues())
                      .as(
                          "killed at update %d: trial %d retrained at rung %d",
                          killedAt, number, rung)
                      .doesNotContainKey(rung);
                });
      }
      assertThat(outcome(resumed.history().trials()))
          .as("killed at update %d", killedAt)
          .isEqualTo(outcome(uninterrupted));
    }
  }

  @Test
  void rerunningAFinishedTuningTrainsNothing() {
    TrialTable table = new TrialTable(space);
    TuningState state =
        halvingTuner(12, 4, 2, 4_000)
            .run(table.emptyState(Direction.MAXIMIZE), new SyntheticTraining(EVALUATION_EVERY));

    SyntheticTraining rerun = new SyntheticTraining(EVALUATION_EVERY);
    TuningState again = halvingTuner(12, 4, 2, 4_000).run(table.rebuild(Direction.MAXIMIZE), rerun);

    assertThat(rerun.trained()).isEmpty();
    assertThat(again.history().trials()).isEqualTo(state.history().trials());
  }

  @Test
  void aTrialWhoseTrainingFailsIsRecordedAsFailedAndTheOthersGoOn() {
    Tuner tuner =
        new Tuner(
            4,
            4,
            List.of(0),
            Objective.standard(),
            new RandomSampler(space, 1),
            new NoPruner(2_000));
    RungTrainer failingFirst =
        requests -> {
          List<RunResult> results =
              new ArrayList<>(new SyntheticTraining(EVALUATION_EVERY).run(requests));
          results.set(0, RunResult.failed(requests.get(0).number(), "NaN loss"));
          return results;
        };

    TuningState state = tuner.run(TuningState.empty(Direction.MAXIMIZE), failingFirst);

    assertThat(state.history().trials())
        .extracting(TuningTrial::status)
        .containsExactly(
            TrialState.FAILED, TrialState.COMPLETED, TrialState.COMPLETED, TrialState.COMPLETED);
    assertThat(state.byNumber(0).error()).isEqualTo("NaN loss");
  }

  private Tuner halvingTuner(int trials, int perBracket, int eta, long maxBudget) {
    return new Tuner(
        trials,
        2,
        List.of(0, 1),
        Objective.standard(),
        new TpeSampler(space, 5, 4, 24, 1.0, true),
        new SuccessiveHalving(
            RungSchedule.geometric(1_000, maxBudget, eta, EVALUATION_EVERY), eta, perBracket));
  }

  /** What a tuning decided, without the bookkeeping of revisions. */
  private static List<String> outcome(List<TuningTrial> trials) {
    return trials.stream()
        .map(
            t ->
                t.number()
                    + " "
                    + t.id()
                    + " "
                    + t.status()
                    + "@"
                    + t.rung()
                    + " "
                    + t.rungValues())
        .toList();
  }

  private static <T> List<T> repeat(T value, int times) {
    return Collections.nCopies(times, value);
  }

  private static <T> List<T> concat(List<T> a, List<T> b, List<T> c) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    all.addAll(c);
    return all;
  }
}
