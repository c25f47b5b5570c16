package dev.diffsweep.pipeline.tune;

import dev.diffsweep.pipeline.tune.pruner.Bracket;
import dev.diffsweep.pipeline.tune.pruner.Pruner;
import dev.diffsweep.pipeline.tune.pruner.RungSchedule;
import dev.diffsweep.pipeline.tune.sampler.Sampler;
import dev.diffsweep.pipeline.tune.space.TrialProposal;
import dev.diffsweep.pipeline.tune.state.TrialState;
import dev.diffsweep.pipeline.tune.state.TuningState;
import dev.diffsweep.pipeline.tune.state.TuningTrial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The tuning loop, free of Spark: propose a cohort of trials, train it rung by rung (one {@link
 * RungTrainer} call per rung), let the pruner cut it down between rungs, repeat until the study's
 * trial count is proposed.
 *
 * <p>Every step is one update of the {@link TuningState}, recorded before the next starts, and the
 * loop picks up from any state: cohorts with live trials are finished first (a trial whose rung
 * value is known is not trained for that rung again, a finished trial never again), pruning
 * decisions are recomputed from the recorded rung values (they are deterministic), and only then
 * are new trials proposed. So a run that was killed resumes from its rebuilt state, and a run that
 * had finished trains nothing.
 */
public final class Tuner {
  private final int trials;
  private final int batchSize;
  private final List<Integer> seeds;
  private final Objective objective;
  private final Sampler sampler;
  private final Pruner pruner;
  private Consumer<String> progress = line -> {};

  /**
   * @param trials how many trials to propose in all
   * @param batchSize trials per cohort where the pruner does not set it (trials in flight, or a
   *     genetic sampler's population)
   * @param seeds the seeds each trial trains with; its objective aggregates over them
   */
  public Tuner(
      int trials,
      int batchSize,
      List<Integer> seeds,
      Objective objective,
      Sampler sampler,
      Pruner pruner) {
    if (trials < 1 || batchSize < 1 || seeds.isEmpty()) {
      throw new IllegalArgumentException("need trials >= 1, batchSize >= 1 and a seed");
    }
    this.trials = trials;
    this.batchSize = batchSize;
    this.seeds = List.copyOf(seeds);
    this.objective = objective;
    this.sampler = sampler;
    this.pruner = pruner;
  }

  /** Where one line per step goes (the driver's log or progress bar). */
  public void onProgress(Consumer<String> newProgress) {
    this.progress = newProgress;
  }

  public RungSchedule rungs() {
    return pruner.rungs();
  }

  /** Runs until the study's trial count is proposed and every trial finished. */
  public TuningState run(TuningState state, RungTrainer runner) {
    for (int cohort = 0; cohort < state.cohortCount(); cohort++) {
      advance(state, cohort, runner);
    }
    while (state.size() < trials) {
      int cohort = state.cohortCount();
      Bracket bracket = pruner.bracket(cohort, batchSize);
      int size = Math.min(bracket.size(), trials - state.size());
      List<TrialProposal> proposals = sampler.propose(size, state.history());
      if (proposals.isEmpty()) {
        progress.accept("the search space has no untried configuration left");
        break;
      }
      state.propose(proposals, cohort, bracket.startRung());
      progress.accept(
          "cohort "
              + cohort
              + ": "
              + proposals.size()
              + " new trials from rung "
              + bracket.startRung());
      advance(state, cohort, runner);
    }
    return state;
  }

  /** Moves one cohort through its rungs until none of its trials is live. */
  private void advance(TuningState state, int cohort, RungTrainer runner) {
    while (true) {
      List<TuningTrial> live =
          state.cohort(cohort).stream().filter(t -> !t.status().isFinished()).toList();
      if (live.isEmpty()) {
        return;
      }
      int rung = live.stream().mapToInt(TuningTrial::rung).min().orElseThrow();
      List<TuningTrial> untrained =
          live.stream().filter(t -> t.rung() == rung && !t.hasValueAtRung()).toList();
      if (!untrained.isEmpty()) {
        train(state, untrained, rung, runner);
      } else if (rung == pruner.rungs().lastRung()) {
        state.record(live.stream().map(TuningTrial::completed).toList());
      } else {
        decide(state, cohort, rung);
      }
    }
  }

  private void train(TuningState state, List<TuningTrial> untrained, int rung, RungTrainer runner) {
    long budget = pruner.rungs().budget(rung);
    progress.accept(
        "rung "
            + rung
            + " ("
            + budget
            + " steps): training "
            + untrained.size()
            + " trials x "
            + seeds.size()
            + " seeds");
    state.record(
        untrained.stream()
            .filter(trial -> trial.status() != TrialState.RUNNING)
            .map(TuningTrial::running)
            .toList());
    List<RunRequest> requests = new ArrayList<>();
    for (TuningTrial trial : untrained) {
      requests.add(
          new RunRequest(
              trial.number(), trial.proposal(), rung, budget, pruner.rungs().maxBudget(), seeds));
    }
    Map<Integer, RunResult> results =
        runner.run(requests).stream()
            .collect(Collectors.toMap(RunResult::number, Function.identity(), (a, b) -> a));
    List<TuningTrial> scored = new ArrayList<>();
    for (RunRequest request : requests) {
      scored.add(scored(state.byNumber(request.number()), results.get(request.number()), budget));
    }
    state.record(scored);
  }

  private TuningTrial scored(TuningTrial trial, RunResult result, long budget) {
    if (result == null) {
      return trial.failed("the runner returned no result");
    }
    if (result.error() != null) {
      return trial.failed(result.error());
    }
    if (result.curvesPerSeed().size() != seeds.size()) {
      return trial.failed(
          "expected " + seeds.size() + " evaluation curves, got " + result.curvesPerSeed().size());
    }
    try {
      double value = objective.value(result.curvesPerSeed(), budget);
      if (!Double.isFinite(value)) {
        return trial.failed("objective is " + value);
      }
      return trial.withRungValue(value);
    } catch (IllegalArgumentException e) {
      return trial.failed(e.getMessage());
    }
  }

  /**
   * Applies the pruner at a rung to every cohort trial with a value there (also those a killed run
   * already moved on: recomputing gives the same decision), then moves on the live ones.
   */
  private void decide(TuningState state, int cohort, int rung) {
    List<TuningTrial> atRung =
        state.cohort(cohort).stream().filter(t -> t.rungValues().containsKey(rung)).toList();
    Set<Integer> survivors = pruner.survivors(rung, atRung, state.history());
    List<TuningTrial> decided = new ArrayList<>();
    for (TuningTrial trial : atRung) {
      if (!trial.status().isFinished() && trial.rung() == rung) {
        decided.add(survivors.contains(trial.number()) ? trial.promoted() : trial.pruned());
      }
    }
    state.record(decided);
    progress.accept(
        "rung "
            + rung
            + ": "
            + survivors.size()
            + " go on, "
            + (atRung.size() - survivors.size())
            + " pruned");
  }
}
