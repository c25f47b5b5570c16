package dev.diffsweep.pipeline.tune;

import java.util.List;

/**
 * What training a {@link RunRequest} gave: one evaluation curve per seed (in the request's seed
 * order, each at least up to the budget), or why it failed.
 *
 * @param error null when the trial trained; otherwise the trial fails with this message
 */
public record RunResult(int number, List<List<EvaluationPoint>> curvesPerSeed, String error) {

  public RunResult {
    curvesPerSeed = curvesPerSeed.stream().map(List::copyOf).toList();
  }

  public static RunResult trained(int number, List<List<EvaluationPoint>> curvesPerSeed) {
    return new RunResult(number, curvesPerSeed, null);
  }

  public static RunResult failed(int number, String error) {
    return new RunResult(number, List.of(), error);
  }
}
