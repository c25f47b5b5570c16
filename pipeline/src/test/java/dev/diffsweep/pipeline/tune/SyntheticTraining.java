package dev.diffsweep.pipeline.tune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link RungTrainer} that "trains" by drawing a learning curve from {@link
 * SyntheticProblem#loss}: the return rises linearly towards -loss as steps go by, and each seed
 * adds a small fixed offset. Like the real trainer it keeps a checkpoint per (trial, seed) and
 * continues from it, and it logs every (trial, rung) it trained so tests can see repeats. It can be
 * told to die after some jobs, as a killed driver would.
 */
public final class SyntheticTraining implements RungTrainer {
  private final long evaluationEvery;
  private final Map<String, Long> checkpoints;
  private final List<String> trained = new ArrayList<>();
  private final List<Long> resumedFrom = new ArrayList<>();
  private int jobsBeforeDying = Integer.MAX_VALUE;
  private int jobs;

  /**
   * @param checkpoints where runs left off: shared between "driver runs" like a study folder
   */
  public SyntheticTraining(long evaluationEvery, Map<String, Long> checkpoints) {
    this.evaluationEvery = evaluationEvery;
    this.checkpoints = checkpoints;
  }

  public SyntheticTraining(long evaluationEvery) {
    this(evaluationEvery, new HashMap<>());
  }

  /** The next call after {@code count} more jobs throws, before training anything. */
  public SyntheticTraining dyingAfter(int count) {
    this.jobsBeforeDying = count;
    return this;
  }

  /** "number@rung" for every trial trained, in order. */
  public List<String> trained() {
    return trained;
  }

  /** The checkpoint step each trained (trial, seed) started from, in order. */
  public List<Long> resumedFrom() {
    return resumedFrom;
  }

  @Override
  public List<RunResult> run(List<RunRequest> requests) {
    if (jobs++ >= jobsBeforeDying) {
      throw new IllegalStateException("driver killed");
    }
    List<RunResult> results = new ArrayList<>();
    for (RunRequest request : requests) {
      trained.add(request.number() + "@" + request.rung());
      double target = -SyntheticProblem.loss(request.proposal().params());
      List<List<EvaluationPoint>> curves = new ArrayList<>();
      for (int seed : request.seeds()) {
        String run = request.proposal().id() + "/s" + seed;
        long from = checkpoints.getOrDefault(run, 0L);
        if (from > request.budget()) {
          throw new IllegalStateException(run + " is past the budget " + request.budget());
        }
        resumedFrom.add(from);
        checkpoints.put(run, request.budget());
        curves.add(curve(target, seed, request.budget(), request.maxBudget()));
      }
      results.add(RunResult.trained(request.number(), curves));
    }
    return results;
  }

  private List<EvaluationPoint> curve(double target, int seed, long budget, long maxBudget) {
    List<EvaluationPoint> curve = new ArrayList<>();
    for (long step = evaluationEvery; step <= budget; step += evaluationEvery) {
      double progress = (double) step / maxBudget;
      curve.add(new EvaluationPoint(step, target * progress + 0.01 * seed));
    }
    return curve;
  }
}
